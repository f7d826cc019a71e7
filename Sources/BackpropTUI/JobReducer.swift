import BackpropEngine

/// Going to an iteration, forward or back, and setting numbers by
/// hand (`=`): the edits stay on the run's timeline and replay when a run passes them.
extension AppState {
    /// Starts a go-to: forward from here, or back by replaying from the start.
    mutating func goTo(_ target: Int) -> [Effect] {
        if running { _ = setRunning(false) }
        guard target >= trainer.origin.iteration else {
            message = "this run starts at iteration \(Format.count(trainer.origin.iteration)), where its file stood: there is nothing before it"
            return []
        }
        return start(target >= trainer.iteration ? Job(work: .train, target: target, done: trainer.iteration)
            : Job(work: .rewind(trainer.restarted), target: target, done: 0))
    }

    /// Starts a job and takes its first slice at once (untimed): a short job ends before the
    /// next frame.
    mutating func start(_ job: Job) -> [Effect] {
        self.job = job
        jobBatch = firstSlice
        return continueJob(seconds: 0)
    }

    /// ←: one update back (a second ← while replaying goes one further).
    mutating func stepBack() -> [Effect] {
        if let current = job, case .rewind = current.work {
            job?.target = max(0, current.target - 1)
            return []
        }
        if refusedWhileBusy() { return [] }
        guard trainer.iteration > trainer.origin.iteration else {
            message = "already at iteration \(Format.count(trainer.iteration)), where this run starts"
            return []
        }
        return goTo(trainer.iteration - 1)
    }

    /// Updates a job's first slice takes (untimed): about `Timing.firstSliceWork`
    /// multiply-adds, so a short job ends before the next frame on any network, in any build.
    var firstSlice: Int {
        let a = architecture, batch = trainer.settings.batch ?? trainer.data.training.count
        return max(1, Timing.firstSliceWork / max(1, (a.weightCount + a.biasCount) * max(1, batch)))
    }

    /// Says that a key that changes training waits for the running job; true if refused.
    mutating func refusedWhileBusy() -> Bool {
        guard let job else { return false }
        message = "busy with the \(job.name) — Esc stops it first"
        return true
    }

    /// The next slice of the job, sized to take about `Timing.sliceSeconds`.
    mutating func continueJob(seconds: Double) -> [Effect] {
        guard var current = job else { return [] }
        // A slice handed away is waited for (the tick chain keeps the answer looked for).
        if away?.purpose == .job { return [.tick(after: Timing.frameSeconds)] }
        // The job leaves the state while it works, and its work leaves the job, so a replay's
        // or an export's buffers have one owner and grow in place instead of being copied.
        job = nil
        let work = current.work
        current.work = .train
        // At least 100 updates a slice, or a large network's first slice's worth (one update of
        // 9 million weights takes longer than a slice).
        if seconds > 0 { Pace.adapt(&jobBatch, took: seconds, aim: Timing.sliceSeconds, lowest: min(100, firstSlice)) }
        let before = current.done
        var finished: Bool
        var effects: [Effect] = []
        switch consume work {
        case .build(let recipe, let change, let waited):
            current.work = .build(recipe, change: change, seconds: (waited ?? 0) + seconds)
            job = current
            return (waited == nil ? [.build(recipe)] : []) + [.tick(after: Timing.frameSeconds)]
        case .export(var builder):
            finished = builder.advance(by: jobBatch)
            current.done = builder.done
            if finished {
                effects = [.write(builder.export)]
                message = "writing the export…"
            }
            current.work = .export(builder)
        case .rewind(var replay):
            if updatesAway {
                current.work = .rewind(replay)
                job = current
                return handAway(replay, updates: min(awaySlice, current.target - replay.iteration), derive: nil, for: .job)
            }
            replay.train(updates: min(jobBatch, current.target - replay.iteration))
            finished = rewound(&current, to: replay)
        case .train:
            if updatesAway, trainer.divergence == nil, !trainer.isAtLastCount {
                job = current
                return handAway(trainer, updates: min(awaySlice, current.target - trainer.iteration), derive: nil, for: .job)
            }
            train(min(jobBatch, current.target - trainer.iteration))
            finished = wentForward(&current)
        }
        return sliceDone(current, finished: finished, from: before, seconds: seconds, effects: effects)
    }

    /// The backend's answer to a slice of the job handed away: the run trained there.
    mutating func answered(_ advanced: Trainer, seconds: Double) -> [Effect] {
        guard var current = job else { return [] }
        let before = current.done, finished: Bool
        switch current.work {
        case .rewind: finished = rewound(&current, to: advanced)
        case .train:
            take(advanced)
            finished = wentForward(&current)
        default: return []
        }
        return sliceDone(current, finished: finished, from: before, seconds: seconds, effects: [])
    }

    /// A replay's slice is done: at its target it becomes the run.
    private mutating func rewound(_ current: inout Job, to replay: Trainer) -> Bool {
        current.done = replay.iteration
        let finished = replay.iteration >= current.target || replay.divergence != nil
        if finished {
            trainer = replay
            if !atThePostsMilestone { message = "back at iteration \(Format.count(trainer.iteration))" + editsAhead() }
        } else {
            current.work = .rewind(replay)
        }
        return finished
    }

    /// A go-to's slice is done: whether it is at its target (or cannot go on).
    private mutating func wentForward(_ current: inout Job) -> Bool {
        current.done = trainer.iteration
        let finished = trainer.iteration >= current.target || trainer.divergence != nil || trainer.isAtLastCount
        if finished, message == nil, !atThePostsMilestone, !current.oneUpdate { message = "went to iteration \(Format.count(trainer.iteration))" }
        return finished
    }

    /// The job after a slice that took `seconds`: its rate, and the next slice asked for.
    private mutating func sliceDone(_ job: Job, finished: Bool, from before: Int, seconds: Double, effects: [Effect]) -> [Effect] {
        var current = job
        if seconds > 0 {
            let recent = Double(current.done - before) / min(seconds, 1)
            current.rate = current.rate.map { 0.7 * $0 + 0.3 * recent } ?? recent
        }
        self.job = finished ? nil : current
        return finished ? effects : [.tick(after: 0)]
    }

    /// Space: one update, at once, or on a network too large for a frame handed away as a
    /// one-update go-to (the run pauses: its frames would wait behind it).
    mutating func stepOnce() -> [Effect] {
        guard updatesAway, trainer.divergence == nil, !trainer.isAtLastCount else {
            train(1)
            return []
        }
        if running { _ = setRunning(false) }
        return start(Job(work: .train, target: trainer.iteration + 1, done: trainer.iteration, oneUpdate: true))
    }

    /// The backend's answer to `Effect.build`: the new run, unless Esc gave it up.
    mutating func built(_ built: BuiltTrainer) {
        guard let current = job, case .build(let recipe, let change, _) = current.work, recipe == built.recipe else { return }
        job = nil
        switch built.result {
        case .success(let made): restart(recipe, change, trainer: made)
        case .failure(let refusal): message = "\(change) refused: \(refusal.description) — nothing changed"
        }
    }

    /// " · the edit w5 = 0.3 at 12 replays when the run passes it" for edits still ahead.
    private func editsAhead() -> String {
        let ahead = trainer.pendingEdits
        guard let first = ahead.first else { return "" }
        let more = ahead.count > 1 ? " and \(Format.plural(ahead.count - 1, "more edit"))" : ""
        return " · the edit \(first.target.name) = \(Format.exact(first.value)) at \(Format.count(first.iteration))\(more) replays when the run passes it"
    }

    /// Whether the run stands at the post's 10,000, whose comparison the message line shows.
    var atThePostsMilestone: Bool { trainer.isThePostsNetwork && trainer.iteration == Post.finalIteration }

    /// `=`: a prompt pre-filled with the value of `target`.
    mutating func openSet(_ target: Edit.Target) {
        let value = currentValue(target)
        // In full, so that Enter sets it back exactly; the minus as the screen writes it.
        prompt = Prompt(.set(target), text: "\(value)".replacingOccurrences(of: "-", with: Format.minus))
    }

    /// The value `=` would change now.
    func currentValue(_ target: Edit.Target) -> Double {
        switch target {
        case .weight(let index): trainer.network.weights[index]
        case .bias(let index): trainer.network.biases[index]
        case .learningRate: trainer.settings.learningRate
        case .penaltyRate: trainer.settings.regularization?.rate ?? 0
        case .input(let k): trainer.data.training[0].inputs[k]
        case .target(let k): trainer.data.training[0].targets[k]
        }
    }

    /// Enter in the `=` prompt: sets the value at this iteration, or says why not.
    mutating func submitSet(_ target: Edit.Target) {
        guard let current = prompt else { return }
        let value: Double
        switch current.number(learningRate: target == .learningRate) {
        case .success(let number): value = number
        case .failure(let refusal):
            prompt?.error = refusal.description
            return
        }
        if target == .penaltyRate, value < 0 {
            prompt?.error = "λ must be 0 or more"
            return
        }
        if value == currentValue(target) {
            prompt = nil
            message = "\(target.name) is already \(Format.exact(value)): nothing changed"
            return
        }
        guard trainer.edit(target, to: value) else {
            let sample: Bool = switch target { case .input, .target: true; default: false }
            prompt?.error = sample && trainer.data.training.count + trainer.data.test.count > 1
                ? "only a run of one sample has its inputs and targets set here" : "that makes the network's numbers non-finite"
            return
        }
        prompt = nil
        message = "\(target.name) set to \(Format.exact(value)) at iteration \(Format.count(trainer.iteration))"
            + " · replayed when the run passes it again"
    }

    /// What Tab moves the `=` prompt to after `target`: the selected parameter, then a
    /// one-sample run's inputs and targets, then η, then a penalty's λ.
    func nextSetTarget(after target: Edit.Target) -> Edit.Target {
        let sample = trainer.data.training.count == 1 && trainer.data.test.isEmpty
        let cycle: [Edit.Target] = [Edit.Target(parameter)]
            + (sample ? (0 ..< architecture.sampleInputs).map { .input($0) } + (0 ..< architecture.layers[architecture.outputLayer]).map { .target($0) } : [])
            + [.learningRate] + (trainer.settings.regularization != nil ? [.penaltyRate] : [])
        let index = cycle.firstIndex(of: target) ?? 0
        return cycle[(index + 1) % cycle.count]
    }
}
