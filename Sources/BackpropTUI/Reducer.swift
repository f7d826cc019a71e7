import BackpropEngine

extension AppState {
    /// The largest iteration the go-to prompt accepts.
    public static let goToLimit = 1_000_000_000
    /// The frame interval the run mode aims at: about 30 redraws a second.
    public static let frameSeconds = 1.0 / 30
    /// The longest text the edit prompt takes.
    static let editLimit = 32

    /// Applies one command, the only way the state changes, and returns what the backend
    /// is to do next.
    @discardableResult
    public mutating func update(_ command: Command) -> [Effect] {
        if !command.keepsTheMessage { message = nil }
        if walk != nil, command.conflictsWithTheWalk {
            // A key that would change what the walk shows waits for it to end; after its
            // last sub-step the walk just closes.
            if refusedWhileWalking() { return [] }
            walk = nil
        }
        if overlay == .help, command == .walkNext || command == .walkBack { return [] }
        if var current = walk, overlay == nil, let rows = command.walkScroll {
            current.scroll = max(0, current.scroll + rows)
            walk = current
            return []
        }
        var effects: [Effect] = []
        switch command {
        case .step:
            if refusedWhileBusy() { break }
            // Mid-walk, space completes the iteration at once (after it, it takes the next).
            walk = nil
            train(1)
        case .stepBack:
            effects = stepBack()
        case .toggleRun:
            if refusedWhileBusy() { break }
            effects = setRunning(!running)
        case .walkNext:
            effects = walkNext()
        case .walkBack:
            walkBack()
        case .faster, .slower:
            (speed, message) = speed.stepped(faster: command == .faster)
            measuredRate = nil
            pace.restartMeasuring()
        case .reset:
            job = nil
            let edited = !trainer.edits.isEmpty
            trainer.reset()
            message = "reset to iteration 0" + (edited ? ", edits forgotten" : "")
        case .toggleOrder, .toggleBiases:
            if refusedWhileBusy() { break }
            var settings = trainer.settings
            if command == .toggleOrder {
                settings.order = settings.order == .published ? .textbook : .published
                message = "update order: \(settings.order.rawValue) — reset to iteration 0"
            } else {
                settings.trainBiases.toggle()
                message = "biases \(settings.trainBiases ? "trained" : "fixed") — reset to iteration 0"
            }
            trainer = Trainer(start: trainer.start, settings: settings)
            if overlay == .checkpoints { checkpoints = Post.checkpoints(order: settings.order) }
        case .toggleScale:
            chartScale = chartScale == .log ? .linear : .log
        case .toggleHelp:
            toggle(.help)
        case .toggleExplain:
            toggle(.explain)
        case .toggleGradientCheck:
            toggle(.gradientCheck)
        case .toggleCheckpoints:
            toggle(.checkpoints)
            checkpoints = overlay == .checkpoints ? Post.checkpoints(order: trainer.settings.order) : []
            checkpointScroll = 0
        case .selectPrevious:
            if overlay == .checkpoints { scrollCheckpoints(by: -1) } else { moveSelection(by: -1) }
        case .selectNext:
            if overlay == .checkpoints { scrollCheckpoints(by: 1) } else { moveSelection(by: 1) }
        case .pageUp, .pageDown:
            guard overlay == .checkpoints else {
                message = "PgUp and PgDn scroll the checkpoints view (t)"
                break
            }
            scrollCheckpoints(by: (command == .pageUp ? -1 : 1) * CheckpointsPane.pageRows(self))
        case .openGoTo:
            if refusedWhileBusy() { break }
            prompt = Prompt(.goTo, text: String(Post.finalIteration))
        case .openEdit:
            if refusedWhileBusy() { break }
            if running { effects = setRunning(false) }
            openEdit(.parameter(selection))
        case .promptNextTarget:
            if case .edit(let quantity) = prompt?.kind { openEdit(quantity.next(selected: selection)) }
            if prompt?.kind == .command { prompt?.complete() }
        case .promptInsert(let text):
            prompt?.insert(text)
        case .promptBackspace:
            prompt?.backspace()
        case .promptClear:
            prompt?.clear()
        case .promptKeep:
            prompt?.selected = false
        case .promptSubmit:
            effects = submitPrompt()
        case .close:
            if prompt != nil {
                prompt = nil
            } else if overlay == .help {
                overlay = nil
            } else if let job {
                self.job = nil
                message = "\(job.name) stopped at iteration \(Format.count(trainer.iteration))"
            } else if overlay != nil {
                overlay = nil
            } else {
                walk = nil
            }
        case .quit:
            effects = [.quit]
        case .export:
            if refusedWhileBusy() { break }
            effects = startJob(.export(ExportBuilder(trainer)), total: trainer.iteration, done: 0)
        case .exported(let result):
            switch result {
            case .success(let written):
                message = Self.exportedMessage(written)
            case .failure(let failure):
                message = "export failed: \(failure.description)"
            }
        case .tick(let seconds):
            effects = tick(seconds)
        case .resized(let width, let height):
            screenSize = (width, height)
        case .unbound(let key):
            message = "the key \(key) does nothing here — ? lists every key"
        case .openCommandLine:
            if refusedWhileBusy() { break }
            if running { effects = setRunning(false) }
            prompt = Prompt(.command, text: "")
            prompt?.selected = false
        case .toggleDataView, .switchFocus, .previousOutput, .nextOutput:
            message = "\(KeyTable.bindings(on: .general).first { $0.keys.contains { $0.command == command } }?.names ?? "that key") "
                + "works on the screen of any network: bptui --layers 2,5,1 --data xor"
        case .promptRecall, .click:
            break
        }
        refreshDerived()
        return effects
    }

    /// "exported bptui-20261129-195900-{history.csv,network.json} (every 954th row)": both
    /// names in full, their shared start written once.
    static func exportedMessage(_ written: ExportWritten) -> String {
        let names = written.paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        let every = written.interval == 1 ? "" : " (every \(Format.ordinal(written.interval)) iteration)"
        guard let first = names.first else { return "exported nothing" }
        var stem = names.dropFirst().reduce(first) { String(zip($0, $1).prefix { $0 == $1 }.map(\.0)) }
        if let cut = stem.lastIndex(of: "-") { stem = String(stem[...cut]) }
        guard names.count > 1, !stem.isEmpty else { return "exported " + names.joined(separator: " and ") + every }
        return "exported \(stem){" + names.map { String($0.dropFirst(stem.count)) }.joined(separator: ",") + "}" + every
    }

    /// Says that a key that changes training waits for the running job; true if refused.
    mutating func refusedWhileBusy() -> Bool {
        guard let job else { return false }
        message = "busy with the \(job.name) — Esc stops it first"
        return true
    }

    mutating func setRunning(_ on: Bool) -> [Effect] {
        running = on && trainer.divergence == nil
        measuredRate = nil
        pace.restartMeasuring()
        if on, trainer.divergence != nil { message = "training has diverged — R resets" }
        return running ? [.tick(after: Self.frameSeconds)] : []
    }

    private mutating func refreshDerived() {
        let checking = overlay == .gradientCheck
        if !derived.isCurrent(for: trainer, checking: checking) { derived = Derived(trainer, checking: checking) }
    }

    private mutating func toggle(_ view: Overlay) {
        overlay = overlay == view ? nil : view
    }

    private mutating func moveSelection(by offset: Int) {
        let index = Self.rows.firstIndex(of: selection) ?? 0
        selection = Self.rows[min(Self.rows.count - 1, max(0, index + offset))]
    }

    private mutating func scrollCheckpoints(by lines: Int) {
        guard overlay == .checkpoints else { return }
        let most = max(0, checkpoints.count - CheckpointsPane.pageRows(self))
        checkpointScroll = min(most, max(0, checkpointScroll + lines))
    }
}

extension Command {
    /// Commands that would change the network, its training or the panes a walk replaces:
    /// refused while a walk is under way.
    var conflictsWithTheWalk: Bool {
        switch self {
        case .reset, .toggleOrder, .toggleBiases, .openEdit, .openCommandLine, .openGoTo, .stepBack, .toggleRun, .toggleDataView,
             .export, .toggleCheckpoints: true
        default: false
        }
    }

    /// How many rows a key scrolls the walk's derivation back (negative: forward).
    var walkScroll: Int? {
        switch self {
        case .selectPrevious: 1
        case .selectNext: -1
        case .pageUp: 10
        case .pageDown: -10
        default: nil
        }
    }

    /// Commands that only look (views, selection, scale) or report, and so leave the message
    /// of the last event on the line.
    var keepsTheMessage: Bool {
        switch self {
        case .tick, .exported, .resized, .toggleHelp, .toggleExplain, .toggleGradientCheck, .toggleCheckpoints,
             .selectPrevious, .selectNext, .pageUp, .pageDown, .toggleScale: true
        default: false
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
