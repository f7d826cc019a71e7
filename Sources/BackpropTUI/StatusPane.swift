import BackpropEngine

/// Two status rows for any network: where training is (epoch, iteration, training and test
/// error, accuracy for class labels) and how it trains (order, biases, η, batch, running or
/// paused, speed).
struct StatusPane {
    let state: AppState
    let roomy: Bool

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, settings = trainer.settings
        var top = StatusRow(rect, y: rect.y)
        let sample = trainer.data.training.count == 1 && trainer.data.test.isEmpty
        if sample, let forward = state.derived.samples?.passes.first {
            // One sample, as the post trains it: its error and each output against its target.
            top.field(roomy ? "iteration" : "iter", Format.count(trainer.iteration), into: &canvas)
            top.field("E_total", Format.number(state.derived.error), .accent, into: &canvas)
            let arrow = roomy ? " → " : "→", targets = trainer.data.training[0].targets
            for (k, out) in forward.outputs.enumerated().prefix(3) {
                top.field(roomy ? "out_o\(k + 1)" : "o\(k + 1)", Format.number(out) + arrow + Format.short(targets[k]), into: &canvas)
            }
        } else {
            fields(&top, into: &canvas)
        }
        var bottom = StatusRow(rect, y: rect.y + 1)
        if let job = state.job {
            bottom.progress(job.progress(waited: state.away?.seconds), into: &canvas)
            return
        }
        if let away = state.away, away.purpose == .derive {
            bottom.progress("working out the next update's numbers: \(Format.waited(away.seconds)) so far", into: &canvas)
            return
        }
        bottom.field("", settings.order.rawValue + (roomy || sample ? " order" : ""), .accent, into: &canvas)
        bottom.field("", settings.trainBiases ? "biases trained" : "biases fixed", into: &canvas)
        bottom.field("η", Format.short(settings.learningRate), into: &canvas)
        if !sample { bottom.field("batch", settings.batch.map { Format.count($0) } ?? "all", into: &canvas) }
        if let penalty = settings.regularization {
            let dead = trainer.dead.filter { $0 }.count
            let deadNote = dead == 0 ? "" : roomy ? " (\(Format.count(dead)) dead)" : "/\(Format.count(dead)) dead"
            bottom.field(penalty.kind.rawValue.uppercased() + (roomy ? " λ" : ""), Format.short(penalty.rate) + deadNote, into: &canvas)
        }
        bottom.run(diverged: trainer.divergence != nil, running: state.running, speed: state.speed, measured: state.measuredRate,
                   speedLabel: roomy || sample ? "speed" : "", into: &canvas)
    }

    /// Where a run of many samples stands: epoch, iteration, the error now, accuracy.
    private func fields(_ top: inout StatusRow, into canvas: inout Canvas) {
        let trainer = state.trainer
        top.field("epoch", Format.count(trainer.epoch), into: &canvas)
        top.field(roomy ? "iteration" : "iter", Format.count(trainer.iteration), into: &canvas)
        // The error of the network now (≈ of an even spread, for a run too large); while it runs,
        // the last epoch's (the error now is recomputed only ten times a second and would lag
        // the iteration beside it).
        let derived = state.derived, estimate = derived.errorIsEstimate
        let live = state.running || state.job != nil || !derived.errorIsNow && !estimate
        let error = live ? trainer.trainingError.latest : derived.error
        let test = live ? trainer.testError?.latest : derived.testError
        let label = live ? (roomy ? "last epoch's E" : "epoch E") : estimate ? (roomy ? "training E ≈" : "E ≈") : (roomy ? "training E now" : "E now")
        top.field(label, Format.number(error), .accent, into: &canvas)
        if let test { top.field(estimate && !live ? "test ≈" : "test", Format.number(test), .warning, into: &canvas) }
        if let accuracy = state.derived.accuracy {
            // An estimate, from an even spread of the samples, says so.
            let about = state.derived.accuracyIsEstimate ? "≈" : ""
            let test = accuracy.test.map { (roomy ? " / " : "/") + about + Format.percent($0) } ?? ""
            top.field(roomy ? "accuracy" : "acc", about + Format.percent(accuracy.training) + test, .good, into: &canvas)
        }
    }
}
