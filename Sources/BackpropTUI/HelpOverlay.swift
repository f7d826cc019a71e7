/// The `?` overlay: every key, and what the two update orders are.
struct HelpOverlay {
    static let keys: [(key: String, action: String)] = [
        ("space, s", "one backprop iteration: forward, backward, update"),
        ("r", "run / pause (stops once by itself at iteration 10,000)"),
        ("+  -", "speed ×10 / ÷10: 1 … 1,000,000 a second, then max"),
        ("g", "go to iteration (Enter trains there; Esc cancels)"),
        ("R", "reset to iteration 0"),
        ("o", "update order published ↔ textbook (resets)"),
        ("b", "train biases on / off (resets)"),
        ("l", "error chart log₁₀ ↔ linear"),
        ("↑ ↓, k j", "select a weight (also inside the views below)"),
        ("e, Enter", "explain: the chain rule for the selected weight"),
        ("c", "gradient check: backprop against central differences"),
        ("t", "the post's checkpoints beside bptui's values"),
        ("=", "set the selected weight (Tab: an input, a target or η)"),
        ("x", "export: history CSV and network JSON (--config) here"),
        ("?, h, Esc", "this help; Esc closes the prompt or any view, never quits"),
        ("q, Ctrl-C", "quit"),
    ]

    static let notes = [
        "published (default): w5…w8 update first — gives the post's errors",
        "textbook: every gradient from the old weights — gives its w1⁺…w4⁺",
    ]

    func render(into canvas: inout Canvas, within screen: Rect) {
        let width = min(screen.width - 4, 72)
        let height = min(screen.height - 2, Self.keys.count + Self.notes.count + 4)
        let rect = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2,
                        width: width, height: height)
        canvas.fill(rect)
        canvas.box(rect, title: "Keys · Esc or ? closes", Style(.accent))
        let area = rect.inner
        let limit = area.x + area.width
        var y = area.y
        for entry in Self.keys where y < area.y + area.height {
            canvas.put(" " + entry.key, x: area.x, y: y, Style(.key, bold: true), limit: limit)
            canvas.put(entry.action, x: area.x + 12, y: y, .plain, limit: limit)
            y += 1
        }
        y += 1
        for note in Self.notes where y < area.y + area.height {
            canvas.put(" " + note, x: area.x, y: y, Style(.muted), limit: limit)
            y += 1
        }
    }
}
