import BackpropEngine
import Foundation
import Testing

@Suite struct HeadlessTests {
    @Test func csvEndsAtThePostsErrorInPublishedOrder() throws {
        let result = try Binary.run(["--headless", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdoutLines
        #expect(lines.first == "iteration,error,out_o1,out_o2")
        #expect(lines.count == 1 + 10_001)
        #expect(lines[1].hasPrefix("0,0.29837110876000"))
        #expect(lines[2].hasPrefix("1,0.29102792390544"))
        let last = lines.last!.split(separator: ",")
        #expect(last[0] == "10000")
        #expect(last[1].hasPrefix("3.508478629"))
        #expect(last[1].hasSuffix("e-05"))
        #expect(last[2].hasPrefix("0.015912196"))
        #expect(last[3].hasPrefix("0.984065734"))
        #expect(Double(last[1]) == 3.5084786296312774e-05, "shortest round-trip form keeps every bit")
    }

    @Test func textbookOrderEndsAtItsOwnError() throws {
        let result = try Binary.run(["--headless", "--format", "csv", "--order", "textbook", "--every", "2500"])
        #expect(result.stdoutLines.map { $0.split(separator: ",")[0] } == ["iteration", "0", "2500", "5000", "7500", "10000"])
        #expect(result.stdoutLines.last!.split(separator: ",")[1].hasPrefix("3.5101877"))
    }

    @Test func everyKeepsTheLastIteration() throws {
        let result = try Binary.run(["--headless", "--format", "csv", "--steps", "7", "--every", "3"])
        #expect(result.stdoutLines.map { $0.split(separator: ",")[0] } == ["iteration", "0", "3", "6", "7"])
    }

    @Test func tableComparesWithThePost() throws {
        let result = try Binary.run(["--headless"])
        #expect(result.status == 0)
        let lines = result.stdoutLines
        #expect(lines.count == 2 + 11 + 1)
        #expect(lines[2].split(separator: " ") == ["0", "0.298371109", "0.751365070", "0.772928465"])
        #expect(lines[12].split(separator: " ") == ["10000", "0.000035085", "0.015912196", "0.984065734"])
        #expect(lines.last == "E_total after 10000 updates: 0.000035085 (the post: 0.000035085)")
        let one = try Binary.run(["--headless", "--steps", "1"])
        #expect(one.stdoutLines.last == "E_total after 1 update: 0.291027924 (the post: 0.291027924)")
        let textbook = try Binary.run(["--headless", "--steps", "1", "--order", "textbook"])
        #expect(textbook.stdoutLines.last!.hasPrefix("E_total after 1 update: 0.291027774 (the post: 0.291027924, "))
    }

    @Test func jsonReportsTheFinalNetworkAsAConfigThatContinuesIt() throws {
        let half = try Binary.run(["--headless", "--format", "json", "--steps", "5000", "--order", "textbook"])
        #expect(half.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(half.stdout.utf8)) as! [String: Any]
        #expect(report["iteration"] as? Int == 5000)
        let network = report["network"] as! [String: Any]
        #expect(network["order"] as? String == "textbook")
        #expect((network["hiddenWeights"] as? [Double])?.count == 4)
        let continued = try Binary.withTemporaryFile(JSONSerialization.data(withJSONObject: network)) {
            try Binary.run(["--headless", "--format", "csv", "--steps", "5000", "--config", $0])
        }
        let straight = try Binary.run(["--headless", "--format", "csv", "--order", "textbook"])
        #expect(continued.stdoutLines.last!.split(separator: ",").dropFirst() == straight.stdoutLines.last!.split(separator: ",").dropFirst())
    }

    @Test func configAndFlagsOverrideThePost() throws {
        let (fromFile, flags) = try Binary.withTemporaryFile(Data(#"{"learningRate": 0.1, "order": "textbook", "trainBiases": true}"#.utf8)) {
            (try Binary.run(["--headless", "--format", "json", "--steps", "0", "--config", $0]),
             try Binary.run(["--headless", "--format", "json", "--steps", "0", "--config", $0,
                             "--learning-rate", "2", "--order", "published", "--no-train-biases"]))
        }
        let network = try (JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as! [String: Any])["network"] as! [String: Any]
        #expect(network["learningRate"] as? Double == 0.1)
        #expect(network["order"] as? String == "textbook")
        #expect(network["trainBiases"] as? Bool == true)
        let overridden = try (JSONSerialization.jsonObject(with: Data(flags.stdout.utf8)) as! [String: Any])["network"] as! [String: Any]
        #expect(overridden["learningRate"] as? Double == 2)
        #expect(overridden["order"] as? String == "published")
        #expect(overridden["trainBiases"] as? Bool == false)
    }

    /// The JSON report as these tests read it: with JSONDecoder, which reads every number
    /// exactly (JSONSerialization on Linux can be one unit in the last place off).
    struct Report: Decodable {
        let iteration: Int
        let error: Double?
        let outputs: [Double?]
        let network: PostConfig
        let diverged: Diverged?

        struct Diverged: Decodable, Equatable {
            let iteration: Int
            let learningRate: Double
        }

        init(_ text: String) throws { self = try JSONDecoder().decode(Report.self, from: Data(text.utf8)) }
    }

    @Test func jsonAfterDivergenceHoldsTheLastFiniteState() throws {
        let result = try Binary.run(["--headless", "--format", "json", "--learning-rate", "1e300"])
        #expect(result.status == 1)
        #expect(result.stderr == "bptui: diverged at iteration 1 (η = 1e+300): a weight or the error stopped being finite; "
            + "the report holds the last finite state\n")
        let report = try Report(result.stdout)
        #expect(report.iteration == 0)
        #expect(report.error == 0.2983711087600027)
        #expect(report.outputs == [0.7513650695523157, 0.7729284653214625])
        #expect(report.diverged == Report.Diverged(iteration: 1, learningRate: 1e300))
        #expect(report.network.outputWeights == [0.4, 0.45, 0.5, 0.55])
    }

    @Test func jsonDivergingAtTheStartWritesNullForWhatIsNotFinite() throws {
        let result = try Binary.withTemporaryFile(Data(HostileInputTests.divergingAtZero.utf8)) {
            try Binary.run(["--headless", "--format", "json", "--config", $0])
        }
        #expect(result.status == 1)
        #expect(result.stderr == "bptui: diverged at iteration 0 (η = 0.5): the starting network already computes a value "
            + "that is not finite; the report shows that network, with null for each such error or output\n")
        #expect(result.stdout.contains(#""error" : null"#))
        let report = try Report(result.stdout)
        #expect(report.iteration == 0)
        #expect(report.error == nil)
        #expect(report.outputs == [nil, nil])
        #expect(report.diverged == Report.Diverged(iteration: 0, learningRate: 0.5))
        #expect(report.network.inputs == [1.7e308, 1.7e308])
    }

    @Test func jsonWithoutDivergenceHasExactlyTheUsualKeys() throws {
        let result = try Binary.run(["--headless", "--format", "json", "--steps", "1"])
        #expect(result.status == 0)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]).keys
        #expect(keys.sorted() == ["error", "iteration", "network", "outputs"])
        let report = try Report(result.stdout)
        #expect(report.iteration == 1)
        #expect(report.error == 0.29102792390544197)
    }

    /// A headless CSV run of two billion steps, a row every `every`, started with its output
    /// and errors on pipes.
    static func longCSVRun(every: Int) throws -> (Process, out: Pipe, err: Pipe) {
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["--headless", "--steps", "2000000000", "--format", "csv", "--every", String(every)]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// A signal finishes the row being written, flushes every finished row and exits 128 + N.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGQUIT, Int32(131)), (SIGHUP, Int32(129))])
    func aSignalKeepsEveryFinishedRow(signal: Int32, status: Int32) throws {
        let (process, out, err) = try Self.longCSVRun(every: 1000)
        var data = Data()
        while !String(decoding: data, as: UTF8.self).contains("\n2000,") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        kill(process.processIdentifier, signal)
        data.append(out.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(process.terminationStatus == status && lines.last == "", "ends with a whole row")
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count >= 3 && rows.allSatisfy { $0.split(separator: ",").count == 4 && Double($0.split(separator: ",")[1]) != nil })
        let stopped = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stopped.hasPrefix("bptui: stopped by signal \(signal) at iteration "), "\(stopped)")
    }

    /// With a reader that takes nothing (a stopped pager), a signal left the run blocked in its
    /// write until the reader went away, then dead of SIGPIPE with nothing said.
    @Test func aSignalEndsARunWhoseReaderTakesNothing() throws {
        let (process, _, err) = try Self.longCSVRun(every: 1)  // nobody reads its output
        defer { if process.isRunning { process.terminate() } }
        func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end { if condition() { return true }; usleep(20_000) }
            return condition()
        }
        let blocked = waitUntil(20) {
            (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/wchan", encoding: .utf8))?.contains("pipe_write") == true
        }
        #expect(blocked, "the run fills the pipe and waits")
        kill(process.processIdentifier, SIGTERM)
        #expect(waitUntil(10) { !process.isRunning }, "the signal ends it")
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 143 && said.hasPrefix("bptui: stopped by signal 15 at iteration "), "\(said)")
    }

    @Test func helpOffersOnlyWhatIsAcceptedAndSaysWhatACountCounts() throws {
        let help = try Binary.run(["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression)
        #expect(help.contains("--activation <activation> Hidden activation: logistic (default), tanh, relu or linear. (values: logistic, tanh, relu, linear)"))
        #expect(help.contains("every K-th epoch of any other"))
        #expect(!help.contains("schema v2, headless)") && help.contains("on the screen or headless"))
        let seed = try Binary.run(["--headless", "--layers", "2,3,1", "--data", "xor", "--seed", "-5"])
        #expect(seed.status != 0 && seed.stderr.contains("-5") && !seed.stderr.contains("Missing value"), "\(seed.stderr)")
        let softmax = try Binary.run(["--headless", "--layers", "2,3,2", "--data", "gauss", "--activation", "softmax"])
        #expect(softmax.status != 0 && softmax.stderr.contains("softmax"))
    }

    @Test func helpDocumentsBothModes() throws {
        let result = try Binary.run(["--help"])
        #expect(result.status == 0)
        for option in ["--headless", "--steps", "--every", "--format", "--order", "--train-biases", "--learning-rate", "--config"] {
            #expect(result.stdout.contains(option), "\(option) missing from --help")
        }
    }
}
