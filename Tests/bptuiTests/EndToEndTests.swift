import Foundation
import Testing

/// The real binary in a real terminal (tmux), driven by keys, as a person would.
@Suite(.serialized) struct EndToEndTests {
    @Test func theIssueScriptFromStartToQuit() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("s")
        try tmux.waitFor("E_total 0.291027924")
        try tmux.send("g")
        try tmux.waitFor("Go to iteration: 10000")
        try tmux.send("Enter")
        try tmux.waitFor("E_total 0.000035085")
        try tmux.waitFor("the post: 0.000035085")
        try tmux.send("R")
        try tmux.waitFor("E_total 0.298371109")
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor("this one is 60×20.")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("q")
        let after = try tmux.waitFor("exit status 0")
        #expect(after.contains("modes:icanon echo"), "terminal restored:\n\(after)")
        #expect(!after.contains("E_total"), "the alternate screen was left")
    }

    @Test func runningReachesTenThousandAndPausesWithTheBanner() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("+", "+", "r")
        try tmux.waitFor("iteration 10,000: E_total 0.000035085 — the post: 0.000035085 ✓")
        let screen = try tmux.waitFor("paused")
        #expect(screen.contains("iter 10,000"))
        try tmux.quit()
    }

    @Test(arguments: [("TERM", "SIGTERM", 143), ("INT", "SIGINT", 130), ("HUP", "SIGHUP", 129), ("USR1", "SIGUSR1", 138),
                      ("USR2", "SIGUSR2", 140), ("ALRM", "SIGALRM", 142), ("XCPU", "SIGXCPU", 152), ("PIPE", "SIGPIPE", 141),
                      ("VTALRM", "SIGVTALRM", 154)])
    func signalsRestoreTheTerminalWithTheConventionalStatus(signal: String, name: String, status: Int) throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("r")
        try tmux.waitFor("running")
        let pid = try tmux.bptuiPID()
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/bin/kill")
        kill.arguments = ["-\(signal)", String(pid)]
        try kill.run()
        kill.waitUntilExit()
        let after = try tmux.waitFor("exit status \(status)")
        #expect(after.contains("modes:icanon echo"), "\(name) left the terminal:\n\(after)")
    }

    @Test func controlCQuitsAndRestores() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("C-c")
        let after = try tmux.waitFor("exit status 130")
        #expect(after.contains("modes:icanon echo"))
    }

    @Test(arguments: ["dumb", "nonexistent-terminal"])
    func unusableTermPointsAtHeadless(term: String) throws {
        let tmux = try Tmux(width: 200, height: 10, environment: ["TERM": term])
        defer { tmux.kill() }
        let screen = try tmux.waitFor("exit status 1")
        #expect(screen.contains("bptui: the terminal type TERM=\(term) cannot address the cursor or is unknown; use --headless"))
    }

    @Test func killLeavesNoSocketOrDirectoryBehind() throws {
        let tmux = try Tmux(width: 80, height: 24)
        let directory = try #require(tmux.ownedDirectory)
        try tmux.waitFor("E_total 0.298371109")
        #expect(FileManager.default.fileExists(atPath: tmux.socketPath))
        #expect(FileManager.default.fileExists(atPath: directory))
        tmux.kill()
        #expect(!FileManager.default.fileExists(atPath: tmux.socketPath))
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func notATerminalPointsAtHeadlessAndWritesNothing() throws {
        let result = try Binary.run([])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "bptui: standard input is not a terminal; use --headless for a run without a screen\n")
    }
}

@Suite(.serialized) struct ExportEndToEndTests {
    @Test func exportedNetworkContinuesWithTheIdenticalNextError() throws {
        try Binary.withTemporaryDirectory { directory in
            let tmux = try Tmux(width: 120, height: 40, directory: directory.path)
            defer { tmux.kill() }
            try tmux.waitFor("E_total 0.298371109")
            try tmux.send("s", "s", "s")
            try tmux.waitFor("iteration 3")
            try tmux.send("x")
            try tmux.waitFor("exported bptui-")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(files.count == 2)
            let json = try #require(files.first { $0.hasSuffix("-network.json") })
            let csv = try String(contentsOf: directory.appendingPathComponent(try #require(files.first { $0.hasSuffix("-history.csv") })), encoding: .utf8)
            #expect(csv.split(separator: "\n").count == 5)
            let continued = try Binary.run(["--headless", "--format", "csv", "--steps", "1", "--config", directory.appendingPathComponent(json).path])
            let straight = try Binary.run(["--headless", "--format", "csv", "--steps", "4"])
            #expect(continued.stdoutLines.last!.split(separator: ",").dropFirst() == straight.stdoutLines.last!.split(separator: ",").dropFirst())
            try tmux.quit()
        }
    }

    /// An export killed while it writes leaves no file, or both: never a part of one.
    @Test(arguments: [0.0, 0.05, 0.3])
    func aKilledExportLeavesNothingHalfWritten(after seconds: Double) throws {
        try Binary.withTemporaryDirectory { directory in
            let tmux = try Tmux(width: 120, height: 40, arguments: ["--layers", "2,100,100,1", "--data", "circle"], directory: directory.path)
            defer { tmux.kill() }
            try tmux.waitFor("q Quit")
            try tmux.send("x")
            Thread.sleep(forTimeInterval: seconds)  // the moment of the kill, not a wait for a marker
            let pid = try tmux.bptuiPID()
            Foundation.kill(pid, SIGKILL)
            _ = try tmux.waitFor("exit status")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(files.count == 0 || files.count == 2 && files.allSatisfy { $0.hasPrefix("bptui-") }, "\(files)")
        }
    }

    /// Exports within one second each keep their own pair of files; nothing else is left.
    @Test func quickExportsNeverOverwriteEachOther() throws {
        try Binary.withTemporaryDirectory { directory in
            let tmux = try Tmux(width: 120, height: 40, directory: directory.path)
            defer { tmux.kill() }
            try tmux.waitFor("E_total 0.298371109")
            try tmux.send("x")
            try tmux.waitFor("exported bptui-")
            try tmux.send("s", "x")
            try tmux.waitUntil("a second export") { $0.contains("-2-{history.csv,network.json}") || $0.contains("exported bptui-") && $0.contains("iteration 1") }
            try tmux.send("s", "x")
            try tmux.waitFor("iteration 2")
            var files: [String] = []
            for _ in 0 ..< 100 where files.count < 6 {
                files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                usleep(20_000)
            }
            #expect(files.count == 6 && files.allSatisfy { $0.hasPrefix("bptui-") }, "three pairs, no litter: \(files.sorted())")
            try tmux.quit()
        }
    }

    @Test func exportIntoAnUnwritableDirectorySaysSoAndKeepsRunning() throws {
        let tmux = try Tmux(width: 120, height: 40, directory: "/proc")
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("x")
        try tmux.waitFor("export failed:")
        try tmux.send("s")
        try tmux.waitFor("E_total 0.291027924")
        try tmux.quit()
    }

    /// Raw terminal sequences through a real pty: none acts as keys.
    @Test func terminalSequencesAreReadWholeNeverAsKeys() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: ["--layers", "2,3,1", "--data", "xor"])
        defer { tmux.kill() }
        try tmux.waitFor("Network 2-3-1")
        func raw(_ text: String) throws { _ = try tmux.run(["send-keys", "-t", "0", "-H"] + text.utf8.map { String(format: "%02x", $0) }) }
        try tmux.send(" ", " ")
        try tmux.waitFor("iteration 2")
        try raw("\u{1B}[2 q")
        try tmux.waitFor("ignored the terminal's sequence ESC [ 2 SP q")
        try raw("\u{1B}[200~hello\u{1B}[201~")
        try tmux.waitFor("ignored a paste: only a prompt (: = g) takes pasted text")
        try raw("\u{1B}[99x")
        try tmux.waitFor("ignored the terminal's sequence ESC [ 99 x")
        try raw("\u{1B}[I\u{1B}[<0;5;5m")
        try tmux.send(":")
        try raw("\u{1B}[200~seed 7\u{1B}[201~")
        let screen = try tmux.waitFor(":seed 7")
        #expect(screen.contains("iteration 2") && !screen.contains("exported"), "nothing ran, nothing reset:\n\(screen)")
        try tmux.send("Escape")
        try tmux.waitForAbsence(":seed 7")
        try tmux.quit()
    }
}
