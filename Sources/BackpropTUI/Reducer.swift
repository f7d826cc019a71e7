import BackpropEngine

extension AppState {
    /// Applies one command, the only way the state changes, and returns what the backend is
    /// to do next.
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
            trainer = trainer.reset
            recipe.learningRate = trainer.settings.learningRate
            message = "reset to iteration 0" + (edited ? ", edits forgotten" : "")
        case .toggleOrder:
            if refusedWhileBusy() { break }
            var changed = recipe
            changed.order = recipe.order == .published ? .textbook : .published
            restart(changed, "update order: \(changed.order.rawValue)")
        case .toggleBiases:
            if refusedWhileBusy() { break }
            var changed = recipe
            changed.trainBiases.toggle()
            restart(changed, "biases \(changed.trainBiases ? "trained" : "fixed")")
        case .toggleScale:
            chartScale = chartScale == .log ? .linear : .log
        case .toggleHelp:
            overlay = overlay == .help ? nil : .help
        case .toggleExplain:
            overlay = overlay == .explain ? nil : .explain
        case .toggleDataView:
            dataView.toggle()
            mapAge = .infinity
        case .switchFocus:
            if focus == .parameters {
                // To the neuron the selected weight or bias feeds.
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
        case .selectPrevious, .selectNext:
            if overlay == .help { break }
            if overlay == .checkpoints { scrollCheckpoints(by: command == .selectPrevious ? -1 : 1); break }
            moveSelection(by: command == .selectPrevious ? -1 : 1)
        case .pageUp, .pageDown:
            if overlay == .help { break }
            if overlay == .checkpoints {
                scrollCheckpoints(by: (command == .pageUp ? -1 : 1) * CheckpointsPane.pageRows(self))
                break
            }
            if dataView, overlay == nil, let samples = derived.samples {
                // The data view's table scrolls by a page.
                tableScroll = min(max(0, samples.count - 1), max(0, tableScroll + (command == .pageUp ? -10 : 10)))
            } else {
                moveSelection(by: (command == .pageUp ? -1 : 1) * 10)
            }
        case .previousOutput, .nextOutput:
            let outputs = architecture.layers[architecture.outputLayer]
            shownOutput = (shownOutput + (command == .nextOutput ? 1 : outputs - 1)) % outputs
            mapAge = .infinity
            message = "data view: \(architecture.neuronName(layer: architecture.outputLayer, neuron: shownOutput))"
                + (outputs == 1 ? " is the only output" : " of \(outputs) outputs")
        case .openGoTo:
            if refusedWhileBusy() { break }
            // The post's network goes to the post's 10,000 first; any other a thousand on.
            let post = trainer.isThePostsNetwork && trainer.iteration < Post.finalIteration
            prompt = Prompt(.goTo, text: String(post ? Post.finalIteration : trainer.iteration + 1_000))
        case .openEdit:
            if refusedWhileBusy() { break }
            if running { effects = setRunning(false) }
            openSet(LayeredEdit.Target(parameter))
        case .openCommandLine:
            if refusedWhileBusy() { break }
            if running { effects = setRunning(false) }
            prompt = Prompt(.command, text: "")
            prompt?.selected = false
            recalled = nil
        case .promptInsert(let text):
            prompt?.insert(text)
        case .promptBackspace:
            prompt?.backspace()
        case .promptClear:
            prompt?.clear()
        case .promptKeep:
            prompt?.selected = false
        case .promptNextTarget:
            switch prompt?.kind {
            case .command: prompt?.complete()
            case .set(let target): openSet(nextSetTarget(after: target))
            default: break
            }
        case .promptRecall(let offset):
            recall(offset)
        case .promptSubmit:
            switch prompt?.kind {
            case .command: submitCommandLine()
            case .set(let target): submitSet(target)
            case .goTo:
                switch prompt?.iteration() {
                case .success(let target)?:
                    prompt = nil
                    effects = goTo(target)
                case .failure(let refusal)?: prompt?.error = refusal.description
                case nil: break
                }
            default: break
            }
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
            } else if walk != nil {
                walk = nil
            } else if dataView {
                dataView = false
            }
        case .quit:
            effects = [.quit]
        case .tick(let seconds):
            effects = tick(seconds)
        case .resized(let width, let height):
            screenSize = (width, height)
            mapAge = .infinity
        case .unbound(let key):
            message = "the key \(key) does nothing here — ? lists every key"
        case .toggleCheckpoints:
            guard trainer.isThePostsNetwork else {
                message = "t: the post's figures are for the post's own network; this is \(architecture.shapeName) on \(recipe.dataName)"
                break
            }
            overlay = overlay == .checkpoints ? nil : .checkpoints
            checkpoints = overlay == .checkpoints ? Post.checkpoints(order: trainer.settings.order) : []
            checkpointScroll = 0
        case .toggleGradientCheck:
            overlay = overlay == .gradientCheck ? nil : .gradientCheck
        case .export:
            if refusedWhileBusy() { break }
            let builder = ExportBuilder(trainer)
            effects = start(Job(work: .export(builder), target: builder.total, done: 0))
        case .click(let x, let y, let double):
            click(x: x, y: y, double: double)
        case .exported(let result):
            switch result {
            case .success(let written): message = written.message
            case .failure(let failure): message = "export failed: \(failure.description)"
            }
        }
        refreshDerived()
        refreshMaps()
        return effects
    }

    /// Rebuilds training from a changed recipe, saying what changed and that it starts
    /// over; a recipe that cannot be built changes nothing and says why.
    mutating func restart(_ changed: Recipe, _ change: String) {
        do {
            let rebuilt = try changed.trainer()
            recipe = changed
            let shapeChanged = rebuilt.start.architecture.layers != architecture.layers
            trainer = rebuilt
            classification = Recipe.isClassification(trainer.data)
            if shapeChanged || !ParameterRow.rows(architecture).contains(.parameter(parameter)) {
                parameter = .weight(architecture.weightOffset(layer: architecture.outputLayer))
                neuron = Neuron(layer: architecture.outputLayer, index: 0)
                shownOutput = 0
            }
            shownOutput = min(shownOutput, architecture.layers[architecture.outputLayer] - 1)
            running = false
            mapAge = .infinity
            tableScroll = 0
            if overlay == .checkpoints {
                if trainer.isThePostsNetwork { checkpoints = Post.checkpoints(order: trainer.settings.order) } else { overlay = nil }
            }
            message = "\(change) — \(architecture.shapeName) on \(recipe.dataName), training starts over at iteration 0"
            if let obstacle = trainer.learningObstacles.first { message = "\(change): " + obstacle.sentence }
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
            let parameters = ParameterRow.rows(architecture).compactMap(\.parameter)
            let index = parameters.firstIndex(of: parameter) ?? 0
            parameter = parameters[min(parameters.count - 1, max(0, index + offset))]
        case .neurons:
            let neurons = architecture.layers.indices.flatMap { l in (0 ..< architecture.layers[l]).map { Neuron(layer: l, index: $0) } }
            let index = neurons.firstIndex(of: neuron) ?? 0
            neuron = neurons[min(neurons.count - 1, max(0, index + offset))]
            mapAge = .infinity
        }
    }
}
