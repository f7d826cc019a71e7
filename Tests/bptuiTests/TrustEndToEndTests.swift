import Foundation
import Testing

/// The issue "Trust every number and message on the screen", tried in a real terminal the way
/// a new user would: every message reaches the screen, long work never blocks, numbers never
/// round to a lie.
@Suite(.serialized) struct TrustEndToEndTests {
    @Test func goToRefusesLettersOnScreenAndTheFirstDigitReplacesTheDefault() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("g")
        try tmux.waitFor("Go to iteration: 10000▏  typing replaces")
        try tmux.send("-l", "abc")
        try tmux.waitFor("Go to iteration: 10000▏  ▼ digits only")
        try tmux.send("C-u", "-l", "1e5")
        try tmux.waitFor("Go to iteration: 15▏")
        try tmux.send("Escape")
        try tmux.waitForAbsence("Go to iteration:")
        try tmux.send("g", "5", "Enter")
        try tmux.waitFor("iter 5 │")
        try tmux.send("=", "C-u")
        try tmux.send("-l", "abc")
        try tmux.send("Enter")
        try tmux.waitFor("Set w5 (Tab: next): ▏  ▼ a number: digits . − + e —")
        try tmux.send("Escape")
        try tmux.waitForAbsence("Set w5")
        try tmux.quit()
    }

    @Test func aBillionIterationGoToShowsProgressEscStopsItAndQQuits() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("g", "1000000000", "Enter")
        let progress = try tmux.waitFor("/1,000,000,000 ", seconds: 1)
        #expect(progress.contains("go-to"), "\(progress)")
        try tmux.waitFor(" left · Esc stops")
        try tmux.send("j")
        try tmux.waitFor("▸w6", seconds: 1)
        try tmux.send("Escape")
        let stopped = try tmux.waitFor("go-to stopped at iteration")
        #expect(!stopped.contains("Esc stops"))
        try tmux.send("g", "1000000000", "Enter")
        try tmux.waitFor("/1,000,000,000 ")
        let start = Date()
        try tmux.quit()
        #expect(Date().timeIntervalSince(start) < 5, "q quits a running job at once")
    }

    @Test func aMillionIterationsShowsTheErrorInScientificFormAndTheTextbookCheckPasses() throws {
        let tmux = try Tmux(width: 80, height: 24, arguments: ["--order", "textbook"])
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("g", "1000000", "Enter")
        let screen = try tmux.waitFor("iter 1,000,000", seconds: 120)
        #expect(screen.contains("E_total 4.177e−27"), "\(screen)")
        #expect(!screen.contains("0.000000000"))
        #expect(screen.contains("0 (< ulp)"), "Δ next too small to move a weight says so")
        try tmux.send("c")
        let check = try tmux.waitFor("10 of 10 gradients agree")
        #expect(!check.contains("✗"))
        try tmux.quit()
    }

    @Test func theW5RowShowsThePostsFirstGradientAtIterationZeroAndLeftStepsBack() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        let start = try tmux.waitFor("E_total 0.298371109")
        #expect(start.contains("▸w5  0.400000000  0.082167041 −0.041083520"), "\(start)")
        try tmux.send("s", "s", "s")
        try tmux.waitFor("iter 3 │")
        try tmux.send("Left")
        let back = try tmux.waitFor("iter 2 │")
        #expect(back.contains("E_total 0.283547364"))
        #expect(back.contains("back at iteration 2"))
        try tmux.send("Right")
        try tmux.waitFor("E_total 0.275943523")
        try tmux.quit()
    }

    @Test func theTenThousandBannerSurvivesAResetMidRun() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("+", "r")
        try tmux.waitFor("running")
        try tmux.send("R")
        try tmux.waitFor("reset to iteration 0")
        let banner = try tmux.waitFor("iteration 10,000: E_total 0.000035085 — the post: 0.000035085 ✓", seconds: 30)
        #expect(!banner.contains("reset to iteration 0"))
        try tmux.quit()
    }

    @Test func aTooSmallTerminalIgnoresEveryKeyButQuit() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor("this one is 60×20.")
        try tmux.send("s", "s", "g", "Enter", "x")
        try tmux.resize(width: 80, height: 24)
        let screen = try tmux.waitFor("E_total 0.298371109")
        #expect(screen.contains("iter 0 │") && !screen.contains("Go to iteration"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmux.ownedDirectory ?? "/nonexistent").isEmpty, "x exported nothing")
        try tmux.quit()
    }

    @Test func controlSpaceSaysItsNameAndLeavesNoStaleText() throws {
        let tmux = try Tmux(width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("C-Space")
        let screen = try tmux.waitFor("the key Ctrl-Space does nothing here")
        #expect(!screen.contains("iteration 0: the post's starting network"))
        try tmux.send("s")
        let next = try tmux.waitFor("iter 1 │")
        #expect(!next.contains("does nothing here"))
        try tmux.quit()
    }

    @Test func anExportAfterTheWorkingDirectoryWasDeletedNamesThePathItTried() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-gone-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tmux = try Tmux(width: 160, height: 40, directory: directory.path)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try FileManager.default.removeItem(at: directory)
        try tmux.send("x")
        let screen = try tmux.waitFor("export failed: cannot write \(directory.path)/bptui-")
        #expect(screen.contains("-history.csv: its directory no longer exists"), "\(screen)")
        try tmux.send("s")
        try tmux.waitFor("E_total 0.291027924")
        try tmux.quit()
    }
}
