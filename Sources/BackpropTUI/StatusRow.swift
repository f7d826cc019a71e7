import BackpropEngine

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
    /// A field that does not fit whole is not cut: an ellipsis ends the row instead.
    mutating func field(_ label: String, _ value: String, _ role: Role = .plain, into canvas: inout Canvas) {
        guard x < limit else { return }
        let width = (first ? 0 : 3) + (label.isEmpty ? 0 : label.count + 1) + value.count
        if x + width > limit {
            x = canvas.put(first ? "…" : " …", x: x, y: y, Style(.muted), limit: limit)
            x = limit
            return
        }
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
    static func progress(name: String, done: Int, total: Int, rate: Double?) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        var text = "\(name) \(Format.count(done))/\(Format.count(total)) " + Format.percent(fraction)
        if let rate, rate > 0 {
            text += " · \(Format.rate(rate)) · \(Format.duration(Double(total - done) / rate)) left"
        }
        return text + " · Esc stops"
    }
}
