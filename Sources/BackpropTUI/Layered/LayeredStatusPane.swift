import BackpropEngine

/// Two status rows for any network: where training is (epoch, iteration, training and test
/// error, accuracy for class labels) and how it trains (order, biases, η, batch, running or
/// paused, speed).
struct LayeredStatusPane {
    let state: LayeredState
    let roomy: Bool

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, settings = trainer.settings
        let separator = " \(canvas.glyphs.vertical) "
        let limit = rect.x + rect.width
        var x = rect.x
        func field(_ label: String, _ value: String, _ role: Role = .plain, y: Int, first: Bool = false) {
            if !first { x = canvas.put(separator, x: x, y: y, Style(.muted), limit: limit) }
            if !label.isEmpty { x = canvas.put(label + " ", x: x, y: y, Style(.label), limit: limit) }
            x = canvas.put(value, x: x, y: y, Style(role, bold: true), limit: limit)
        }
        let top = rect.y
        field("epoch", Format.count(trainer.epoch), y: top, first: true)
        field(roomy ? "iteration" : "iter", Format.count(trainer.iteration), y: top)
        let number = { (value: Double) in roomy ? Format.number(value) : Format.fit(value, width: 9) }
        // The error of the network now; the chart's legend holds the last epoch's.
        field(roomy ? "training E now" : "E now", number(state.derived.error), .accent, y: top)
        if let test = state.derived.testError {
            field("test", number(test), .warning, y: top)
        }
        if let accuracy = state.derived.accuracy {
            let test = accuracy.test.map { (roomy ? " / " : "/") + Format.percent($0) } ?? ""
            field(roomy ? "accuracy" : "acc", Format.percent(accuracy.training) + test, .good, y: top)
        }

        x = rect.x
        let bottom = rect.y + 1
        if let job = state.job {
            canvas.put("\(canvas.glyphs.arrow) " + job.progress, x: x, y: bottom, Style(.good, bold: true), limit: limit)
            return
        }
        field("", settings.order.rawValue + (roomy ? " order" : ""), .accent, y: bottom, first: true)
        field("", settings.trainBiases ? "biases trained" : "biases fixed", y: bottom)
        field("η", Format.short(settings.learningRate), y: bottom)
        field("batch", settings.batch.map { Format.count($0) } ?? "all", y: bottom)
        if trainer.divergence != nil {
            field("", "diverged", .bad, y: bottom)
        } else if state.running {
            field("", "\(canvas.glyphs.arrow) running", .good, y: bottom)
        } else {
            field("", "paused", .warning, y: bottom)
        }
        var speed = state.speed.label
        if state.running, let rate = state.measuredRate { speed += " (\(Format.rate(rate)))" }
        field(roomy ? "speed" : "", speed, y: bottom)
    }
}
