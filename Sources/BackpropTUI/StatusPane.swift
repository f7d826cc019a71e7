import BackpropEngine

/// Two status rows: where training is (iteration, E_total, outputs against targets) and how it
/// trains (order, biases, η, paused or running, speed) — or, while a long job runs, its
/// progress.
struct StatusPane {
    let state: AppState
    let roomy: Bool

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, f = trainer.forward, n = trainer.network
        var top = StatusRow(rect, y: rect.y)
        top.field(roomy ? "iteration" : "iter", Format.count(trainer.iteration), into: &canvas)
        top.field("E_total", Format.number(f.E_total), .accent, into: &canvas)
        let arrow = roomy ? " → " : "→"
        top.field(roomy ? "out_o1" : "o1", Format.number(f.out_o1) + arrow + Format.short(n.target_o1), into: &canvas)
        top.field(roomy ? "out_o2" : "o2", Format.number(f.out_o2) + arrow + Format.short(n.target_o2), into: &canvas)

        var bottom = StatusRow(rect, y: rect.y + 1)
        if let job = state.job {
            bottom.progress(job.progress, into: &canvas)
            return
        }
        let settings = trainer.settings
        bottom.field("", "\(settings.order.rawValue) order", .accent, into: &canvas)
        bottom.field("", settings.trainBiases ? "biases trained" : "biases fixed", into: &canvas)
        bottom.field("η", Format.short(settings.learningRate), into: &canvas)
        bottom.run(diverged: trainer.divergence != nil, running: state.running, speed: state.speed, measured: state.measuredRate,
                   speedLabel: "speed", into: &canvas)
    }
}

/// One status row written field by field, the fields separated by │.
struct StatusRow {
    private var x: Int
    private let y: Int, limit: Int
    private var first = true

    init(_ rect: Rect, y: Int) {
        x = rect.x
        self.y = y
        limit = rect.x + rect.width
    }

    /// "label value", the value bold in its role.
    mutating func field(_ label: String, _ value: String, _ role: Role = .plain, into canvas: inout Canvas) {
        if !first { x = canvas.put(" \(canvas.glyphs.vertical) ", x: x, y: y, Style(.muted), limit: limit) }
        first = false
        if !label.isEmpty { x = canvas.put(label + " ", x: x, y: y, Style(.label), limit: limit) }
        x = canvas.put(value, x: x, y: y, Style(role, bold: true), limit: limit)
    }

    /// Diverged, running or paused, then the speed and, while running, the measured rate.
    mutating func run(diverged: Bool, running: Bool, speed: Speed, measured: Double?, speedLabel: String, into canvas: inout Canvas) {
        if diverged {
            field("", "diverged", .bad, into: &canvas)
        } else if running {
            field("", "\(canvas.glyphs.arrow) running", .good, into: &canvas)
        } else {
            field("", "paused", .warning, into: &canvas)
        }
        var label = speed.label
        if running, let measured { label += " (\(Format.rate(measured)))" }
        field(speedLabel, label, into: &canvas)
    }

    /// A long job's progress in place of the row.
    mutating func progress(_ text: String, into canvas: inout Canvas) {
        canvas.put("\(canvas.glyphs.arrow) " + text, x: x, y: y, Style(.good, bold: true), limit: limit)
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
