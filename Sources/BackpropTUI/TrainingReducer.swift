import BackpropEngine

/// The training half of the reducer: steps, the run's ticks, and long jobs in slices.
extension AppState {
    /// Slices aim at this many seconds between ticks, so a key waits at most about a frame.
    static let sliceSeconds = 0.025

    /// Trains `steps` iterations now, saying what happened on the way: an edit replayed, the
    /// post's iteration 10,000 reached, divergence.
    mutating func train(_ steps: Int) {
        guard steps > 0 else { return }
        if trainer.divergence != nil {
            message = "training has diverged — R resets"
            return
        }
        let pending = trainer.pendingEdits.count, before = trainer.iteration
        trainer.train(steps)
        if trainer.divergence != nil { running = false }
        let replayed = pending - trainer.pendingEdits.count
        if replayed > 0 {
            let edits = trainer.edits.filter { $0.iteration > before && $0.iteration <= trainer.iteration }
            message = "replayed " + edits.map { "\($0.quantity.name) = \(Format.exact($0.value)) at \(Format.count($0.iteration))" }
                .joined(separator: ", ")
        } else if before < Post.finalIteration, trainer.iteration == Post.finalIteration {
            message = nil
        }
    }

    /// Go to an iteration: forward in slices from here, or back by replaying from the start.
    mutating func goTo(_ target: Int) -> [Effect] {
        if running { _ = setRunning(false) }
        if target >= trainer.iteration {
            return startJob(.train(to: target), total: target, done: trainer.iteration)
        }
        return startJob(.rewind(trainer.restarted, to: target), total: target, done: 0)
    }

    /// ←: one iteration back (a second ← while replaying goes one further).
    mutating func stepBack() -> [Effect] {
        if case .rewind(let replay, let target)? = job?.work {
            guard target > 0 else { return [] }
            job?.work = .rewind(replay, to: target - 1)
            job?.total = target - 1
            return []
        }
        if refusedWhileBusy() { return [] }
        guard trainer.iteration > 0 else {
            message = "already at iteration 0"
            return []
        }
        return goTo(trainer.iteration - 1)
    }

    /// Starts a job and takes its first slice at once (untimed): a short job ends before the
    /// next frame. Each kind of job costs its own time per iteration, so its slices start
    /// small and grow.
    mutating func startJob(_ work: Job.Work, total: Int, done: Int) -> [Effect] {
        job = Job(work: work, total: total, done: done)
        jobBatch = Self.firstSlice
        return continueJob(budget: jobBatch, seconds: 0)
    }

    /// Iterations the first slice of a job takes: short enough for any job in a debug build.
    static let firstSlice = 10_000

    /// The clock: the run trains what its speed owes, a job takes its next slice.
    mutating func tick(_ seconds: Double) -> [Effect] {
        if job != nil {
            Pace.adapt(&jobBatch, took: seconds, aim: Self.sliceSeconds, lowest: 1_000)
            return continueJob(budget: jobBatch, seconds: seconds)
        }
        guard running else { return [] }
        run(seconds)
        return running ? [.tick(after: speed == .maximum ? 0 : Self.frameSeconds)] : []
    }

    private mutating func continueJob(budget: Int, seconds: Double) -> [Effect] {
        guard var current = job else { return [] }
        // The job leaves the state while it works, so its buffers (an export's rows, a
        // replay's history) have one owner and grow in place instead of being copied.
        job = nil
        let work = current.work
        current.work = .train(to: 0)
        let elapsed = min(max(seconds, 0), 1), doneBefore = current.done
        var effects: [Effect] = []
        var finished = false
        switch consume work {
        case .train(let target):
            train(min(budget, target - trainer.iteration))
            current.done = trainer.iteration
            finished = trainer.iteration >= target || trainer.divergence != nil
            if finished, trainer.iteration != Post.finalIteration, message == nil {
                message = "went to iteration \(Format.count(trainer.iteration))"
            }
            current.work = .train(to: target)
        case .rewind(var replay, let target):
            replay.train(min(budget, target - replay.iteration))
            current.done = replay.iteration
            finished = replay.iteration >= target || replay.divergence != nil
            if finished {
                trainer = replay
                if trainer.iteration != Post.finalIteration {
                    message = "back at iteration \(Format.count(trainer.iteration))" + editsAhead()
                }
            } else {
                current.work = .rewind(replay, to: target)
            }
        case .export(var builder):
            finished = builder.advance(by: budget)
            current.done = builder.done
            if finished {
                effects = [.write(builder.export)]
                message = "writing the export…"
            } else {
                current.work = .export(builder)
            }
        }
        if elapsed > 0 {
            let recent = Double(current.done - doneBefore) / elapsed
            current.rate = current.rate.map { 0.7 * $0 + 0.3 * recent } ?? recent
        }
        job = finished ? nil : current
        return finished ? effects : effects + [.tick(after: 0)]
    }

    /// " · the edit of w5 at 12 replays when the run passes it" for edits still ahead.
    private func editsAhead() -> String {
        let ahead = trainer.pendingEdits
        guard let first = ahead.first else { return "" }
        let more = ahead.count > 1 ? " and \(Format.plural(ahead.count - 1, "more edit"))" : ""
        return " · the edit \(first.quantity.name) = \(Format.exact(first.value)) at \(Format.count(first.iteration))\(more) replays when the run passes it"
    }

    /// Run mode: trains what the speed owes for `seconds`, stopping once at iteration 10,000.
    private mutating func run(_ seconds: Double) {
        let elapsed = min(max(seconds, 0), 0.25)
        var steps = pace.steps(at: speed, elapsed: elapsed)
        let milestone = Post.finalIteration
        if trainer.iteration < milestone, trainer.iteration + steps >= milestone {
            steps = milestone - trainer.iteration
            running = false
        }
        let before = trainer.iteration
        train(steps)
        if let rate = pace.measure(trainer.iteration - before, elapsed: elapsed, at: speed) { measuredRate = rate }
    }
}
