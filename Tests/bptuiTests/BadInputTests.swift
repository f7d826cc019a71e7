import Foundation
import Testing

extension Binary.Result {
    /// Checks the shape of every refusal: one line on stderr mentioning `expected`, a non-zero
    /// exit, nothing on stdout.
    func expectOneLineError(mentioning expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status != 0, sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, "stdout: \(stdout)", sourceLocation: sourceLocation)
        #expect(stderr.split(separator: "\n").count == 1, "stderr: \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("bptui: "), sourceLocation: sourceLocation)
        #expect(stderr.contains(expected), "stderr: \(stderr)", sourceLocation: sourceLocation)
    }
}

/// Each bad input: one line on stderr naming what and where, a non-zero exit, nothing on stdout.
@Suite struct BadInputTests {
    func expectOneLineError(_ arguments: [String], mentioning expected: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Binary.run(["--headless"] + arguments).expectOneLineError(mentioning: expected, sourceLocation: sourceLocation)
    }

    /// Runs `--headless --config FILE` on a file holding `text`.
    func expectOneLineError(config text: String, mentioning expected: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Binary.withTemporaryFile(Data(text.utf8)) { path in
            try expectOneLineError(["--config", path], mentioning: expected, sourceLocation: sourceLocation)
        }
    }

    @Test func missingFile() throws {
        try expectOneLineError(["--config", "/nonexistent/net.json"], mentioning: "/nonexistent/net.json: no such file")
    }

    @Test func directory() throws {
        try expectOneLineError(["--config", NSTemporaryDirectory()], mentioning: "is a directory")
    }

    @Test func binaryFile() throws {
        try Binary.withTemporaryFile(Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0xFF, 0xFE])) { path in
            try expectOneLineError(["--config", path], mentioning: "\(path): is not a UTF-8 text file")
        }
    }

    @Test func emptyFile() throws {
        try expectOneLineError(["--config", "/dev/null"], mentioning: "/dev/null: is empty")
    }

    @Test func invalidJSONNamesTheLineAndColumn() throws {
        try expectOneLineError(config: "{\"hiddenBias\": 1,\n  \"outputBias\" 2}",
                               mentioning: "invalid JSON: Invalid value around line 2, column 16")
    }

    @Test func truncatedJSON() throws {
        try expectOneLineError(config: #"{"inputs": [0.05, "#, mentioning: "invalid JSON: Unexpected end of file")
    }

    @Test func trailingCommaIsInvalidJSON() throws {
        try expectOneLineError(config: #"{"learningRate": 0.5,}"#, mentioning: "invalid JSON: trailing comma before } at line 1, column 21")
        try expectOneLineError(config: "{\"inputs\": [0.1,\n 0.2,\n ]}", mentioning: "invalid JSON: trailing comma before ] at line 2, column 5")
        try expectOneLineError(config: #"{"order": "a,]"}"#, mentioning: #"key "order" must be "published" or "textbook""#)
    }

    @Test func topLevelNotAnObject() throws {
        try expectOneLineError(config: "[0.05, 0.1]", mentioning: "the top level must be a JSON object")
    }

    @Test func unknownKey() throws {
        try expectOneLineError(config: #"{"weights": [1]}"#, mentioning: #"unknown key "weights""#)
    }

    @Test func wrongType() throws {
        try expectOneLineError(config: #"{"hiddenBias": "0.35"}"#, mentioning: #"key "hiddenBias" must be a finite number"#)
        try expectOneLineError(config: #"{"inputs": 0.05}"#, mentioning: "got something that is not an array")
        try expectOneLineError(config: #"{"trainBiases": 1}"#, mentioning: #"key "trainBiases" must be true or false"#)
        try expectOneLineError(config: #"{"order": "backwards"}"#, mentioning: #"key "order" must be "published" or "textbook""#)
    }

    @Test func arrayOfTheWrongLength() throws {
        try expectOneLineError(config: #"{"outputWeights": [0.4, 0.45, 0.5]}"#,
                               mentioning: #"key "outputWeights" must be an array of 4 finite numbers [w5, w6, w7, w8], got 3 numbers"#)
    }

    @Test func nonFiniteNumber() throws {
        try expectOneLineError(config: #"{"targets": [0.01, 1e999]}"#, mentioning: #"key "targets" must be an array of 2 finite numbers [target_o1, target_o2], got an entry that is not a finite number"#)
    }

    @Test func learningRateNotPositiveOrNotFinite() throws {
        try expectOneLineError(config: #"{"learningRate": 0}"#, mentioning: #"key "learningRate" must be a finite number above 0, got 0.0"#)
        try expectOneLineError(["--learning-rate", "-0.5"], mentioning: "--learning-rate -0.5 is negative; η must be a finite number above 0")
        try expectOneLineError(["--learning-rate", "inf"], mentioning: "--learning-rate inf is infinity; η must be a finite number above 0")
        try expectOneLineError(["--learning-rate", "fast"], mentioning: "'fast' is invalid for '--learning-rate")
        try expectOneLineError(["--learning-rate", "0x10"], mentioning: "'0x10' is invalid for '--learning-rate")
        try expectOneLineError(["--layers", "2,3,1", "--data", "circle", "--noise", "0x0"], mentioning: "'0x0' is not a decimal number")
        try expectOneLineError(["--layers", "2,3,1", "--data", "circle", "--test-fraction", "0x0.8"], mentioning: "'0x0.8' is not a decimal number")
    }

    @Test func stepsAndEvery() throws {
        try expectOneLineError(["--steps", "-1"], mentioning: "--steps must be 0 or more, got -1")
        try expectOneLineError(["--every", "0"], mentioning: "--every must be 1 or more, got 0")
        try expectOneLineError(["--steps", "many"], mentioning: "'many' is invalid for '--steps")
    }

    @Test func unknownOrderOrFormat() throws {
        try expectOneLineError(["--order", "random"], mentioning: "'random' is invalid for '--order")
        try expectOneLineError(["--format", "xml"], mentioning: "'xml' is invalid for '--format")
    }

    @Test func duplicateKey() throws {
        try expectOneLineError(config: #"{"hiddenBias": 1, "hiddenBias": 2}"#, mentioning: #"key "hiddenBias" appears more than once"#)
    }

    @Test func divergenceStopsWithTheRowsSoFar() throws {
        let result = try Binary.withTemporaryFile(Data(#"{"outputWeights": [1e308, 1e308, 0.5, 0.55], "learningRate": 1e300}"#.utf8)) {
            try Binary.run(["--headless", "--format", "csv", "--config", $0])
        }
        #expect(result.status == 1)
        #expect(result.stderr == "bptui: diverged at iteration 1 (η = 1e+300): a weight or the error stopped being finite; "
            + "the rows above are the last finite ones\n")
        #expect(result.stdoutLines == ["iteration,error,out_o1,out_o2", "0,0.5136100255838477,1.0,0.7729284653214625"])
    }
}

/// The reliability issue's further inputs: each still one line, never a crash.
@Suite struct HostileInputTests {
    @Test func hundredMegabyteFileIsRefusedUnread() throws {
        let (path, result) = try Binary.withTemporaryFile(Data()) { path in
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: 100_000_000)
            try handle.close()
            return (path, try Binary.run(["--headless", "--config", path]))
        }
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "bptui: \(path): larger than 1 MiB; a configuration is a small JSON object\n")
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let result = try Binary.withTemporaryFile(Data([0xEF, 0xBB, 0xBF]) + Data(#"{"learningRate": 0.25}"#.utf8)) {
            try Binary.run(["--headless", "--format", "json", "--steps", "0", "--config", $0])
        }
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""learningRate" : 0.25"#))
    }

    @Test func deeplyNestedJSONIsOneLine() throws {
        let deep = #"{"inputs": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let (path, result) = try Binary.withTemporaryFile(Data(deep.utf8)) { ($0, try Binary.run(["--headless", "--config", $0])) }
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("bptui: \(path): invalid JSON: Too many nested arrays or dictionaries around line 1, column "))
    }

    @Test func hugeLearningRateOnThePostsNetworkDivergesAtIterationOne() throws {
        let result = try Binary.run(["--headless", "--format", "csv", "--learning-rate", "1e300"])
        #expect(result.status == 1)
        #expect(result.stdoutLines == ["iteration,error,out_o1,out_o2", "0,0.2983711087600027,0.7513650695523157,0.7729284653214625"])
        #expect(result.stderr.hasPrefix("bptui: diverged at iteration 1 (η = 1e+300)"))
    }

    @Test func extremeConfigValuesDivergeAtIterationZero() throws {
        let result = try Binary.withTemporaryFile(Data(Self.divergingAtZero.utf8)) { try Binary.run(["--headless", "--config", $0]) }
        #expect(result.status == 1)
        #expect(result.stderr == "bptui: diverged at iteration 0 (η = 0.5): the starting network already computes a value that is not finite\n")
        #expect(result.stdoutLines == ["10000 updates, published order, η = 0.5, biases fixed",
                                       " iteration        E_total         out_o1         out_o2"])
    }

    /// Counts and sizes from input are checked before anything overflows or is allocated:
    /// one line, exit 1, never a trap (these trapped or were killed for memory before).
    @Test func hugeCountsAndSizesAreRefusedWithOneLine() throws {
        let huge = try Binary.run(["--headless", "--layers", "2,9223372036854775807,1", "--data", "xor"])
        #expect(huge.status == 1 && huge.stderr == "bptui: --layers 2,9223372036854775807,1: over 100 million weights, the most bptui trains\n",
                "\(huge.stderr)")
        let wide = try Binary.run(["--headless", "--layers", "2,100000,100000,1", "--data", "xor"])
        #expect(wide.status == 1 && wide.stderr.contains("over 100 million weights"))
        let samples = try Binary.run(["--headless", "--layers", "2,3,1", "--data", "circle", "--samples", "1000000000"])
        #expect(samples.status == 1 && samples.stderr.hasPrefix("bptui: --samples 1000000000: 1,000,000,000 samples need ~"), "\(samples.stderr)")
        #expect(samples.stderr.split(separator: "\n").count == 1)
        let file = #"{"layers":[2,2,1],"iteration":9223372036854775806,"samples":[{"inputs":[0,1],"targets":[1]}]}"#
        let iteration = try Binary.withTemporaryFile(Data(file.utf8)) { try Binary.run(["--headless", "--config", $0]) }
        #expect(iteration.status == 1 && iteration.stderr.contains(#"key "iteration" must be at most 2^53"#), "\(iteration.stderr)")
        let saved = #"{"layers":[2,2,1],"iteration":100,"epoch":100,"samples":[{"inputs":[0,1],"targets":[1]}]}"#
        for option in ["--steps", "--epochs"] {
            let steps = try Binary.withTemporaryFile(Data(saved.utf8)) { try Binary.run(["--headless", "--config", $0, option, "9223372036854775807"]) }
            #expect(steps.status == 1 && steps.stderr == "bptui: \(option) 9223372036854775807: from 100, where the run starts, "
                + "that passes 2^53, the largest count bptui trains to\n", "\(steps.stderr)")
        }
    }

    /// A full disk is said in one line with a non-zero exit, never a truncated file and exit 0.
    @Test(arguments: ["csv", "json", "table", "walk"])
    func aWriteThatFailsIsSaidAndExitsNonZero(format: String) throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { return }
        let result = try Binary.run(["--headless", "--format", format], redirectingOutputTo: "/dev/full")
        #expect(result.status == 1 && result.stderr.hasPrefix("bptui: cannot write the output: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// A closed or full standard error trapped (exit 132) on the first message; the exit
    /// still says what happened.
    @Test(arguments: [("--headless --bogus 2>&-", 64), ("2>&- >/dev/null", 1), ("--headless --learning-rate 1e300 2>/dev/full >/dev/null", 1)])
    func aFailingStandardErrorIsNoTrap(redirections: String, status: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" \(redirections)", Binary.url.path]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == Int32(status), "\(redirections)")
    }

    /// --help, --version and a completion script to a full disk exited 0 with nothing written.
    @Test(arguments: ["--help", "--version", "--generate-completion-script bash"])
    func helpToAFullDiskSaysSo(arguments: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" \(arguments) >/dev/full", Binary.url.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1 && said == "bptui: cannot write the output: no space left on device\n", "\(arguments): \(said)")
    }

    /// A FIFO with no writer was waited on for ever; standard input and pipes are read.
    @Test func pipesAndStandardInputAreReadAndAFIFOWithNoWriterIsRefused() throws {
        try Binary.withTemporaryDirectory { directory in
            let fifo = directory.appendingPathComponent("fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let silent = try Binary.run(["--headless", "--config", fifo])
            #expect(silent.status == 1 && silent.stderr == "bptui: \(fifo): nothing to read for 5 s (a FIFO with no writer?)\n", "\(silent.stderr)")
        }
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["--headless", "--steps", "1", "--config", "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"order": "textbook"}"#.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.hasPrefix("1 update, textbook order"), "\(text)")
    }

    static let divergingAtZero = #"{"inputs": [1.7e308, 1.7e308], "hiddenWeights": [1.7e308, -1.7e308, 1.7e308, 1.7e308]}"#

    @Test func controlCharactersFromAFileAreEscapedInTheMessage() throws {
        try Binary.withTemporaryFile(Data("x1,x2,y\n0,\u{1B}]0;PWNED\u{07}\u{1B}[2J,1\n".utf8)) { path in
            let result = try Binary.run(["--headless", "--layers", "2,3,1", "--data", path])
            result.expectOneLineError(mentioning: #""\x1b]0;PWNED\x07\x1b[2J" is not a finite decimal number"#)
            #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
    }

    @Test(arguments: [("--epochs", "-1", "--epochs must be 0 or more, got -1"), ("--samples", "-5", "--samples must be 2 or more, got -5"),
                      ("--noise", "-0.1", "--noise must be in 0…0.5, got -0.1"),
                      ("--test-fraction", "-0.1", "--test-fraction must be in [0, 1), got -0.1")])
    func aNegativeValueIsNamedNotMissing(option: String, value: String, message: String) throws {
        try BadInputTests().expectOneLineError(["--layers", "2,3,1", "--data", "circle", option, value], mentioning: message)
    }

    @Test func aFlagOrAFileKeyIsBlamedOnlyWhenItWasGiven() throws {
        try BadInputTests().expectOneLineError(["--layers", "2,3,1", "--data", "circle", "--test-fraction", "0.999"],
                               mentioning: "--test-fraction 0.999: holds out all 500 samples, leaving none to train on")
        try BadInputTests().expectOneLineError(config: #"{"layers": [2, -3, 1]}"#,
                               mentioning: #"--config: key "layers": layer 1 has size -3; every layer needs at least 1 neuron"#)
        let samples = #""samples": [{"inputs": [0, 0], "targets": [0]}, {"inputs": [1, 1], "targets": [0]}]"#
        try BadInputTests().expectOneLineError(config: #"{"layers": [2, 3, 1], "position": 5, "# + samples + "}",
                               mentioning: #"--config: key "position" is 5, past the 2 training samples of an epoch"#)
    }

    /// A count no run could reach, and a feature named twice, were accepted.
    @Test func aConfigThatNoRunCouldHaveWrittenIsRefused() throws {
        let one = #""samples": [{"inputs": [0, 0], "targets": [1]}], "batch": 1"#
        try BadInputTests().expectOneLineError(config: #"{"layers": [2, 3, 1], "iteration": 5, "epoch": 0, "# + one + "}",
                               mentioning: #"--config: key "iteration" is 5, more updates than 1 training sample give by epoch 0, position 0 (at most 0)"#)
        let run = try Binary.withTemporaryFile(Data(("{\"layers\": [2, 3, 1], \"iteration\": 3, \"epoch\": 3, " + one + "}").utf8)) { path in
            try Binary.run(["--headless", "--config", path, "--steps", "4", "--format", "csv"])
        }
        #expect(run.status == 0 && run.stdoutLines.last?.hasPrefix("7,7,") == true, "a reachable count still loads: \(run.stdout)")
        try BadInputTests().expectOneLineError(config: #"{"layers": [2, 3, 1], "features": ["x1", "x1"]}"#,
                               mentioning: #"key "features" names x1 twice"#)
    }

    /// A starting network whose error already overflows: the report of iteration 0, null for the error.
    @Test func aNonFiniteStartStillWritesItsReport() throws {
        try Binary.withTemporaryFile(Data("x1,x2,y\n1,2,1e300\n2,1,1e300\n".utf8)) { path in
            let result = try Binary.run(["--headless", "--layers", "2,3,1", "--output-activation", "linear", "--data", path, "--format", "json"])
            #expect(result.status == 1)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["error"] is NSNull && report["iteration"] as? Int == 0 && report["network"] != nil)
        }
    }

    /// Past 9 integer digits a number is written in scientific form, and columns stay apart.
    @Test func hugeNumbersKeepTheirColumns() throws {
        try Binary.withTemporaryFile(Data("x1,x2,y\n1,2,1e100\n2,1,1e100\n".utf8)) { path in
            let result = try Binary.run(["--headless", "--layers", "2,3,1", "--output-activation", "linear", "--data", path,
                                         "--learning-rate", "1e-250", "--epochs", "2"])
            #expect(result.status == 0)
            #expect(result.stdoutLines.last == "         4       2 5.000000000e+199", "\(result.stdout)")
        }
    }

    /// What used to be accepted without a word is refused with one line.
    @Test(arguments: [
        (["--layers", "2,3,1", "--data", "xor", "--noise", "0.3"], "--noise 0.3: --data xor is a fixed set of 4 samples"),
        (["--layers", "2,3,1", "--data", "xor", "--samples", "50"], "--samples 50: --data xor is a fixed set of 4 samples"),
        (["--test-fraction", "0.5", "--steps", "1"], "--test-fraction 0.5: the post's data is one sample, none to hold out"),
        (["--epochs", "1", "--layers", "2,3,1", "--data", "xor", "--epochs", "3"], "--epochs is given twice; give it once"),
    ])
    func optionsThatWouldDoNothingAreRefused(arguments: [String], message: String) throws {
        try BadInputTests().expectOneLineError(arguments, mentioning: message)
    }

    @Test func aNumberTooSmallForADoubleIsRefused() throws {
        try Binary.withTemporaryFile(Data("x1,x2,y\n1e-400,2,1\n0e5,1,0\n".utf8)) { path in
            try BadInputTests().expectOneLineError(["--layers", "2,3,1", "--data", path],
                                                   mentioning: "line 2, column 1: \"1e-400\" is too small for a double and would read as 0")
        }
    }
}

/// The attacker's pass, from the command line: a batch past every sample, an epoch of hours,
/// a walk of millions of sub-steps, layers without end.
@Suite struct AttackerCommandLineTests {
    @Test func sizesThatWouldTrapOrTakeHoursAreRefusedWithOneLine() throws {
        let cases: [([String], String)] = [
            (["--headless", "--batch", "9223372036854775807"], "bptui: --batch 9223372036854775807: more than the 1 training samples; --batch all takes them all\n"),
            (["--headless", "--layers", "2,2000,2000,1", "--data", "circle", "--samples", "4000000"],
             "bptui: --samples 4000000: 2-2000-2000-1 on 4,000,000 samples: an epoch is ~1.604e+13 multiply-adds, hours here; bptui takes at most 1e11 an epoch (a minute or two)\n"),
            (["--headless", "--layers", "2,200,200,1", "--data", "xor", "--format", "walk"],
             "bptui: --format walk: the walk takes networks of up to 10,000 weights and biases, a sub-step each; 2-200-200-1 has 41,001 (e explains any one weight)\n"),
            (["--headless", "--layers", (["2"] + [String](repeating: "1", count: 1_000)).joined(separator: ","), "--data", "xor"],
             "bptui: --layers 2,1,1,…,1,1 (1001 sizes): 1001 layers; bptui trains at most 1000\n"),
        ]
        // A usage error, as ArgumentParser's validation gives it: exit 64.
        let underflow = try Binary.run(["--headless", "--layers", "2,3,1", "--data", "xor", "--regularization", "l2", "--regularization-rate", "1e-400"])
        #expect(underflow.status == 64 && underflow.stderr.hasPrefix("bptui: --regularization-rate 1e-400 underflows to 0; it must be"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-no-samples-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"layers":[2,3,1]}"#.utf8).write(to: file)
        let noSamples = try Binary.run(["--headless", "--config", file.path])
        #expect(noSamples.stderr.hasPrefix("bptui: --config: key \"layers\" 2,3,1 has no \"samples\"; it needs --data"), "\(noSamples.stderr)")
        for (arguments, expected) in cases {
            let run = try Binary.run(arguments)
            #expect(run.status == 1 && run.stderr == expected && run.stdout.isEmpty, "\(run.stderr)")
        }
    }
}
