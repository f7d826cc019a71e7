import BackpropEngine

extension AppState {
    /// Applies one command, the only way the state changes, and returns what the backend is
    /// to do next: the walk's guards first, then the small reducer of the command's kind.
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
        let effects: [Effect]
        switch command {
        case .walkNext: effects = walkNext()
        case .walkBack: walkBack(); effects = []
        case .click(let x, let y, let double): click(x: x, y: y, double: double); effects = []
        case .quit: effects = [.quit]
        default:
            effects = command.isPromptCommand ? updatePrompt(command) : command.isView ? updateView(command) : updateTraining(command)
        }
        let deriving = refreshDerived()
        refreshThumbnails()
        refreshMaps()
        // Maps still being computed ask for the next slice.
        let all = effects + deriving
        let ticking = all.contains { if case .tick = $0 { true } else { false } }
        return mapsInProgress == nil || ticking ? all : all + [.tick(after: 0)]
    }

    /// Training, long jobs and what answers them: steps, the run, go-to, reset, the order and
    /// biases, export, the clock.
    private mutating func updateTraining(_ command: Command) -> [Effect] {
        switch command {
        case .step:
            if refusedWhileBusy() { break }
            // Mid-walk, space completes the iteration at once (after it, it takes the next).
            walk = nil
            return stepOnce()
        case .stepBack: return stepBack()
        case .toggleRun: return refusedWhileBusy() ? [] : setRunning(!running)
        case .faster, .slower:
            (speed, message) = speed.stepped(faster: command == .faster)
            measuredRate = nil
            pace.restartMeasuring()
        case .reset:
            job = nil
            let edited = !trainer.edits.isEmpty
            trainer = trainer.reset
            recipe.learningRate = trainer.settings.learningRate
            recipe.regularization = trainer.settings.regularization
            message = "reset to iteration \(Format.count(trainer.iteration))" + (trainer.iteration > 0 ? ", where this run starts" : "")
                + (edited ? ", edits forgotten" : "")
        case .toggleOrder, .toggleBiases:
            if refusedWhileBusy() { break }
            var changed = recipe
            if command == .toggleOrder { changed.order = recipe.order == .published ? .textbook : .published } else { changed.trainBiases.toggle() }
            return rebuild(changed, command == .toggleOrder ? "update order: \(changed.order.rawValue)" : "biases \(changed.trainBiases ? "trained" : "fixed")")
        case .regenerate:
            if refusedWhileBusy() { break }
            regenerate()
        case .export:
            if refusedWhileBusy() { break }
            let builder = ExportBuilder(trainer, playground: recipe.playgroundLink(trainer, view: (!hidesTestSamples, discretized)))
            return start(Job(work: .export(builder), target: builder.total, done: 0))
        case .exported(let result):
            switch result {
            case .success(let written): message = written.message
            case .failure(let failure): message = "export failed: \(failure.description)"
            }
        case .tick(let seconds): return tick(seconds)
        case .built(let made): built(made)
        case .advanced(let answer): return advanced(answer)
        case .makeRun(let recipe, let change): return rebuild(recipe, change)
        case .unbound(let key): message = "the key \(key) does nothing here — ? lists every key"
        case .ignoredInput(let what): message = "ignored \(what)"
        default: break
        }
        return []
    }

    /// The prompts: opening go-to, `=` and `:`, typing into them, and Enter.
    private mutating func updatePrompt(_ command: Command) -> [Effect] {
        var effects: [Effect] = []
        switch command {
        case .openGoTo:
            if refusedWhileBusy() { break }
            // The post's network goes to the post's 10,000 first; any other a thousand on.
            let post = trainer.isThePostsNetwork && trainer.iteration < Post.finalIteration
            prompt = Prompt(.goTo, text: String(post ? Post.finalIteration : trainer.iteration + 1_000))
        case .openEdit, .openCommandLine:
            if refusedWhileBusy() { break }
            if running { effects = setRunning(false) }
            if command == .openEdit {
                openSet(Edit.Target(parameter))
            } else {
                prompt = Prompt(.command, text: "")
                prompt?.selected = false
                recalled = nil
            }
        case .promptInsert(let text): prompt?.insert(text)
        case .promptBackspace: prompt?.backspace()
        case .promptClear: prompt?.clear()
        case .promptKeep: prompt?.selected = false
        case .promptNextTarget:
            switch prompt?.kind {
            case .command: prompt?.complete()
            case .set(let target): openSet(nextSetTarget(after: target))
            default: break
            }
        case .promptRecall(let offset): recall(offset)
        case .promptSubmit: effects = submitPrompt()
        default: break
        }
        return effects
    }

    /// Enter in the open prompt: runs the line, sets the value or goes; a refusal keeps the
    /// prompt open with its reason.
    private mutating func submitPrompt() -> [Effect] {
        switch prompt?.kind {
        case .command: return submitCommandLine()
        case .set(let target): submitSet(target)
        case .goTo:
            switch prompt?.iteration() {
            case .success(let target)?:
                prompt = nil
                return goTo(target)
            case .failure(let refusal)?: prompt?.error = refusal.description
            case nil: break
            }
        case nil: break
        }
        return []
    }

    /// The views over the panes, the data view, the selection and the terminal's size.
    private mutating func updateView(_ command: Command) -> [Effect] {
        switch command {
        case .toggleScale: chartScale = chartScale == .log ? .linear : .log
        case .toggleHelp: toggle(.help)
        case .toggleExplain: toggle(.explain)
        case .toggleGradientCheck: toggle(.gradientCheck)
        case .toggleCheckpoints: toggleCheckpoints()
        case .toggleDataView:
            dataView.toggle()
            mapAge = .infinity
        case .toggleTestSamples, .toggleDiscretize:
            if command == .toggleTestSamples { hidesTestSamples.toggle() } else { discretized.toggle() }
            let classNote = shown == .predictedClass ? "; the class map is by class either way ([ ] an output's map)" : ""
            message = command == .toggleTestSamples ? "test samples \(hidesTestSamples ? "hidden" : "shown") on the map"
                : "an output's map shows \(discretized ? "its side of the middle only" : "its value in shades")" + classNote
                + (dataView ? "" : " (d opens the data view)")
        case .switchFocus: switchFocus()
        case .selectPrevious, .selectNext, .pageUp, .pageDown: move(command)
        case .previousOutput, .nextOutput: chooseOutput(by: command == .nextOutput ? 1 : -1)
        case .nextMapX, .nextMapY: chooseAxis(y: command == .nextMapY)
        case .close: return close()
        case .resized(let width, let height):
            screenSize = (width, height)
            mapAge = .infinity
        default: break
        }
        return []
    }

    private mutating func toggle(_ view: Overlay) { overlay = overlay == view ? nil : view }

    /// `t`: the post's checkpoints, for the post's network only.
    private mutating func toggleCheckpoints() {
        guard trainer.isThePostsNetwork else {
            message = "t: the post's figures are for the post's own network; this is \(architecture.shapeName) on \(recipe.dataName)"
            return
        }
        toggle(.checkpoints)
        checkpoints = overlay == .checkpoints ? Post.checkpoints(order: trainer.settings.order) : []
        checkpointScroll = 0
    }

    /// Tab: between the weights list and the diagram's neurons, to the neuron the selected
    /// weight or bias feeds.
    private mutating func switchFocus() {
        if focus == .parameters {
            switch parameter {
            case .weight(let index):
                let ends = architecture.weightEnds(index)
                neuron = Neuron(layer: ends.layer, index: ends.to)
            case .bias(let index):
                let owner = architecture.biasOwner(index)
                neuron = Neuron(layer: owner.layer, index: owner.neuron ?? 0)
            }
        }
        focus = focus == .parameters ? .neurons : .parameters
        mapAge = .infinity
    }

    /// ↑ ↓ PgUp PgDn: the checkpoints view scrolls, the data view's table pages, otherwise the
    /// selection moves; help keeps them for itself.
    private mutating func move(_ command: Command) {
        if overlay == .help { return }
        let page = command == .pageUp || command == .pageDown, down = command == .selectNext || command == .pageDown
        if overlay == .checkpoints {
            scrollCheckpoints(by: (down ? 1 : -1) * (page ? CheckpointsPane.pageRows(self) : 1))
        } else if page, dataView, overlay == nil, let samples = derived.samples, let size = screenSize,
                  let layout = Layout(width: size.width, height: size.height, architecture: architecture, dataView: true) {
            let rows = DataPane.tableRows(for: self, in: layout.data)
            guard rows > 0 else {
                message = "the table has no room below the map here: a taller terminal lists the samples"
                return
            }
            // A page is the rows in view less one, kept for context (the axes may take a row, so
            // the scroll may pass the last page: the table shows the last rows that fit).
            let page = max(1, rows - 1)
            tableScroll = min(max(0, samples.total - 1), max(0, min(tableScroll, samples.total - rows) + (down ? page : -page)))
        } else {
            moveSelection(by: (down ? 1 : -1) * (page ? 10 : 1))
        }
    }

    /// Esc: the prompt or help first, then a long job, then any other view; never quits.
    private mutating func close() -> [Effect] {
        if prompt != nil {
            prompt = nil
        } else if overlay == .help {
            overlay = nil
        } else if let job {
            self.job = nil
            if away?.purpose == .job { away = nil }
            if case .build(_, let change, _) = job.work {
                message = "\(change) given up — the run stays \(architecture.shapeName) on \(recipe.dataName), "
                    + Format.plural(trainer.data.training.count + trainer.data.test.count, "sample")
                return [.giveUpBuilding]
            } else {
                message = "\(job.name) stopped at iteration \(Format.count(trainer.iteration))"
            }
        } else if overlay != nil {
            overlay = nil
        } else if walk != nil {
            walk = nil
        } else if dataView {
            dataView = false
        }
        return []
    }

    /// Rebuilds training from a changed recipe, saying what changed and that it starts
    /// over; a recipe that cannot be built changes nothing and says why.
    /// A new run of `changed`: `made` already, made at once, or, for a large one, made by the
    /// backend away from the loop while a job waits for it (Esc gives it up).
    mutating func rebuild(_ changed: Recipe, _ change: String, made: NewRun? = nil) -> [Effect] {
        guard made == nil, changed.buildsSlowly else {
            restart(changed, change, trainer: made)
            return []
        }
        do {
            _ = try changed.checkedArchitecture()
        } catch {
            message = "\(change) refused: \(error.description) — nothing changed"
            return []
        }
        return start(Job(work: .build(changed, change: change, seconds: nil), target: 0, done: 0))
    }

    /// `[` `]`: the next or previous of what the data view can map.
    private mutating func chooseOutput(by step: Int) {
        let choices = ShownOutput.choices(architecture), a = architecture
        let at = choices.firstIndex(of: shown) ?? 0
        shown = choices[(at + step + choices.count) % choices.count]
        mapAge = .infinity
        let outputs = a.layers[a.outputLayer]
        message = switch shown {
        case .predictedClass: "data view: the class the network picks, its largest output"
        case .output(let k): "data view: \(a.neuronName(layer: a.outputLayer, neuron: k))" + (outputs == 1 ? " is the only output" : " of \(outputs) outputs")
        }
    }

    /// `X` `Y`: the next input on the map's x (or y) axis, skipping the other axis's.
    private mutating func chooseAxis(y: Bool) {
        let inputs = architecture.sampleInputs
        guard inputs > 2 else {
            message = "the map's axes are the samples' \(Format.plural(inputs, "input")); X and Y choose among 3 or more"
            return
        }
        func next(_ k: Int, skipping other: Int) -> Int {
            let after = (k + 1) % inputs
            return after == other ? (after + 1) % inputs : after
        }
        mapAxes = y ? MapAxes(x: mapAxes.x, y: next(mapAxes.y, skipping: mapAxes.x)) : MapAxes(x: next(mapAxes.x, skipping: mapAxes.y), y: mapAxes.y)
        mapAge = .infinity
        let a = architecture, held = (0 ..< inputs).filter { $0 != mapAxes.x && $0 != mapAxes.y }
        message = "the map: \(a.neuronName(layer: 0, neuron: mapAxes.x)) across, \(a.neuronName(layer: 0, neuron: mapAxes.y)) up, "
            + held.map { a.neuronName(layer: 0, neuron: $0) }.joined(separator: ", ") + (held.count == 1 ? " held at its mean" : " held at their means")
    }

    /// G: the points drawn anew from the next seed and the network as it stands kept, as
    /// Playground's Regenerate: training goes on from it, at iteration 0 of the new data.
    private mutating func regenerate() {
        guard !recipe.buildsSlowly else {
            message = "G draws at most \(Format.count(Recipe.samplesMadeAtOnce)) samples at once; :seed N makes new data (and weights) in the background"
            return
        }
        do {
            guard let (changed, data, seed) = try recipe.regenerated() else {
                message = "G draws new points for \(BuiltInData.generatedNames) and Playground links; \(recipe.dataName) is fixed"
                return
            }
            let kept = Trainer(trainer.network, data: data, settings: trainer.settings, iteration: 0, epoch: 0, position: 0,
                               dead: trainer.dead.indices.filter { trainer.dead[$0] })
            // Its own sentence, short enough for 80 columns (the data's name says the seed again).
            restart(changed, "new points", trainer: NewRun(kept),
                    saying: "new points (seed \(seed)), the network kept; iteration 0 of the new data")
        } catch {
            message = "G refused: \(error.description)"
        }
    }

    /// `saying`: the message in place of the usual "… training starts over" (an obstacle to
    /// learning is still said first).
    mutating func restart(_ changed: Recipe, _ change: String, trainer prebuilt: NewRun? = nil, saying: String? = nil) {
        do {
            let rebuilt = if let prebuilt { prebuilt } else { NewRun(try changed.trainer()) }
            recipe = changed
            let shapeChanged = rebuilt.trainer.start.architecture.layers != architecture.layers
            trainer = rebuilt.trainer
            classification = rebuilt.classLabels
            if shapeChanged || ParameterList(a: architecture, headings: false).index(of: parameter) == nil {
                parameter = .weight(architecture.weightOffset(layer: architecture.outputLayer))
                neuron = Neuron(layer: architecture.outputLayer, index: 0)
                shown = ShownOutput.choices(architecture)[0]
                mapAxes = MapAxes(x: 0, y: 1)
            }
            if !ShownOutput.choices(architecture).contains(shown) { shown = ShownOutput.choices(architecture)[0] }
            running = false
            mapAge = .infinity
            tableScroll = 0
            if overlay == .checkpoints {
                if trainer.isThePostsNetwork { checkpoints = Post.checkpoints(order: trainer.settings.order) } else { overlay = nil }
            }
            message = saying ?? "\(change) — \(architecture.shapeName) on \(recipe.dataName), training starts over at iteration 0"
            if let obstacle = rebuilt.obstacle { message = "\(change): " + obstacle.sentence }
        } catch {
            message = "\(change) refused: \(error.description) — nothing changed"
        }
    }

    private mutating func scrollCheckpoints(by lines: Int) {
        let most = max(0, checkpoints.count - CheckpointsPane.pageRows(self))
        checkpointScroll = min(most, max(0, checkpointScroll + lines))
    }

    private mutating func moveSelection(by offset: Int) {
        switch focus {
        case .parameters:
            parameter = ParameterList(a: architecture, headings: false).parameter(parameter, movedBy: offset)
        case .neurons:
            let neurons = architecture.layers.indices.flatMap { l in (0 ..< architecture.layers[l]).map { Neuron(layer: l, index: $0) } }
            let index = neurons.firstIndex(of: neuron) ?? 0
            neuron = neurons[min(neurons.count - 1, max(0, index + offset))]
            mapAge = .infinity
        }
    }
}
