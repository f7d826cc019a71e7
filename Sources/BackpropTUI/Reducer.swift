import BackpropEngine

extension AppState {
    /// The largest iteration the go-to prompt accepts.
    public static let goToLimit = 1_000_000_000
    /// The frame interval the run mode aims at: about 30 redraws a second.
    public static let frameSeconds = 1.0 / 30

    /// Applies one command: the only place the state changes.
    public mutating func update(_ command: Command) {
        if case .tick = command {} else { message = nil }
        switch command {
        case .step:
            train(1)
        case .toggleRun:
            running.toggle()
            if !running { measuredRate = nil }
            if running, trainer.divergence != nil { running = false }
        case .faster:
            speed = speed.faster
            message = "speed: \(speed.label)"
        case .slower:
            speed = speed.slower
            message = "speed: \(speed.label)"
        case .reset:
            trainer.reset()
            message = "reset to iteration 0"
        case .toggleOrder:
            var settings = trainer.settings
            settings.order = settings.order == .published ? .textbook : .published
            restart(with: settings)
            message = "update order: \(settings.order.rawValue) — reset to iteration 0"
        case .toggleBiases:
            var settings = trainer.settings
            settings.trainBiases.toggle()
            restart(with: settings)
            message = "biases \(settings.trainBiases ? "trained" : "fixed") — reset to iteration 0"
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
        case .selectPrevious:
            moveSelection(by: -1)
        case .selectNext:
            moveSelection(by: 1)
        case .openGoTo:
            prompt = String(Post.finalIteration)
            promptKind = .goTo
        case .openEdit:
            openEdit(.parameter(selection))
        case .promptNextTarget:
            if case .edit(let target) = promptKind, prompt != nil { openEdit(target.next(selected: selection)) }
        case .promptInsert(let text):
            insertIntoPrompt(text)
        case .promptBackspace:
            if prompt?.isEmpty == false { prompt?.removeLast() }
        case .promptClear:
            if prompt != nil { prompt = "" }
            promptOverflowed = false
        case .promptSubmit:
            submitGoTo()
        case .close:
            if prompt != nil { prompt = nil } else { overlay = nil }
        case .quit:
            wantsQuit = true
        case .export:
            exportRequested = true
            message = "exporting…"
        case .exported(let result):
            exportRequested = false
            switch result {
            case .success(let files): message = "exported " + files.joined(separator: " and ")
            case .failure(let failure): message = "export failed: \(failure.description)"
            }
        case .tick(let seconds):
            tick(seconds)
        case .unbound(let key):
            message = "the key \(key) does nothing here — ? lists every key"
        }
    }

    private mutating func restart(with settings: TrainingSettings) {
        trainer = Trainer(start: trainer.start, settings: settings)
        if overlay == .checkpoints { checkpoints = Post.checkpoints(order: settings.order) }
    }

    private mutating func toggle(_ view: Overlay) {
        overlay = overlay == view ? nil : view
    }

    private mutating func moveSelection(by offset: Int) {
        let index = Self.rows.firstIndex(of: selection) ?? 0
        selection = Self.rows[min(Self.rows.count - 1, max(0, index + offset))]
    }

    /// The longest text the edit prompt takes.
    static let editLimit = 32

    private mutating func openEdit(_ target: EditTarget) {
        promptKind = .edit(target)
        prompt = "\(target.value(in: trainer))"
        promptOverflowed = false
    }

    private mutating func submitEdit(_ target: EditTarget, _ text: String) {
        guard !promptOverflowed else {
            message = "that was longer than \(Self.editLimit) characters, not a finite number; nothing changed"
            return
        }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            message = "“\(text.prefix(20))” is not a finite number; nothing changed"
            return
        }
        if target == .learningRate, value <= 0 {
            message = "η must be above 0; nothing changed"
            return
        }
        var network = trainer.network, settings = trainer.settings
        target.set(value, &network, &settings)
        guard trainer.edit(network, settings: settings) else {
            message = "\(target.label) = \(value) makes the network's numbers non-finite; nothing changed"
            return
        }
        prompt = nil
        message = "\(target.label) set to \(value) at iteration \(trainer.iteration) · R returns to the start"
    }

    private mutating func insertIntoPrompt(_ text: String) {
        guard var current = prompt else { return }
        if case .edit = promptKind {
            let typed = current + text.filter { $0.isASCII && !$0.isWhitespace }
            if typed.count > Self.editLimit {
                promptOverflowed = true
                message = "a value is at most \(Self.editLimit) characters"
            }
            prompt = String(typed.prefix(Self.editLimit))
            return
        }
        let digits = text.filter(\.isASCIIDigit)
        if digits.count < text.count { message = "the go-to prompt takes digits only" }
        current += digits
        prompt = String(current.prefix(String(Self.goToLimit).count))
    }

    private mutating func submitGoTo() {
        guard let text = prompt else { return }
        if case .edit(let target) = promptKind {
            submitEdit(target, text)
            return
        }
        guard let target = Int(text), target <= Self.goToLimit else {
            message = text.isEmpty ? "type an iteration number, or Esc to cancel"
                : "go to at most iteration \(Self.goToLimit)"
            return
        }
        prompt = nil
        if target < trainer.iteration { trainer.reset() }
        train(target - trainer.iteration)
    }

    /// Trains, noting divergence; running stops by itself at the post's iteration 10,000.
    private mutating func train(_ steps: Int) {
        guard steps > 0 else { return }
        if trainer.divergence != nil {
            message = "training has diverged — R resets"
            return
        }
        trainer.train(steps)
        if trainer.divergence != nil { running = false }
    }

    private mutating func tick(_ seconds: Double) {
        guard running else { return }
        let elapsed = min(max(seconds, 0), 0.25)
        var steps: Int
        switch speed {
        case .perSecond(let rate):
            let owed = Double(rate) * elapsed + owedFraction
            steps = Int(owed)
            owedFraction = owed - Double(steps)
        case .maximum:
            if elapsed > Self.frameSeconds {
                maximumBatch = max(1_000, maximumBatch * 4 / 5)
            } else if elapsed < Self.frameSeconds * 0.8 {
                maximumBatch = min(50_000_000, maximumBatch * 5 / 4)
            }
            steps = maximumBatch
        }
        let milestone = Post.finalIteration
        if trainer.iteration < milestone, trainer.iteration + steps >= milestone {
            steps = milestone - trainer.iteration
            running = false
        }
        let before = trainer.iteration
        train(steps)
        rateWindow.iterations += trainer.iteration - before
        rateWindow.seconds += elapsed
        if rateWindow.seconds >= 0.5 {
            measuredRate = Double(rateWindow.iterations) / rateWindow.seconds
            rateWindow = (0, 0)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
