import BackpropEngine

/// Two status rows: where training is (iteration, E_total, outputs against targets) and how it
/// trains (order, biases, η, paused or running, speed) — or, while a long job runs, its
/// progress.
struct StatusPane {
    let state: AppState
    let roomy: Bool

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, f = trainer.forward, n = trainer.network
        let separator = " \(canvas.glyphs.vertical) "
        let limit = rect.x + rect.width
        var x = rect.x
        func field(_ label: String, _ value: String, _ role: Role = .plain, y: Int, first: Bool = false) {
            if !first { x = canvas.put(separator, x: x, y: y, Style(.muted), limit: limit) }
            if !label.isEmpty { x = canvas.put(label + " ", x: x, y: y, Style(.label), limit: limit) }
            x = canvas.put(value, x: x, y: y, Style(role, bold: true), limit: limit)
        }
        let top = rect.y
        field(roomy ? "iteration" : "iter", Format.count(trainer.iteration), y: top, first: true)
        field("E_total", Format.number(f.E_total), .accent, y: top)
        let arrow = roomy ? " → " : "→"
        field(roomy ? "out_o1" : "o1", Format.number(f.out_o1) + arrow + Format.short(n.target_o1), y: top)
        field(roomy ? "out_o2" : "o2", Format.number(f.out_o2) + arrow + Format.short(n.target_o2), y: top)

        x = rect.x
        let bottom = rect.y + 1
        if let job = state.job {
            canvas.put("\(canvas.glyphs.arrow) " + job.progress, x: x, y: bottom, Style(.good, bold: true), limit: limit)
            return
        }
        let settings = trainer.settings
        field("", "\(settings.order.rawValue) order", .accent, y: bottom, first: true)
        field("", settings.trainBiases ? "biases trained" : "biases fixed", y: bottom)
        field("η", Format.short(settings.learningRate), y: bottom)
        if trainer.divergence != nil {
            field("", "diverged", .bad, y: bottom)
        } else if state.running {
            field("", "\(canvas.glyphs.arrow) running", .good, y: bottom)
        } else {
            field("", "paused", .warning, y: bottom)
        }
        var speed = state.speed.label
        if state.running, let rate = state.measuredRate { speed += " (\(Format.rate(rate)))" }
        field("speed", speed, y: bottom)
    }
}

extension Job {
    /// "go-to 1,234,567/1,000,000,000 0.1% · 11.6M/s · 1m25s left · Esc stops".
    var progress: String { Self.progress(name: name, done: done, total: total, rate: rate) }

    static func progress(name: String, done: Int, total: Int, rate: Double?) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        var text = "\(name) \(Format.count(done))/\(Format.count(total)) " + Format.percent(fraction)
        if let rate, rate > 0 {
            text += " · \(Format.rate(rate)) · \(Format.duration(Double(total - done) / rate)) left"
        }
        return text + " · Esc stops"
    }
}
