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
}
