import Foundation
import Testing

/// `--playground URL` from the command line: Playground's own losses epoch by epoch, a
/// resumable JSON report, and one line for a bad link.
@Suite struct PlaygroundCommandLineTests {
    static let reluL1 = "https://playground.tensorflow.org/#seed=0.83447&activation=relu&batchSize=3&regularization=L1"
        + "&regularizationRate=0.01&xTimesY=true"

    /// (training, test) loss of each CSV row, by epoch.
    static func losses(_ lines: [String]) -> [Int: (Double, Double)] {
        var found: [Int: (Double, Double)] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            if let epoch = Int(fields[1]), let training = Double(fields[2]), let test = Double(fields[3]) { found[epoch] = (training, test) }
        }
        return found
    }

    @Test func aLinkTrainsHeadlessToPlaygroundsLosses() throws {
        let result = try Binary.run(["--headless", "--playground", "#seed=0.83447", "--epochs", "100", "--format", "csv"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdoutLines.first == "iteration,epoch,error,test_error,accuracy,test_accuracy")
        let found = Self.losses(result.stdoutLines)
        #expect(found.count == 101)
        for (epoch, training, test) in [(0, 0.4993452196248791, 0.5032914653397174), (1, 0.4981039264331062, 0.5017635142221057),
                                        (10, 0.47480116571370595, 0.47676783413513807), (100, 0.005739968795040267, 0.010673300453857688)] {
            let (mine, mineTest) = found[epoch] ?? (.nan, .nan)
            #expect(abs(mine - training) < 1e-9 && abs(mineTest - test) < 1e-9, "epoch \(epoch)")
        }
    }

    @Test func aJSONReportResumesTheRunExactlyDeadWeightsAndAll() throws {
        let first = try Binary.run(["--headless", "--playground", Self.reluL1, "--epochs", "10", "--format", "json"])
        #expect(first.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let network = try #require(report["network"] as? [String: Any])
        #expect(network["carriesPartialBatch"] as? Bool == true && (network["dead"] as? [Int])?.isEmpty == false)
        // The features are kept as features, the samples as their points: the data view maps them.
        #expect(network["features"] as? [String] == ["x1", "x2", "x1*x2"] && network["inputNames"] == nil)
        #expect(((network["samples"] as? [[String: Any]])?.first?["inputs"] as? [Double])?.count == 2)
        #expect(report["accuracy"] is Double && report["testAccuracy"] is Double)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-playground-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: network).write(to: file)
        let resumed = try Binary.run(["--headless", "--config", file.path, "--epochs", "10", "--format", "csv"])
        let straight = try Binary.run(["--headless", "--playground", Self.reluL1, "--epochs", "20", "--format", "csv"])
        #expect(resumed.status == 0 && resumed.stdoutLines.last == straight.stdoutLines.last)
        let (training, test) = Self.losses(straight.stdoutLines)[20] ?? (.nan, .nan)
        #expect(abs(training - 0.0782993114612328) < 1e-9 && abs(test - 0.11950176046526428) < 1e-9)
    }

    @Test(arguments: [
        (["--playground", "#activation=swish"], "bptui: --playground: activation=swish: Playground offers linear, relu, sigmoid, tanh\n"),
        (["--playground", "#batchSize=300"], "bptui: --playground batchSize=300: more than the 250 training points, so Playground would never update\n"),
        (["--playground", "#learningrate=0.1"], nil),
    ])
    func aBadLinkIsOneLine(arguments: [String], message: String?) throws {
        let result = try Binary.run(["--headless", "--epochs", "1"] + arguments)
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        if let message { #expect(result.stderr == message) } else { #expect(result.stderr.contains("key \"learningrate\" is not one of Playground's")) }
    }

    @Test func aLinkIsTheWholeExperiment() throws {
        let result = try Binary.run(["--headless", "--playground", "#seed=1", "--layers", "2,3,1", "--epochs", "1"])
        #expect(result.status != 0 && result.stderr.contains("--playground sets the whole experiment; it cannot be combined with --layers"))
        let unseeded = try Binary.run(["--headless", "--playground", "#networkShape=2", "--epochs", "1", "--format", "csv"])
        #expect(unseeded.status == 0 && unseeded.stderr.hasPrefix("bptui: the link has no seed; this run's is 0."))
    }

    /// The JavaScript peer (Tests/Peers) under Node with Debian's node-seedrandom, when the
    /// machine has them; CI installs them.
    static let peer: URL? = {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/playground_peer.js")
        let ready = FileManager.default.isExecutableFile(atPath: "/usr/bin/node")
            && FileManager.default.fileExists(atPath: "/usr/share/nodejs/seedrandom/package.json")
        return ready ? script : nil
    }()

    /// Every data set, feature mixes, every activation, L1 and L2, initZero, batches that do
    /// and do not divide the training points, noise and splits.
    static let links = [
        "#seed=0.1&dataset=circle&noise=25",
        "#seed=0.2&dataset=xor&activation=relu&batchSize=7&xTimesY=true&xSquared=true&ySquared=true",
        "#seed=0.3&dataset=gauss&activation=sigmoid&noise=50&percTrainData=30&batchSize=1",
        "#seed=0.4&dataset=spiral&networkShape=8,8,6&sinX=true&sinY=true&regularization=L2&regularizationRate=0.003&learningRate=0.1",
        "#seed=0.5&dataset=spiral&activation=linear&noise=10&batchSize=30&x=false&xTimesY=true",
        "#seed=0.6&problem=regression&regDataset=reg-plane&noise=20&networkShape=3&regularization=L1&regularizationRate=0.03",
        "#seed=0.7&problem=regression&regDataset=reg-gauss&activation=relu&percTrainData=70&batchSize=4&learningRate=0.01",
        "#seed=0.8&dataset=circle&initZero=true&networkShape=",
        "#seed=abc&dataset=xor&activation=tanh&regularization=L1&regularizationRate=0.1&batchSize=11&networkShape=5,5",
    ]

    @Test(.enabled(if: peer != nil, "needs node and node-seedrandom"), arguments: links)
    func everyKindOfLinkLosesWhatAJavaScriptPeerLoses(link: String) throws {
        let epochs = 30, script = try #require(Self.peer)
        let node = Process(), out = Pipe()
        node.executableURL = URL(fileURLWithPath: "/usr/bin/node")
        node.arguments = [script.path, link, String(epochs)]
        node.environment = ["NODE_PATH": "/usr/share/nodejs"]
        node.standardOutput = out
        try node.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        node.waitUntilExit()
        let peer = text.split(separator: "\n").map { $0.split(separator: ",").compactMap { Double($0) } }
        let mine = try Binary.run(["--headless", "--playground", link, "--epochs", String(epochs), "--format", "csv"])
        #expect(mine.status == 0 && peer.count == epochs + 1, "\(mine.stderr)")
        let rows = Self.losses(mine.stdoutLines)
        for line in peer where line.count == 3 {
            let (training, test) = rows[Int(line[0])] ?? (.nan, .nan)
            #expect(abs(training - line[1]) < 1e-9 && abs(test - line[2]) < 1e-9, "epoch \(Int(line[0])): \(training) vs \(line[1])")
        }
    }

    /// `--regularization` for any network, kept in the JSON that resumes it.
    @Test func anyNetworkTakesAPenalty() throws {
        let result = try Binary.run(["--headless", "--layers", "2,8,1", "--data", "circle", "--regularization", "l2",
                                     "--regularization-rate", "0.01", "--epochs", "2", "--format", "json"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let penalty = (report["network"] as? [String: Any])?["regularization"] as? [String: Any]
        #expect(penalty?["kind"] as? String == "l2" && penalty?["rate"] as? Double == 0.01)
        let lonely = try Binary.run(["--headless", "--layers", "2,3,1", "--data", "xor", "--regularization-rate", "0.1"])
        #expect(lonely.status != 0 && lonely.stderr.contains("--regularization-rate needs a penalty"))
    }
}

/// `--features` for any run on 2-input data, and its refusals.
@Suite struct FeaturesCommandLineTests {
    @Test func featuresMakeTheInputLayerOfAnyRun() throws {
        let run = try Binary.run(["--headless", "--features", "x1^2,x2^2", "--layers", "2,1", "--activation", "tanh", "--output-activation", "tanh",
                                  "--data", "circle", "--learning-rate", "0.03", "--init", "playground", "--batch", "10", "--epochs", "200",
                                  "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((report["network"] as? [String: Any])?["features"] as? [String] == ["x1^2", "x2^2"])
        // A circle is x1² + x2² < r²: one neuron on the squares separates it.
        #expect((report["testAccuracy"] as? Double ?? 0) > 0.95, "\(report["testAccuracy"] ?? "none")")
        let mismatch = try Binary.run(["--headless", "--features", "x1,x2,x1^2", "--layers", "2,4,1", "--data", "circle"])
        #expect(mismatch.status == 1 && mismatch.stderr == "bptui: --features x1,x2,x1^2: 3 features make 3 inputs; the layers start with 2\n")
        let unknown = try Binary.run(["--headless", "--features", "x1,cos(x1)", "--layers", "2,4,1", "--data", "circle"])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("bptui: --features x1,cos(x1): \"cos(x1)\" is not a feature"))
    }
}

/// `--format json` of a link's run gives its link back, which trains the same losses.
@Suite struct PlaygroundReportLinkTests {
    @Test func theReportsLinkTrainsTheSameRun() throws {
        let link = "#seed=0.7&dataset=gauss&activation=sigmoid&noise=30&batchSize=4&xSquared=true&regularization=L1&regularizationRate=0.001"
        let first = try Binary.run(["--headless", "--playground", link, "--epochs", "5", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let back = try #require(report["playground"] as? String)
        let again = try Binary.run(["--headless", "--playground", back, "--epochs", "5", "--format", "csv"])
        let straight = try Binary.run(["--headless", "--playground", link, "--epochs", "5", "--format", "csv"])
        #expect(again.status == 0 && again.stdout == straight.stdout && !straight.stdout.isEmpty)
        let plain = try Binary.run(["--headless", "--layers", "2,3,1", "--data", "circle", "--epochs", "1", "--format", "json"])
        #expect(!plain.stdout.contains("\"playground"), "a run not opened from a link has no link to give")
    }
}
