import Foundation
import Testing

/// A tmux server on a private socket running bptui in one pane; keys by send-keys, the screen
/// by capture-pane. After bptui exits, the pane reports its exit status and whether the
/// terminal is back in canonical mode with echo on. `kill()` removes every trace of it.
struct Tmux {
    let socket = "bptui-test-\(UUID().uuidString.prefix(8))"
    /// The temporary directory bptui runs in, when this made it (and `kill()` removes it).
    let ownedDirectory: String?

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Starts bptui with `arguments` in a `width`×`height` pane; `unset` names variables to
    /// remove and `redirection` (e.g. `> file`) is appended to the command line. Returns once
    /// the pane shows anything: bptui's first frame, or its refusal to start.
    init(width: Int = 100, height: Int = 30, arguments: [String] = [], environment: [String: String] = [:],
         unset: [String] = [], redirection: String = "", directory: String? = nil) throws {
        let assignments = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"].merging(environment) { $1 }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let words = ["env"] + unset.flatMap { ["-u", $0] } + assignments + [Binary.url.path] + arguments
        let command = words.map(Self.quoted).joined(separator: " ") + " " + redirection
        // A fresh directory unless one is given: keys like `x` write files where bptui runs.
        let workingDirectory = try directory ?? Self.temporaryDirectory()
        ownedDirectory = directory == nil ? workingDirectory : nil
        let change = "cd \(Self.quoted(workingDirectory)) && "
        let script = "trap true INT; \(change)\(command); status=$?; printf 'modes:'; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; "
            + "echo; echo \"exit status $status\"; sleep 600"
        try starting {
            try run(["new-session", "-d", "-x", String(width), "-y", String(height), "sh", "-c", script])
            try waitForStart { try !screen().allSatisfy(\.isWhitespace) }
        }
    }

    /// Starts an interactive bash with job control in a `width`×`height` pane and types the
    /// bptui command line into it, as a person would. Returns once bptui has drawn on the
    /// terminal's alternate screen.
    init(interactiveShellWidth width: Int, height: Int) throws {
        let workingDirectory = try Self.temporaryDirectory()
        ownedDirectory = workingDirectory
        try starting {
            try run(["new-session", "-d", "-x", String(width), "-y", String(height), "-c", workingDirectory,
                     "bash", "--norc", "--noprofile", "-i"])
            try send("LANG=C.UTF-8 \(Self.quoted(Binary.url.path))", "Enter")
            try waitForStart {
                try run(["display-message", "-p", "-t", "0", "#{alternate_on}"]).hasPrefix("1")
                    && !screen().allSatisfy(\.isWhitespace)
            }
        }
    }

    /// Runs `steps`, and if they fail removes whatever they left before rethrowing.
    private func starting(_ steps: () throws -> Void) throws {
        do { try steps() } catch { kill(); throw error }
    }

    /// Polls until `started` holds; fails after 20 s.
    private func waitForStart(_ started: () throws -> Bool) throws {
        guard try poll(seconds: 20, started) else {
            throw Failure(description: "bptui did not start within 20 s; the screen was:\n\((try? screen()) ?? "")")
        }
    }

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command and returns what it printed. Spawned directly rather than through
    /// Foundation's Process, which waits for every inherited descriptor to close — and the
    /// tmux server, forked by the first command, keeps them open for as long as it lives.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The terminal's programs start with no signal blocked or ignored, whatever the test
        // runner's threads had, so that job control (Ctrl-Z) works as in a login shell.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot run tmux (error \(spawned)); is it installed?") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    func send(_ keys: String...) throws { try run(["send-keys", "-t", "0"] + keys) }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "0"]) }

    /// The screen with its colours and attributes as escape sequences.
    func screenWithColours() throws -> String { try run(["capture-pane", "-p", "-e", "-t", "0"]) }

    /// Polls the screen until it contains `text`; fails after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("showed \(text)", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Polls the screen until `text` is gone from it.
    @discardableResult
    func waitForAbsence(_ text: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("no longer showed \(text)", seconds: seconds, sourceLocation: sourceLocation) { !$0.contains(text) }
    }

    /// Polls the screen until `condition` holds of two captures in a row, and returns the
    /// second: the first can catch a frame half drawn, the next, 20 ms later, has the rest of
    /// it (a live screen, a job's progress, never stops changing). Fails after `seconds`.
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: (String) -> Bool) throws -> String {
        var last = "", heldBefore = false
        let held = try poll(seconds: seconds) {
            last = try screen()
            let holds = condition(last)
            defer { heldBefore = holds }
            return holds && heldBefore
        }
        if held { return last }
        Issue.record("never \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw Failure(description: "timed out: never \(what)")
    }

    /// Asks `probe` every 20 ms until it says yes (true) or `seconds` pass (false).
    private func poll(seconds: Double, _ probe: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try probe() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Presses q and expects bptui to exit with status 0.
    func quit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try send("q")
        try waitFor("exit status 0", sourceLocation: sourceLocation)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// The pid of bptui, the shell's child in the pane.
    func bptuiPID() throws -> Int32 {
        let shell = try run(["list-panes", "-t", "0", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let pid = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
            throw Failure(description: "no bptui process under the pane's shell \(shell)")
        }
        return pid
    }

    /// Where tmux keeps the server's socket for `-L socket`.
    var socketPath: String {
        "\(ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp")/tmux-\(getuid())/\(socket)"
    }

    /// Ends the server and removes its socket file (tmux leaves it behind) and the directory
    /// made for bptui.
    func kill() {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: socketPath)
        if let ownedDirectory { try? FileManager.default.removeItem(atPath: ownedDirectory) }
    }
}
