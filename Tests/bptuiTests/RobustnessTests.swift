import BackpropEngine
import BackpropTUI
import Foundation
import PostOracle
import Testing

/// The real binary under hostile conditions: signals, suspension, resize storms, random keys,
/// and places that are not terminals.
@Suite(.serialized) struct RobustnessTests {
    /// Ctrl-S froze everything while flow control was on; it is off while bptui runs (after
    /// Ctrl-Z and fg too) and back on for the shell afterwards.
    @Test func controlSFreezesNothingAndFlowControlIsRestored() throws {
        let tmux = try Tmux(interactiveShellWidth: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("C-s")
        try tmux.send("s")
        try tmux.waitFor("E_total 0.291027924")
        try tmux.send("C-z")
        try tmux.waitFor("Stopped")
        try tmux.send("fg", "Enter")
        try tmux.waitFor("E_total 0.291027924")
        try tmux.send("C-s")
        try tmux.send("s")
        try tmux.waitFor("E_total 0.283547364")
        try tmux.send("q")
        try tmux.waitForAbsence("E_total")
        try tmux.send("stty -a | tr ' ' '\\n' | grep -x -e ixon -e -ixon | sed 's/^/flow: /'", "Enter")
        let shell = try tmux.waitFor("flow: ")
        #expect(shell.contains("flow: ixon") && !shell.contains("flow: -ixon"), "\(shell)")
    }

    /// `:samples 3000000` blocked the screen for seconds while the data was made; now it is
    /// made away from the loop: the wait shows, Esc gives it up, and q answers at once.
    @Test func aLargeDataSetIsMadeWhileTheScreenAnswersKeys() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: ["--layers", "2,4,1", "--data", "circle"])
        defer { tmux.kill() }
        try tmux.waitFor("iteration 0")
        try tmux.send(":samples 3000000", "Enter")
        try tmux.waitFor("samples 3000000: making the run, 3,000,000 samples")
        try tmux.send("Escape")
        let given = try tmux.waitFor("given up")
        #expect(given.contains("samples 3000000 given up — the run stays 2-4-1 on circle, 500 samples"))
        try tmux.send("?")
        try tmux.waitFor("Keys")
        // The run given up stops at its next stage: the next large one is made, not queued behind it.
        try tmux.send("Escape", ":samples 30000", "Enter")
        try tmux.waitFor("samples 30000 — 2-4-1 on circle, training starts over at iteration 0", seconds: 60)
        try tmux.quit()
    }

    /// `--samples 3000000` on the command line kept the terminal blank for 11 s; the screen
    /// opens at once on the samples made at once, the whole made behind it.
    @Test func aLargeSampleCountOnTheCommandLineOpensTheScreenFirst() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: ["--layers", "2,4,1", "--data", "circle", "--samples", "3000000"])
        defer { tmux.kill() }
        let screen = try tmux.waitFor("samples 3000000: making the run, 3,000,000 samples", seconds: 3)
        #expect(screen.contains("Quit"), "the screen is open while the samples are made")
        try tmux.send("?")
        try tmux.waitFor("Keys")
        try tmux.send("Escape", "Escape")
        let given = try tmux.waitFor("given up")
        #expect(given.contains("samples 3000000 given up — the run stays 2-4-1 on circle, 20,000 samples"))
        try tmux.quit()
    }

    /// `--config -` on a terminal waited for typing and then blamed a FIFO; it is refused at
    /// once, naming the option.
    @Test func standardInputThatIsTheTerminalIsRefusedAtOnce() throws {
        for option in ["--config", "--data"] {
            let tmux = try Tmux(width: 150, height: 20, arguments: [option, "-"] + (option == "--data" ? ["--layers", "2,2,1"] : []))
            defer { tmux.kill() }
            let screen = try tmux.waitFor("exit status 1", seconds: 3)
            #expect(screen.contains("bptui: \(option) -: standard input is the terminal, not a file"), "\(screen)")
        }
    }

    @Test func controlZAndFgRedrawTheWholeScreen() throws {
        let tmux = try Tmux(interactiveShellWidth: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("s")
        try tmux.waitFor("E_total 0.291027924")
        try tmux.send("C-z")
        let suspended = try tmux.waitFor("Stopped")
        #expect(!suspended.contains("E_total"), "the shell's screen is back while bptui is stopped")
        try tmux.send("fg", "Enter")
        let resumed = try tmux.waitFor("E_total 0.291027924")
        #expect(resumed.contains("bptui · A Step by Step Backpropagation Example · iteration 1"))
        #expect(resumed.contains("spc Step ←→ Back r Run"))
        try tmux.send("q")
        try tmux.waitForAbsence("E_total")
        try tmux.send("echo \"bptui said $?\"", "Enter")
        try tmux.waitFor("bptui said 0")
    }

    /// While training, about one Ctrl-Z in eight was lost, and after fg the arrow keys arrived
    /// as ESC O B (keypad mode off). Every Ctrl-Z stops it, every fg brings its screen back,
    /// running or paused, and the arrows still move the selection.
    @Test func everyControlZStopsAndEveryFgResumes() throws {
        let tmux = try Tmux(interactiveShellWidth: 80, height: 24)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("r")
        for round in 1 ... 12 {
            if round == 7 { try tmux.send("r") }
            try tmux.send("C-z")
            try tmux.waitFor("Stopped", seconds: 5)
            try tmux.send("clear; fg", "Enter")
            try tmux.waitFor("A Step by Step Backpropagation Example", seconds: 5)
        }
        let before = try tmux.screen()
        try tmux.send("Down")
        let after = try tmux.waitUntil("moved the selection") { $0 != before }
        #expect(after != before && !after.contains("ignored"), "\(after)")
        try tmux.send("q")
        try tmux.send("echo \"bptui said $?\"", "Enter")
        try tmux.waitFor("bptui said 0")
    }

    /// 2-3000-3000-1 left the terminal blank for 39 s before its first frame, deaf to q. Its
    /// start is made off the loop, under a note that q quits at once.
    @Test func aLargeStartShowsWhatItMakesAndQQuitsAtOnce() throws {
        let tmux = try Tmux(width: 100, height: 30, arguments: ["--layers", "2,3000,3000,1", "--data", "circle"])
        defer { tmux.kill() }
        try tmux.waitFor("bptui is making the network 2-3000-3000-1", seconds: 5)
        try tmux.waitFor("q or Esc quits", seconds: 5)
        try tmux.send("q")
        let after = try tmux.waitFor("exit status 0", seconds: 3)
        #expect(after.contains("modes:icanon echo"), "\(after)")
    }

    /// A q behind a thousand steps of a 1,000-layer network waited for all of them (15 s in a
    /// release build); it quits at once, while a q typed into a prompt stays text.
    @Test func aQBehindSlowKeysQuitsAtOnce() throws {
        let layers = (["2"] + Array(repeating: "1", count: 999)).joined(separator: ",")
        let tmux = try Tmux(width: 120, height: 40, arguments: ["--layers", layers, "--data", "xor"])
        defer { tmux.kill() }
        try tmux.waitFor("spc Step")
        try tmux.send("-l", ":seed q")
        try tmux.waitFor(":seed q▏")
        try tmux.send("Escape")
        try tmux.waitForAbsence(":seed q")
        try tmux.send("-l", String(repeating: "s", count: 1_000) + "q")
        let after = try tmux.waitFor("exit status 0", seconds: 10)
        #expect(after.contains("modes:icanon echo"))
    }

    /// An update of a large network (2-1000-1000-1 on batches of 50: seconds in a debug build)
    /// used to leave every key waiting; it is made away from the loop, the status says so, and
    /// ? opens the help while it runs.
    @Test func keysAreAnsweredWhileALargeUpdateRuns() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: ["--layers", "2,1000,1000,1", "--data", "circle", "--batch", "50"])
        defer { tmux.kill() }
        try tmux.waitFor("spc Step", seconds: 60)
        try tmux.send("Space")
        try tmux.waitFor("▶ update 1: ", seconds: 10)
        try tmux.send("?")
        try tmux.waitUntil("showed the help during the update", seconds: 10) { $0.contains("one backprop iteration") && $0.contains("▶ update 1: ") }
        try tmux.send("Escape")
        try tmux.waitFor("│ iteration 1 │", seconds: 60)
        try tmux.send("q")
        try tmux.waitFor("exit status 0", seconds: 10)
    }

    /// One update too large to answer keys meanwhile is refused before the screen opens.
    @Test func anUpdateTooLargeForTheScreenIsRefusedInOneLine() throws {
        let tmux = try Tmux(width: 200, height: 30, arguments: ["--layers", "2,3000,3000,1", "--data", "circle", "--batch", "all"])
        defer { tmux.kill() }
        let screen = try tmux.waitFor("exit status 1", seconds: 40)
        #expect(screen.contains("bptui: --batch: 2-3000-3000-1 with a batch of 250: an update is ~2.25375e+09 multiply-adds"), "\(screen)")
        #expect(screen.contains("the screen takes batches up to 11 for it (--headless trains any)"))
    }

    @Test func resizeStormEndsInTheRightLayout() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        var generator = SplitMix64(seed: 7)
        for _ in 0 ..< 50 {
            try tmux.resize(width: 40 + Int(generator.next() % 120), height: 10 + Int(generator.next() % 40))
        }
        try tmux.resize(width: 120, height: 40)
        let expected = Screen.render(AppState.post, width: 120, height: 40).lines
        let shown = try tmux.waitFor(expected[0])
        try tmux.waitFor("iteration 0: the post's starting network")
        #expect(try tmux.screen().split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
            .map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) } == expected,
            "after the storm:\n\(shown)")
        try tmux.quit()
    }

    @Test func twoThousandRandomKeysLeaveItAliveAndResettable() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        var generator = SplitMix64(seed: 2_000)
        let printable = Array("abcdefhijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ!@#$%^&*()_+-=[]{};:'\\\",.<>/?`~ ")
        let named = ["Up", "Down", "Left", "Right", "Escape", "Enter", "BSpace", "Tab", "F1", "F5", "PageUp", "Home", "C-u"]
        var batch: [String] = []
        for _ in 0 ..< 2_000 {
            if generator.next() % 4 == 0 {
                batch.append(named[Int(generator.next() % UInt64(named.count))])
            } else {
                batch.append("-l")
                batch.append(String(printable[Int(generator.next() % UInt64(printable.count))]))
            }
            if batch.count > 60 {
                try send(batch, to: tmux)
                batch = []
            }
        }
        try send(batch, to: tmux)
        try tmux.send("Escape", "Escape")
        if try tmux.screen().contains("running") {
            try tmux.send("r")
        }
        try tmux.waitFor("paused")
        try tmux.send("R")
        try tmux.waitFor("E_total 0.298371109")
        try tmux.quit()
    }

    /// Sends keys in groups: each `-l` marks the next word as literal text.
    private func send(_ keys: [String], to tmux: Tmux) throws {
        var group: [String] = []
        var literal = false
        func flush() throws {
            if !group.isEmpty { try tmux.run(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + group) }
            group = []
        }
        var index = 0
        while index < keys.count {
            let isLiteral = keys[index] == "-l"
            let key = isLiteral ? keys[index + 1] : keys[index]
            if isLiteral != literal { try flush(); literal = isLiteral }
            group.append(key)
            index += isLiteral ? 2 : 1
        }
        try flush()
    }

    @Test func stdoutToAFileOrAPipeIsRefusedWithoutEscapeCodes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try Tmux(width: 200, height: 10, redirection: "> \(file)")
        defer { tmux.kill() }
        let screen = try tmux.waitFor("exit status 1")
        #expect(screen.contains("bptui: standard output is not a terminal; use --headless for a run without a screen"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).isEmpty)
        let piped = try Tmux(width: 200, height: 10, redirection: "| cat")
        defer { piped.kill() }
        try piped.waitFor("bptui: standard output is not a terminal")
    }

    @Test func stdinFromDevNullIsRefused() throws {
        let tmux = try Tmux(width: 200, height: 10, redirection: "< /dev/null")
        defer { tmux.kill() }
        try tmux.waitFor("bptui: standard input is not a terminal; use --headless")
        try tmux.waitFor("exit status 1")
    }

    @Test func unsetTermIsRefused() throws {
        let tmux = try Tmux(width: 200, height: 10, unset: ["TERM"])
        defer { tmux.kill() }
        try tmux.waitFor("bptui: TERM is not set; use --headless")
        try tmux.waitFor("exit status 1")
    }

    @Test func noColorStillDrawsEverything() throws {
        let tmux = try Tmux(width: 80, height: 24, environment: ["NO_COLOR": "1"])
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        let styled = try tmux.run(["capture-pane", "-e", "-p", "-t", "0"])
        #expect(styled.range(of: "\u{1B}\\[([0-9]+;)*3[0-7]m", options: .regularExpression) == nil, "no foreground colours")
        #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"), "selection in reverse video")
        try tmux.quit()
    }

    @Test func asciiLocaleDrawsWithASCII() throws {
        let tmux = try Tmux(width: 80, height: 24, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { tmux.kill() }
        let screen = try tmux.waitFor("E_total 0.298371109")
        #expect(screen.contains("+- bptui . A Step by Step"))
        try tmux.quit()
    }
}
