/// Writes lines top to bottom in an area, with values right-aligned in one or more columns.
struct LineWriter {
    var canvas: Canvas
    let area: Rect
    var y: Int

    static let columnWidth = 14

    init(canvas: Canvas, area: Rect) {
        self.canvas = canvas
        self.area = area
        y = area.y
    }

    /// Whether long lines continue on the next rows (between words) instead of ending in "…".
    var wraps = false

    mutating func line(_ text: String, _ role: Role = .plain) {
        let pieces = wraps ? WalkPane.wrap(text, width: area.width - 1, glyphs: canvas.glyphs) : [text]
        for piece in pieces {
            guard y < area.y + area.height else { return }
            canvas.put(" " + piece, x: area.x, y: y, Style(role, bold: role == .title), limit: area.x + area.width)
            y += 1
        }
    }

    mutating func blank() { y += 1 }

    /// A formula, then " = value" after it.
    mutating func value(_ formula: String, _ value: Double, _ role: Role = .plain) {
        line(formula + " = " + Format.number(value), role)
    }

    /// A label with values right-aligned in columns at the right edge.
    mutating func columns(_ label: String, _ values: [String], _ role: Role = .plain) {
        guard y < area.y + area.height else { return }
        let right = area.x + area.width - 1
        let start = right - Self.columnWidth * values.count
        canvas.put(" " + label, x: area.x, y: y, Style(role), limit: start)
        for (index, value) in values.enumerated() {
            // Aligned as drawn: an ASCII terminal writes ≠ as != and … as ...
            let shown = canvas.glyphs.render(value)
            canvas.put(Format.right(shown, Self.columnWidth), x: start + index * Self.columnWidth, y: y, Style(role, bold: role != .plain))
        }
        y += 1
    }
}
