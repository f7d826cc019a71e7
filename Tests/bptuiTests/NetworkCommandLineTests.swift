import BackpropEngine
import Foundation
import Testing

/// The general engine from the command line: any shape on any data set, headless, and a
/// one-line refusal naming what is wrong for every bad input.
@Suite struct NetworkCommandLineTests {
    @Test func twoFiveOneLearnsXorAndReportsJSON() throws {
        let result = try Binary.run(["--headless", "--layers", "2,5,1", "--data", "xor", "--steps", "2000", "--format", "json",
                                     "--learning-rate", "2", "--bias", "per-neuron", "--train-biases"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["iteration"] as? Int == 2000 && report?["epoch"] as? Int == 500)
        let network = report?["network"] as? [String: Any]
        #expect((network?["weights"] as? [Double])?.count == 15 && (network?["biases"] as? [Double])?.count == 6)
        #expect(network?["layers"] as? [Int] == [2, 5, 1] && (network?["samples"] as? [Any])?.count == 4)
        #expect((report?["accuracy"] as? Double) == 1)
        #expect(((report?["error"] as? Double) ?? 1) < 0.02)
    }

    /// A learner's defaults: per-neuron biases, trained, in textbook order, for every network
    /// but the post's.
    @Test func theDefaultsLearnTheReadmesPlaygroundExampleAndXor() throws {
        let circle = try Binary.run(["--headless", "--layers", "2,4,2,1", "--activation", "tanh", "--output-activation", "tanh",
                                     "--data", "circle", "--batch", "10", "--learning-rate", "0.03", "--epochs", "300", "--format", "csv"])
        #expect(circle.status == 0 && circle.stderr.isEmpty, "\(circle.stderr)")
        let testAccuracy = circle.stdoutLines.dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(testAccuracy.count == 301 && testAccuracy.contains { $0 >= 0.95 }, "≥ 95% test accuracy within 300 epochs")
        let xor = try Binary.run(["--headless", "--layers", "2,5,1", "--data", "xor", "--epochs", "2000", "--format", "csv"])
        let accuracy = xor.stdoutLines.dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(xor.status == 0 && accuracy.count == 2001 && accuracy.last == 1, "100% within 2,000 epochs")
        #expect(xor.stdoutLines.first == "iteration,epoch,error,accuracy")
    }

    @Test func aSetupThatCannotLearnSaysSoOnceOnStandardError() throws {
        let odd = try Binary.run(["--headless", "--layers", "2,3,1", "--activation", "tanh", "--output-activation", "tanh",
                                  "--bias", "shared", "--no-train-biases", "--data", "xor", "--epochs", "3"])
        #expect(odd.status == 0)
        #expect(odd.stderr == "bptui: cannot learn: biases fixed at 0 make a tanh net odd — train-biases on\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-zero-one-\(getpid()).csv")
        try "x,y,t\n0,0,0\n1,1,1\n0,1,1\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let tanh = try Binary.run(["--headless", "--layers", "2,3,1", "--output-activation", "tanh", "--data", file.path, "--epochs", "1"])
        #expect(tanh.stderr.contains("0/1 targets on tanh outputs") && tanh.stderr.split(separator: "\n").count == 1)
        let range = try Binary.run(["--headless", "--layers", "2,2,2", "--data", "post", "--bias", "per-neuron"], environment: ["LANG": "C"])
        #expect(range.stderr.isEmpty, "the post's targets are in logistic's range")
    }

    @Test(arguments: ["circle", "gauss", "spiral", "quadrants"])
    func playgroundsSetsRunWithATestSplitAndAccuracy(set: String) throws {
        let result = try Binary.run(["--headless", "--layers", "2,4,2,1", "--activation", "tanh", "--output-activation", "tanh",
                                     "--bias", "per-neuron", "--train-biases", "--data", set, "--batch", "10",
                                     "--learning-rate", "0.03", "--epochs", "4", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.first == "iteration,epoch,error,test_error,accuracy,test_accuracy")
        #expect(lines.count == 6, "epochs 0…4")
        #expect(lines.last?.hasPrefix("100,4,") == true, "250 training points in batches of 10: 25 updates an epoch")
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws {
        let arguments = ["--headless", "--layers", "2,3,1", "--data", "circle", "--epochs", "2", "--format", "csv", "--shuffle"]
        let one = try Binary.run(arguments + ["--seed", "7"]), two = try Binary.run(arguments + ["--seed", "7"])
        let other = try Binary.run(arguments + ["--seed", "8"])
        #expect(one.stdout == two.stdout && one.stdout != other.stdout)
    }

    @Test func thePostsShapeWithThePostsDataIsThePostsRun() throws {
        let layered = try Binary.run(["--headless", "--layers", "2,2,2", "--format", "csv"])
        let post = try Binary.run(["--headless", "--format", "csv"])
        #expect(layered.stdout == post.stdout && layered.stdoutLines.last?.hasPrefix("10000,3.508478629") == true,
                "the post's network on its sample writes the post's columns, the same E_total to the bit")
    }

    @Test(arguments: [
        (["--layers", "2,0,1", "--data", "xor"], "bptui: --layers 2,0,1: layer 1 has size 0; every layer needs at least 1 neuron"),
        (["--layers", "2", "--data", "xor"], "bptui: --layers 2: layers needs at least an input and an output size, got 1 size"),
        (["--layers", "2,3,1", "--loss", "cross-entropy", "--output-activation", "tanh", "--data", "xor"],
         "bptui: --loss cross-entropy: cross-entropy needs logistic or softmax outputs, got tanh"),
        (["--layers", "2,3,1", "--output-activation", "softmax", "--data", "xor"], "bptui: --output-activation softmax (--layers 2,3,1): softmax needs at least 2 outputs, got 1"),
        (["--layers", "2,3,1"], "bptui: --layers 2,3,1 needs --data: post, xor, and, or, circle, gauss, spiral, quadrants, clusters, or a CSV file"),
        (["--layers", "2,3,1", "--data", "circle", "--test-fraction", "1"], "bptui: --test-fraction must be in [0, 1), got 1.0"),
        (["--layers", "3,3,1", "--data", "xor"], "bptui: --data xor has 2 inputs; --layers starts with 3"),
        (["--layers", "2,3,1", "--data", "xor", "--steps", "5", "--epochs", "3"], "bptui: --steps and --epochs both say how long to train; give one"),
    ])
    func badShapesAndDataGetOneLine(arguments: [String], message: String) throws {
        let result = try Binary.run(["--headless"] + arguments)
        #expect(result.status != 0 && result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
    }

    @Test(arguments: ["--activation foo", "--loss nope", "--batch 0", "--layers a,b"])
    func unknownValuesAreRefusedByTheParserInOneLine(option: String) throws {
        let result = try Binary.run(["--headless", "--data", "xor"] + option.split(separator: " ").map(String.init))
        #expect(result.status != 0 && result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(option.split(separator: " ")[0]))
    }

    @Test(arguments: [
        ("a,b,t\n1,2,0\n1,x,1\n", "line 3, column 2: \"x\" is not a finite decimal number"),
        ("a,b,t\n1,2\n", "line 2 has 2 columns, the header 3"),
        ("a,b\n1,2\n", "line 1 has 2 columns; the layers need 2 inputs + 1 target = 3"),
        ("", "is empty; expected a header row and samples"),
    ])
    func badCSVNamesTheFileTheLineAndTheColumn(text: String, message: String) throws {
        try Binary.withTemporaryFile(Data(text.utf8), name: "data.csv") { path in
            let result = try Binary.run(["--headless", "--layers", "2,3,1", "--data", path])
            #expect(result.status == 1 && result.stdout.isEmpty)
            #expect(result.stderr == "bptui: --data \(path): \(message)\n")
        }
    }

    @Test func shapeOptionsOpenTheScreenAndWithoutATerminalSaySo() throws {
        let result = try Binary.run(["--layers", "2,5,1", "--data", "xor"])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr == "bptui: standard input is not a terminal; use --headless for a run without a screen\n")
        let epochs = try Binary.run(["--layers", "2,5,1", "--data", "xor", "--epochs", "5"])
        #expect(epochs.status == 64 && epochs.stderr.contains("--epochs is for --headless runs; add --headless"))
    }

    @Test func aReportsNetworkContinuesTheRunExactly() throws {
        let common = ["--headless", "--layers", "2,4,2,1", "--activation", "tanh", "--output-activation", "tanh", "--bias", "per-neuron",
                      "--train-biases", "--data", "circle", "--samples", "100", "--batch", "7", "--shuffle", "--learning-rate", "0.03",
                      "--format", "json"]
        let first = try Binary.run(common + ["--steps", "150"])
        let straight = try Binary.run(common + ["--steps", "200"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let network = try JSONSerialization.data(withJSONObject: try #require(report["network"]))
        try Binary.withTemporaryFile(network, name: "run.json") { path in
            let continued = try Binary.run(["--headless", "--config", path, "--steps", "50", "--format", "json"])
            #expect(continued.status == 0, "\(continued.stderr)")
            func field(_ text: String, _ key: String) throws -> String {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                return "\(object[key] ?? "none")"
            }
            #expect(try field(continued.stdout, "iteration") == "200")
            #expect(try field(continued.stdout, "error") == (try field(straight.stdout, "error")), "150 + 50 updates give the 200th error")
        }
    }

    @Test(arguments: [
        (#"{"layers": [2, 5, 1], "weights": [1, 2], "samples": [{"inputs": [0, 1], "targets": [1]}]}"#, "bptui: --config: layers 2,5,1 need 15 weights, got 2"),
        (#"{"layers": [2, 5, 1], "hiddenWeights": [1, 2, 3, 4]}"#, "hiddenWeights\" with \"layers\" (it belongs to the post's 2-2-2 schema; use weights and biases)"),
        (#"{"layers": [2, 3, 1], "samples": [{"inputs": [0], "targets": [1]}]}"#, "bptui: --config: key \"samples[0]\" has 1 input and 1 target; the layers need 2 and 1"),
        (#"{"layers": [2, 3, 1], "samples": [{"inputs": [0, 1], "targets": [1]}], "testSamples": [{"inputs": [0, 1], "targets": [1]}, {"inputs": [0], "targets": [1, 0]}]}"#,
         "bptui: --config: key \"testSamples[1]\" has 1 input and 2 targets; the layers need 2 and 1"),
        (#"{"layers": [2, 3, 1], "samples": [],}"#, "invalid JSON: trailing comma before }"),
    ])
    func badRunConfigsGetOneLine(text: String, message: String) throws {
        try Binary.withTemporaryFile(Data(text.utf8), name: "bad.json") { path in
            let result = try Binary.run(["--headless", "--config", path])
            #expect(result.status == 1 && result.stdout.isEmpty)
            #expect(result.stderr.hasSuffix("\n") && result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(message),
                    "\(result.stderr)")
        }
    }
}

/// `--format walk`: the derivation of one iteration as text, for any network.
@Suite struct WalkCommandLineTests {
    @Test func theWalkOfXorOnTwoThreeOneIsAWholeDerivation() throws {
        let result = try Binary.run(["--headless", "--format", "walk", "--layers", "2,3,1", "--data", "xor"],
                                    environment: ["LANG": "C.UTF-8"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "The walk through iteration 1 of 2-3-1, textbook order, batch of 1", "textbook: the default beside the post's")
        for heading in ["Forward pass of the sample (0, 0)", "The error", "Output layer: w7 in full, then w8…w9 the same way",
                        "Biases of the output layer", "Hidden layer: w1 in full, then w2…w6 the same way", "Biases of the hidden layer",
                        "The update"] {
            #expect(lines.contains(heading), "\(heading)")
        }
        for name in ["net_h1", "out_h3", "net_o1", "out_o1", "E_o1", "∂E_total/∂w7", "w9⁺", "δ_o1", "∂E_total/∂out_h1", "w6⁺",
                     "every weight takes its w⁺: w1 … w9 and b1 … b4; then E_total"] {
            #expect(lines.contains { $0.hasPrefix("  " + name + " ") }, "\(name)")
        }
        #expect(lines.last?.hasPrefix("    its change: ") == true)
    }

    @Test func thePostsNetworkWalkedAsAnyNetworkShowsThePostsFigures() throws {
        let general = try Binary.run(["--headless", "--format", "walk", "--layers", "2,2,2"], environment: ["LANG": "C.UTF-8"])
        let post = try Binary.run(["--headless", "--format", "walk"], environment: ["LANG": "C.UTF-8"])
        #expect(general.status == 0 && general.stdout.contains("✓ the post: 0.082167041"))
        #expect(Array(general.stdoutLines.dropFirst()) == Array(post.stdoutLines.dropFirst()), "one walk, one engine")
    }

    @Test func stepsChoosesTheIterationAndLANGCWritesASCII() throws {
        let result = try Binary.run(["--headless", "--format", "walk", "--steps", "4", "--order", "textbook"], environment: ["LANG": "C"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("The walk through iteration 5 of the post's network, textbook order\n"))
        #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "ASCII under LANG=C")
        #expect(result.stdout.contains("  dE_total/dw5 = dE_total/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5 = "), "\(result.stdout)")
        let first = try Binary.run(["--headless", "--format", "walk"], environment: ["LANG": "C.UTF-8"])
        #expect(first.stdout.contains("net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.377500000   ✓ the post: 0.3775"))
        #expect(first.stdout.contains("every weight takes its w⁺: w1 … w8; then E_total = 0.291027924   ✓ the post: 0.291027924"))
        let ascii = try Binary.run(["--headless", "--format", "walk"], environment: ["LANG": "C"])
        #expect(ascii.stdout.contains("net_h1 = w1*i1 + w2*i2 + b1*1 = 0.15*0.05 + 0.2*0.1 + 0.35*1 = 0.377500000"), "products are *")
    }
}
