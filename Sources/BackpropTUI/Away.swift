import BackpropEngine

/// Work on a network too large for a frame (an update of millions of weights, an epoch's
/// errors, the next update's derivation), handed to the backend (`Effect.advance`), which
/// does it on a thread of its own and answers with `Command.advanced`: keys are answered
/// meanwhile, and the screen shows the run as it stood until the answer comes.
public struct Advance: Sendable, Equatable {
    /// Which hand-off this is, so that the answer to one given up or overtaken is dropped.
    public let number: Int
    let trainer: Trainer
    /// Updates to take first (0: only derive).
    let updates: Int
    /// What to derive of the run after them, for the panes; nil: nothing.
    let derive: Derived.Request?

    /// The work itself: the updates, then the derivation.
    public func perform() -> Advanced {
        var advanced = trainer
        if updates > 0 { advanced.train(updates: updates) }
        return Advanced(number: number, trainer: advanced, derived: derive.map { Derived(advanced, $0) })
    }

    public static func == (a: Advance, b: Advance) -> Bool { a.number == b.number }
}

/// The backend's answer to an `Advance`.
public struct Advanced: Sendable, Equatable {
    let number: Int
    let trainer: Trainer
    let derived: Derived?

    public static func == (a: Advanced, b: Advanced) -> Bool { a.number == b.number }
}

/// The hand-off the state waits for, and what its answer is for.
struct HandedAway: Sendable {
    enum Purpose: Sendable {
        /// A slice of the job (a step, a go-to, a replay back).
        case job
        /// A frame of run mode.
        case run
        /// The panes' values of the run as it stands.
        case derive
    }

    let number: Int, purpose: Purpose
    /// The run it was handed from: the answer is taken only while the state's run is still it.
    let from: Network, iteration: Int
    /// Seconds waited so far.
    var seconds = 0.0
}

extension AppState {
    /// Whether one update (with an epoch's errors at its end and the next update's
    /// derivation) outlasts a frame: such a network trains and derives away from the loop.
    public var updatesAway: Bool {
        let parameters = architecture.weightCount + architecture.biasCount
        let batch = trainer.settings.batch ?? trainer.data.training.count
        let samples = trainer.data.training.count + trainer.data.test.count
        let work = parameters.multipliedReportingOverflow(by: 3 * batch + samples)
        return work.overflow || work.partialValue > Timing.awayWork
    }

    /// Hands `updates` of `run` (and a derivation) to the backend for `purpose`.
    mutating func handAway(_ run: Trainer, updates: Int, derive: Derived.Request?, for purpose: HandedAway.Purpose) -> [Effect] {
        handOffs += 1
        away = HandedAway(number: handOffs, purpose: purpose, from: trainer.network, iteration: trainer.iteration)
        return [.advance(Advance(number: handOffs, trainer: run, updates: updates, derive: derive)), .tick(after: Timing.frameSeconds)]
    }

    /// The backend's answer: taken if it answers the hand-off waited for and the run has not
    /// changed since (a reset, an edit); otherwise dropped.
    mutating func advanced(_ answer: Advanced) -> [Effect] {
        guard let waited = away, waited.number == answer.number else { return [] }
        away = nil
        guard trainer.iteration == waited.iteration, trainer.network == waited.from else { return [] }
        switch waited.purpose {
        case .derive:
            if let derived = answer.derived { self.derived = derived }
            return []
        case .run:
            let before = trainer.iteration
            take(answer.trainer)
            if let rate = pace.measure(trainer.iteration - before, elapsed: max(waited.seconds, Timing.frameSeconds), at: speed) {
                measuredRate = rate
            }
            return running ? [.tick(after: 0)] : []
        case .job:
            return answered(answer.trainer, seconds: waited.seconds)
        }
    }

    /// Takes a run trained away, saying what `train` says (divergence, replayed edits).
    mutating func take(_ advanced: Trainer) {
        let before = trainer.iteration, pending = trainer.pendingEdits.count
        trainer = advanced
        report(from: before, pending: pending)
    }
}
