import BackpropEngine

/// `n` reveals the next sub-step (its last applies the update, exactly as space does), `N`
/// goes back one (undoing the update if it was applied).
extension AppState {
    mutating func walkNext() -> [Effect] {
        if refusedWhileBusy() { return [] }
        let effects = running ? setRunning(false) : []
        if var current = walk, !current.isComplete {
            current.shown += 1
            walk = current
            if current.isComplete { return effects + stepOnce() }
        } else if let refusal = Walk.refusal(architecture) {
            message = refusal
        } else {
            walkStart = trainer
            walk = nextWalk()
        }
        return effects
    }

    mutating func walkBack() {
        guard var current = walk else {
            message = "n starts the walk through the next iteration"
            return
        }
        if current.isComplete, let start = walkStart { trainer = start }
        current.shown -= 1
        walk = current.shown > 0 ? current : nil
    }

    /// Says that training waits while walking; true if refused.
    mutating func refusedWhileWalking() -> Bool {
        guard let walk, !walk.isComplete else { return false }
        message = "walking through iteration \(Format.count(walk.iteration + 1)) — n goes on, space completes it, Esc leaves"
        return true
    }
}

extension AppState {
    /// The walk through the next iteration of `trainer`, with the post's figures for its own run.
    func nextWalk() -> WalkState {
        WalkState(walk: Walk(trainer), iteration: trainer.iteration, figures: Walk.postFigures(trainer))
    }
}
