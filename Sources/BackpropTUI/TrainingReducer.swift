import BackpropEngine

/// The training half of the reducer: steps, the run's ticks, and the
/// values computed when the network changes (the engine's derived values, the data view's
/// maps).
extension AppState {
    /// Trains `updates` updates, saying so if training has diverged.
    mutating func train(_ updates: Int) {
        guard trainer.divergence == nil else {
            message = "training has diverged — R resets"
            running = false
            return
        }
        guard !trainer.isAtLastCount else {
            message = "iteration \(Format.count(RunConfig.largestCount)) (2^53) is the last bptui trains to: a saved run past it could not be read back"
            running = false
            return
        }
        let before = trainer.iteration, pending = trainer.pendingEdits.count
        trainer.train(updates: updates)
        report(from: before, pending: pending)
    }

    /// What training from iteration `before` (with `pending` edits ahead) says: a divergence
    /// stops the run; edits it replayed are named.
    mutating func report(from before: Int, pending: Int) {
        if trainer.divergence != nil { running = false }
        if trainer.pendingEdits.count < pending {
            let replayed = trainer.edits.filter { $0.iteration > before && $0.iteration <= trainer.iteration }
            message = "replayed " + replayed.map { "\($0.target.name) = \(Format.exact($0.value)) at \(Format.count($0.iteration))" }
                .joined(separator: ", ")
        }
        // Reaching the post's 10,000 leaves the line to the comparison with the post.
        if trainer.isThePostsNetwork, before < Post.finalIteration, trainer.iteration == Post.finalIteration { message = nil }
    }

    mutating func setRunning(_ on: Bool) -> [Effect] {
        running = on && trainer.divergence == nil
        measuredRate = nil
        pace.restartMeasuring()
        if on, trainer.divergence != nil { message = "training has diverged — R resets" }
        return running ? [.tick(after: Timing.frameSeconds)] : []
    }

    /// The clock: the run trains what its speed owes; the data view's maps follow at most
    /// every `mapInterval`.
    mutating func tick(_ seconds: Double) -> [Effect] {
        let elapsed = min(max(seconds, 0), 0.25)
        mapAge += elapsed
        derivedAge += elapsed
        away?.seconds += elapsed
        if job != nil { return continueJob(seconds: seconds) }
        guard running else { return away == nil ? [] : [.tick(after: Timing.frameSeconds)] }
        if updatesAway {
            return away == nil ? handAway(trainer, updates: awaySlice, derive: nil, for: .run) : [.tick(after: Timing.frameSeconds)]
        }
        let before = trainer.iteration
        // A large network trains what fits in a frame, so keys are answered; its speed then
        // falls short of the one asked for, and the measured rate says so.
        let perFrame = max(1, Timing.frameWork / max(1, (architecture.weightCount + architecture.biasCount) * (trainer.settings.batch ?? trainer.data.training.count)))
        var steps = min(pace.steps(at: speed, elapsed: elapsed, aim: dataView ? Timing.dataViewFrameSeconds : Timing.frameSeconds), perFrame)
        // The post's run stops once by itself at its 10,000, for the comparison with the post.
        let milestone = Post.finalIteration
        if trainer.isThePostsNetwork, before < milestone, before + steps >= milestone {
            steps = milestone - before
            running = false
        }
        train(steps)
        if let rate = pace.measure(trainer.iteration - before, elapsed: elapsed, at: speed) { measuredRate = rate }
        return running ? [.tick(after: speed == .maximum ? 0 : Timing.frameSeconds)] : []
    }

    /// The data view's maps at the sizes its pane draws: at once when anything but training
    /// changed them, and while training runs at most every `mapInterval`. A large network's
    /// take a slice of work per update, the old maps shown meanwhile.
    mutating func refreshMaps() {
        guard dataView, let size = screenSize,
              let layout = Layout(width: size.width, height: size.height, architecture: architecture,
                                         dataView: true) else { mapsInProgress = nil; return }
        let sizes = DataPane.mapSizes(for: self, in: layout.data)
        guard sizes.output.columns > 0 else {
            maps = nil
            mapsInProgress = nil
            return
        }
        let data = trainer.data, plane = mapPlane
        let x = data.inputRange(plane.x), y = plane.y.map { data.inputRange($0) } ?? 0 ... 0
        let network = trainer.network, paused = !running && job == nil
        let wanted = DataMaps(
            output: OutputMap(network, mapped, plane: plane, columns: sizes.output.columns, rows: sizes.output.rows, x: x, y: y,
                              complete: false),
            neuron: sizes.neuron.map {
                OutputMap(network, .neuron(layer: self.neuron.layer, index: self.neuron.index), plane: plane, columns: $0.columns,
                          rows: $0.rows, x: x, y: y, complete: false)
            })
        if let current = mapsInProgress, !current.maps.sameCells(as: wanted) || mapAge == .infinity
            || paused && current.iteration != trainer.iteration {
            mapsInProgress = nil
        }
        if mapsInProgress == nil {
            let stale = maps.map { !$0.sameCells(as: wanted) } ?? true
            let moved = mapsIteration != trainer.iteration && paused
            guard stale || moved || mapAge >= Self.mapInterval else { return }
            mapsInProgress = MapsInProgress(network: network, iteration: trainer.iteration, maps: wanted)
            mapAge = 0
        }
        mapsInProgress?.advance()
        if let finished = mapsInProgress, finished.maps.isComplete {
            maps = finished.maps
            mapsIteration = finished.iteration
            mapsInProgress = nil
        }
    }

    /// The diagram's thumbnails, of the network `derived` shows (so at most every `mapInterval`
    /// while running), over the data view's plane; none where the diagram draws none.
    mutating func refreshThumbnails() {
        guard let size = screenSize,
              let layout = Layout(width: size.width, height: size.height, architecture: architecture, dataView: dataView && walk == nil),
              layout.thumbnail > 0 else { thumbnails = nil; return }
        let network = derived.network, plane = mapPlane, side = 2 * layout.thumbnail
        if let current = thumbnails, current.network == network, current.plane == plane, current.maps.side == side { return }
        let data = trainer.data, x = data.inputRange(plane.x), y = plane.y.map { data.inputRange($0) } ?? 0 ... 0
        thumbnails = Thumbnails(maps: NeuronMaps(network, side: side, plane: plane, x: x, y: y), network: network, plane: plane)
    }

    /// The engine values the panes read: whenever the network changes, but while training
    /// runs at most every `mapInterval` (they take a pass over every sample).
    mutating func refreshDerived() -> [Effect] {
        let checking = overlay == .gradientCheck
        let around = switch parameter { case .weight(let k): k; case .bias(let k): architecture.weightCount + k }
        // A large network's check covers the rows around the selection: it follows the selection.
        let covered = derived.gradientCheck.map { check in check.rows.contains { Edit.Target(parameter) == $0.target } } ?? true
        let explaining = overlay == .explain
        let listed = dataView || trainer.data.training.count + trainer.data.test.count <= Derived.listedSamples
        let sameKind = (derived.accuracy != nil || derived.accuracyIsEstimate) == classification && derived.listed == listed && (derived.gradientCheck != nil) == checking
            && (derived.otherOrder != nil) == explaining && derived.network.architecture == architecture && covered
        if running, sameKind, derivedAge < Self.mapInterval { return [] }
        // A network this large takes longer than a frame to derive: its panes wait for a pause.
        let work = (architecture.weightCount + architecture.biasCount) * (trainer.settings.batch ?? trainer.data.training.count)
        if running, sameKind, work > Timing.frameWork / 10 { return [] }
        let current = derived.isCurrent(for: trainer, tableFirst: tableScroll)
        guard !current || !sameKind else { return [] }
        let request = Derived.Request(classification: classification, checking: checking, explaining: explaining, around: around,
                                      tableFirst: tableScroll, listed: listed)
        if updatesAway {
            // Derived after what is handed away now; never twice for the same run and request.
            guard away == nil, !current || derived.request != request else { return [] }
            return handAway(trainer, updates: 0, derive: request, for: .derive)
        }
        derived = Derived(trainer, request)
        derivedAge = 0
        return []
    }

    /// Updates a hand-off to the backend takes: about `Timing.awayWork` multiply-adds, at least one.
    var awaySlice: Int {
        let parameters = architecture.weightCount + architecture.biasCount, batch = trainer.settings.batch ?? trainer.data.training.count
        return max(1, Timing.awayWork / max(1, parameters * 3 * max(1, batch)))
    }
}
