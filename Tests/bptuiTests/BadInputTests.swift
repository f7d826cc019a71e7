import Foundation
import Testing

/// Each bad input: one line on stderr naming what and where, a non-zero exit, nothing on stdout.
@Suite struct BadInputTests {
    func expectOneLineError(_ arguments: [String], mentioning expected: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Binary.run(["--headless"] + arguments)
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("bptui: "), sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    func config(_ text: String) throws -> String { try Binary.temporaryFile(Data(text.utf8)) }

    @Test func missingFile() throws {
        try expectOneLineError(["--config", "/nonexistent/net.json"], mentioning: "/nonexistent/net.json: no such file")
    }

    @Test func directory() throws {
        try expectOneLineError(["--config", NSTemporaryDirectory()], mentioning: "is a directory")
    }

    @Test func binaryFile() throws {
        let path = try Binary.temporaryFile(Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0xFF, 0xFE]))
        try expectOneLineError(["--config", path], mentioning: "\(path): is not a UTF-8 text file")
    }

    @Test func emptyFile() throws {
        try expectOneLineError(["--config", "/dev/null"], mentioning: "/dev/null: is empty")
    }

    @Test func invalidJSONNamesTheLineAndColumn() throws {
        try expectOneLineError(["--config", config("{\"hiddenBias\": 1,\n  \"outputBias\" 2}")],
                               mentioning: "invalid JSON: Invalid value around line 2, column 16")
    }

    @Test func truncatedJSON() throws {
        try expectOneLineError(["--config", config(#"{"inputs": [0.05, "#)], mentioning: "invalid JSON: Unexpected end of file")
    }

    @Test func topLevelNotAnObject() throws {
        try expectOneLineError(["--config", config("[0.05, 0.1]")], mentioning: "the top level must be a JSON object")
    }

    @Test func unknownKey() throws {
        try expectOneLineError(["--config", config(#"{"weights": [1]}"#)], mentioning: #"unknown key "weights""#)
    }

    @Test func wrongType() throws {
        try expectOneLineError(["--config", config(#"{"hiddenBias": "0.35"}"#)], mentioning: #"key "hiddenBias" must be a finite number"#)
        try expectOneLineError(["--config", config(#"{"inputs": 0.05}"#)], mentioning: "got something that is not an array")
        try expectOneLineError(["--config", config(#"{"trainBiases": 1}"#)], mentioning: #"key "trainBiases" must be true or false"#)
        try expectOneLineError(["--config", config(#"{"order": "backwards"}"#)], mentioning: #"key "order" must be "published" or "textbook""#)
    }

    @Test func arrayOfTheWrongLength() throws {
        try expectOneLineError(["--config", config(#"{"outputWeights": [0.4, 0.45, 0.5]}"#)],
                               mentioning: #"key "outputWeights" must be an array of 4 finite numbers [w5, w6, w7, w8], got 3 numbers"#)
    }

    @Test func nonFiniteNumber() throws {
        try expectOneLineError(["--config", config(#"{"targets": [0.01, 1e999]}"#)], mentioning: #"key "targets" must be an array of 2 finite numbers [target_o1, target_o2], got an entry that is not a finite number"#)
    }

    @Test func learningRateNotPositiveOrNotFinite() throws {
        try expectOneLineError(["--config", config(#"{"learningRate": 0}"#)], mentioning: #"key "learningRate" must be a finite number above 0, got 0.0"#)
        try expectOneLineError(["--learning-rate", "-0.5"], mentioning: "--learning-rate must be a finite number above 0, got -0.5")
        try expectOneLineError(["--learning-rate", "inf"], mentioning: "--learning-rate must be a finite number above 0, got inf")
        try expectOneLineError(["--learning-rate", "fast"], mentioning: "'fast' is invalid for '--learning-rate")
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
        try expectOneLineError(["--config", config(#"{"hiddenBias": 1, "hiddenBias": 2}"#)], mentioning: #"key "hiddenBias" appears more than once"#)
    }

    @Test func divergenceStopsWithTheRowsSoFar() throws {
        let path = try config(#"{"outputWeights": [1e308, 1e308, 0.5, 0.55], "learningRate": 1e300}"#)
        let result = try Binary.run(["--headless", "--format", "csv", "--config", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bptui: diverged at iteration "))
        #expect(result.stderr.contains("η = 1e+300"))
        let rows = result.stdoutLines.dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { !$0.contains("nan") && !$0.contains("inf") })
    }
}

/// The reliability issue's further inputs: each still one line, never a crash.
@Suite struct HostileInputTests {
    @Test func hundredMegabyteFileIsRefusedUnread() throws {
        let path = try Binary.temporaryFile(Data())
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        let result = try Binary.run(["--headless", "--config", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "bptui: \(path): larger than 1 MiB; a configuration is a small JSON object\n")
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let path = try Binary.temporaryFile(Data([0xEF, 0xBB, 0xBF]) + Data(#"{"learningRate": 0.25}"#.utf8))
        let result = try Binary.run(["--headless", "--format", "json", "--steps", "0", "--config", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""learningRate" : 0.25"#))
    }

    @Test func deeplyNestedJSONIsOneLine() throws {
        let deep = #"{"inputs": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let path = try Binary.temporaryFile(Data(deep.utf8))
        let result = try Binary.run(["--headless", "--config", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("bptui: \(path): "))
    }

    @Test func hugeLearningRateOnThePostsNetworkDivergesAtIterationOne() throws {
        let result = try Binary.run(["--headless", "--format", "csv", "--learning-rate", "1e300"])
        #expect(result.status == 1)
        #expect(result.stdoutLines == ["iteration,error,out_o1,out_o2", "0,0.2983711087600027,0.7513650695523157,0.7729284653214625"])
        #expect(result.stderr.hasPrefix("bptui: diverged at iteration 1 (η = 1e+300)"))
    }

    @Test func extremeConfigValuesDivergeAtIterationZero() throws {
        let path = try Binary.temporaryFile(Data(#"{"inputs": [1.7e308, 1.7e308], "hiddenWeights": [1.7e308, -1.7e308, 1.7e308, 1.7e308]}"#.utf8))
        let result = try Binary.run(["--headless", "--config", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bptui: diverged at iteration 0"))
    }
}
