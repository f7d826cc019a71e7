import BackpropEngine
import BackpropTUI
import CNcurses
import Foundation

/// Runs the full-screen view until the user quits: key → command → reducer → state → panes →
/// canvas → the cells that changed. The reducer's effects are performed here and answered
/// with commands: writing an export, and the next tick of the run or of a long job.
func runInteractive(_ app: AppState, first: Command? = nil) throws {
    var terminal = try openTerminal()
    defer { terminal.close() }
    run(&terminal, app, first: first)
}

/// The first state, made by `make` on a thread of its own. One ready within `startPatience`
/// opens the screen as `runInteractive` does; a longer start (a network of millions of
/// weights scoring every sample) opens it on a note of what is being made, which q, Esc and
/// Ctrl-C quit at once. A failure is thrown with the terminal restored.
func runInteractive(making what: String, _ make: @escaping () throws -> Start) throws {
    bptui_keep_large_blocks()
    let making = Making(make)
    if let made = making.result(waiting: startPatience) {
        let start = try made.get()
        for note in start.notes { writeError(note) }
        try runInteractive(start.state, first: start.first)
        return
    }
    var terminal = try openTerminal()
    let began = Date()
    while true {
        if let made = making.result(waiting: 0) {
            let start: Start
            do { start = try made.get() } catch {
                terminal.close()
                throw error
            }
            run(&terminal, start.state, first: start.first, notes: start.notes)
            return
        }
        let size = terminal.size
        terminal.draw(Screen.renderStarting(what, seconds: Int(Date().timeIntervalSince(began)), width: size.width, height: size.height,
                                            glyphs: terminal.glyphs, colors: terminal.colors))
        guard let event = terminal.readKey(waitingAtMost: startCheckMilliseconds) else { continue }
        if event.isResize { terminal.invalidate() }
        if let key = event.key, key == .character("q") || key == .escape || key == .control("c") {
            terminal.close()
            exit(0)
        }
    }
}

/// What the screen starts from: the state, a first command, and notes for standard error.
struct Start {
    let state: AppState, first: Command?, notes: [String]
}

/// How long a start may take before the screen opens on a note of what is being made.
let startPatience = 0.3
/// How often that note is redrawn and the thread making the start looked at.
let startCheckMilliseconds = 100

/// A start made on a thread of its own; the main thread only reads its result, under a lock.
final class Making: @unchecked Sendable {
    private let lock = NSCondition()
    private var made: Result<Start, Error>?

    init(_ make: @escaping () throws -> Start) {
        // The closure runs on that thread alone, once; only its result is shared.
        nonisolated(unsafe) let make = make
        Thread.detachNewThread { [self] in
            let result = Result { try make() }
            lock.lock()
            made = result
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The result, waiting up to `seconds` for it; nil while it is still being made.
    func result(waiting seconds: Double) -> Result<Start, Error>? {
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while made == nil, lock.wait(until: deadline) {}
        return made
    }
}

private func openTerminal() throws -> CursesTerminal {
    // A large network's arrays (72 MB for 9 million weights) are made and freed on every
    // step: kept in the heap, not handed back to the system, they are not zeroed page by
    // page each time (which was most of a step).
    bptui_keep_large_blocks()
    do {
        return try CursesTerminal()
    } catch {
        throw InputError(error.description)
    }
}

/// The loop on an open terminal, until q; `notes` are written to standard error once the
/// terminal is given back.
private func run(_ terminal: inout CursesTerminal, _ app: AppState, first: Command?, notes: [String] = []) {
    let directory = FileManager.default.currentDirectoryPath
    var state = app
    var size = terminal.size
    var pending = state.update(.resized(width: size.width, height: size.height)) + (first.map { state.update($0) } ?? [])
    // The tick chain: when the next tick is due, when the last one began, and whether the
    // pending tick was asked for by a tick (so its seconds span the whole slice or frame).
    var nextTick: Date?, lastTick = Date(), chained = false
    var lastClick: (x: Int, y: Int, at: Date)?
    let away = Away()
    /// Events read ahead of the one being handled, oldest first.
    var waiting: [KeyEvent] = []
    func nextEvent(waitingAtMost milliseconds: Int) -> KeyEvent? {
        waiting.isEmpty ? terminal.readKey(waitingAtMost: milliseconds) : waiting.removeFirst()
    }
    /// A key's commands; after ESC the rest of a sequence is read whole, none of it a key.
    func commands(for key: Key) -> [Command] {
        let prompt = state.prompt != nil, tooSmall = state.isTooSmall
        guard key == .escape else { return Command.from(key, prompt: prompt, tooSmall: tooSmall).map { [$0] } ?? [] }
        let sequence = EscapeSequence.read { nextEvent(waitingAtMost: 0)?.key }
        var double = false
        if case .click(let x, let y) = sequence {
            // The same cell again within the double-click time.
            double = lastClick.map { $0.x == x && $0.y == y && Date().timeIntervalSince($0.at) < doubleClickSeconds } ?? false
            lastClick = double ? nil : (x, y, Date())
        }
        let first = Command.from(sequence, prompt: prompt, tooSmall: tooSmall, double: double).map { [$0] } ?? []
        // The keys after Escape meet the state Escape leaves (a prompt closed, say).
        switch sequence {
        case .escapeThen(let next): return first + [Command.from(next, prompt: false, tooSmall: tooSmall)].compactMap { $0 }
        case .escapeTwiceThen(let next):
            return first + [Command.from(.escape, prompt: false, tooSmall: tooSmall), Command.from(next, prompt: false, tooSmall: tooSmall)].compactMap { $0 }
        default: return first
        }
    }
    while true {
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            switch effect {
            case .quit:
                // Exit here, the terminal restored: freeing millions of samples one by one
                // on the way out would keep the screen up for seconds.
                terminal.close()
                for note in notes { writeError(note) }
                exit(0)
            case .write(let export):
                pending += state.update(.exported(write(export, into: directory)))
            case .build(let recipe):
                away.start(recipe)
            case .advance(let advance):
                away.start(advance)
            case .giveUpBuilding:
                away.giveUp()
            case .tick(let after):
                if nextTick == nil, !chained { lastTick = Date() }
                let due = Date().addingTimeInterval(after)
                nextTick = min(nextTick ?? due, due)
            }
        }
        terminal.draw(Screen.render(state, width: size.width, height: size.height, glyphs: terminal.glyphs, colors: terminal.colors))
        let wait = min(nextTick.map { max(0, Int($0.timeIntervalSinceNow * 1000)) } ?? resumeCheckMilliseconds, resumeCheckMilliseconds)
        var event = nextEvent(waitingAtMost: wait)
        /// Reads what has arrived; a q among it, behind keys that take long (steps of a large
        /// network), quits at once.
        func readAhead() {
            let before = waiting.count
            while waiting.count < readAheadLimit, let more = terminal.readKey(waitingAtMost: 0) { waiting.append(more) }
            guard waiting.count > before || before == 0, let current = event else { return }
            if let quit = quitAhead(([current] + waiting).map(\.key), prompt: state.prompt != nil, tooSmall: state.isTooSmall) {
                pending += state.update(quit)
            }
        }
        readAhead()
        while let current = event, !pending.contains(.quit) {
            if current.isResize {
                terminal.invalidate()
                size = terminal.size
                pending += state.update(.resized(width: size.width, height: size.height))
            }
            if let key = current.key {
                for command in commands(for: key) { pending += state.update(command) }
            }
            event = nextEvent(waitingAtMost: 0)
            readAhead()
        }
        if resumed.exchange(false, ordering: .relaxed) {
            terminal.resume()
            size = terminal.size
            pending += state.update(.resized(width: size.width, height: size.height))
        }
        if let answer = away.take() { pending += state.update(answer) }
        chained = false
        if let due = nextTick, Date() >= due, !pending.contains(.quit) {
            nextTick = nil
            let now = Date()
            pending += state.update(.tick(seconds: now.timeIntervalSince(lastTick)))
            lastTick = now
            chained = true
        }
    }
}

/// Work too long for a frame, done on a thread of its own, one at a time, so the screen keeps
/// answering keys: new runs (a large data set) and the updates and derivations of a large
/// network. The loop takes each answer once it is ready. A run given up stops at the next
/// stage of its making and is dropped, so the next does not wait for it; the state drops an
/// answer to an advance it no longer waits for.
final class Away: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Command] = []
    /// Runs started, and how many of them were given up (all of the first ones: one is made at a time).
    private var started = 0, givenUp = 0
    private let queue = DispatchQueue(label: "bptui.away")

    func start(_ recipe: Recipe) {
        let number = lock.withLock { started += 1; return started }
        queue.async { [self] in
            let answer = BuiltTrainer(recipe) { self.lock.withLock { number <= self.givenUp } }
            lock.withLock { if number > givenUp { answers.append(.built(answer)) } }
        }
    }

    func start(_ advance: Advance) {
        queue.async { [self] in
            let answer = advance.perform()
            lock.withLock { answers.append(.advanced(answer)) }
        }
    }

    /// Stops making the runs started so far: their answers are never given.
    func giveUp() {
        lock.withLock { givenUp = started }
    }

    /// The oldest answer not yet taken.
    func take() -> Command? {
        lock.withLock { answers.isEmpty ? nil : answers.removeFirst() }
    }
}

/// The most events read ahead of the one handled, to find a q behind them.
let readAheadLimit = 4_096

/// The quit command among `keys`, when one comes before anything that would make it text
/// (a prompt opened, or a sequence after ESC whose reading depends on what follows).
func quitAhead(_ keys: [Key?], prompt: Bool, tooSmall: Bool) -> Command? {
    guard !prompt else { return nil }
    for case let key? in keys {
        if key == .escape { return nil }
        guard let command = Command.from(key, prompt: false, tooSmall: tooSmall) else { continue }
        if command == .quit { return command }
        if [.openGoTo, .openEdit, .openCommandLine].contains(command) { return nil }
    }
    return nil
}

/// The longest the loop waits for a key before it looks whether it came back from a Ctrl-Z:
/// the signal may reach another thread, and then no wait for a key ends on it.
let resumeCheckMilliseconds = 250

/// Two clicks on one cell this close together are a double-click (curses' own default).
let doubleClickSeconds = 0.4

/// Writes an export's two files into `directory`, named after the local time
/// (bptui-20261129-195900-history.csv) and a counter when that name is taken, so that no
/// export overwrites another. Both are written whole before either gets its name: a failure,
/// or the process killed halfway, leaves neither file, nor a half-written one.
func write(_ export: Export, into directory: String) -> Result<ExportWritten, ExportFailure> {
    let link = try? export.playground?.get()
    let folder = URL(fileURLWithPath: directory)
    let suffixes = ["history.csv"] + (export.json == nil ? [] : ["network.json"]) + (link == nil ? [] : ["playground.url"])
    var stem = "bptui-\(timestamp())", counter = 1
    while suffixes.contains(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(stem)-\($0)").path) }) {
        counter += 1
        stem = "bptui-\(timestamp())-\(counter)"
    }
    let finals = suffixes.map { folder.appendingPathComponent("\(stem)-\($0)").path }
    let partials = suffixes.map { folder.appendingPathComponent(".\(stem)-\($0).partial").path }
    func failure(_ path: String, _ error: Error) -> Result<ExportWritten, ExportFailure> {
        for leftover in partials + finals where FileManager.default.fileExists(atPath: leftover) { unlink(leftover) }
        var isDirectory: ObjCBool = false
        let reason: ExportFailure.Reason = if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            .directoryMissing
        } else if !FileManager.default.isWritableFile(atPath: directory) {
            .notWritable
        } else {
            .other(plainReason(error))
        }
        return .failure(ExportFailure(path: path, reason: reason))
    }
    let texts = [export.csv] + (export.json.map { [$0] } ?? []) + (link.map { [$0 + "\n"] } ?? [])
    var lacking: PlaygroundLink.Lack?
    if case .failure(let lack)? = export.playground { lacking = lack }
    let written = ExportWritten(paths: finals, networkLeftOut: export.json == nil ? export.networkBytes : nil, playgroundLacks: lacking)
    // Unnamed files, named only once both are whole: a process killed halfway leaves nothing.
    let unnamed = texts.map { _ in bptui_open_unnamed(directory) }
    defer { for descriptor in unnamed where descriptor >= 0 { Glibc.close(descriptor) } }
    if unnamed.allSatisfy({ $0 >= 0 }) {
        for (index, text) in texts.enumerated() where !writeAll(Array(text.utf8), to: unnamed[index]) {
            return failure(finals[index], POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        for index in finals.indices where linkat(AT_FDCWD, "/proc/self/fd/\(unnamed[index])", AT_FDCWD, finals[index], AT_SYMLINK_FOLLOW) != 0 {
            return failure(finals[index], POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        return .success(written)
    }
    // A file system without unnamed files: temporary names, renamed into place when both are whole.
    for (index, text) in texts.enumerated() {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: partials[index]))
        } catch {
            return failure(finals[index], error)
        }
    }
    for index in finals.indices where rename(partials[index], finals[index]) != 0 {
        return failure(finals[index], POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }
    return .success(written)
}

/// Writes every byte to `descriptor`; false (errno set) on the first failure.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}

/// The local time as 20261129-195900, for export file names.
func timestamp() -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return formatter.string(from: Date())
}
