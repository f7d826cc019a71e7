import BackpropEngine

/// The weights table: each parameter's value, the gradient the next update uses and the
/// change it will make, ▲▼ for how the last update moved it (and its size when there is
/// room), with one row selected.
struct WeightsPane {
    let state: AppState
    let roomy: Bool

    static let columnWidth = 12
    /// Δ next for a gradient too small to move the weight: η·∂E/∂w is below the weight's
    /// last binary digit, so the update leaves it exactly as it is.
    static let belowPrecision = "0 (< ulp)"

    func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Weights · ↑↓ select · e explains")
        let area = rect.inner, limit = area.x + area.width
        let trainer = state.trainer, next = state.derived.next
        let w = Self.columnWidth
        let titles = ["value", "∂E/∂w next", "Δ next"] + (roomy ? ["Δ last"] : [])
        let header = "   " + titles.map { " " + Format.right($0, w) }.joined() + (roomy ? " ▲▼" : "")
        canvas.put(header, x: area.x, y: area.y, Style(.muted), limit: limit)
        for (index, parameter) in AppState.rows.enumerated() {
            let y = area.y + 1 + index
            guard y < area.y + area.height else { break }
            let selected = parameter == state.selection
            let value = trainer.network[parameter]
            var x = canvas.put(selected ? String(canvas.glyphs.selected) : " ", x: area.x, y: y, Style(.accent, bold: true))
            x = canvas.put(Format.left(parameter.rawValue, 2), x: x, y: y, Style(.label, bold: true), limit: limit)
            x = canvas.put(cell(value), x: x, y: y, Style(value < 0 ? .negative : .positive), limit: limit)
            x = canvas.put(cell(next.gradient[parameter]), x: x, y: y, limit: limit)
            let fixed = parameter.isBias && !trainer.settings.trainBiases
            if fixed {
                x = canvas.put(" " + Format.right("fixed", w), x: x, y: y, Style(.muted), limit: limit)
            } else {
                let change = next.change(parameter)
                x = canvas.put(changeCell(change, gradient: next.gradient[parameter]), x: x, y: y, Style(change < 0 ? .fall : change > 0 ? .rise : .muted), limit: limit)
            }
            let last = fixed ? nil : state.lastChange(parameter)
            if roomy {
                let text = last.map { changeCell($0, gradient: next.gradient[parameter]) } ?? " " + Format.right("—", w)
                x = canvas.put(text, x: x, y: y, Style(.muted), limit: limit)
            }
            marker(last, into: &canvas, x: x, y: y)
            if selected {
                canvas.restyle(y: y, x: area.x, width: area.width, Style(.plain, bold: true, reverse: true))
            }
        }
        let footerY = area.y + 1 + AppState.rows.count + 1
        let notes = ["Δ next = −η · ∂E/∂w next, η = \(Format.short(trainer.settings.learningRate))",
                     "▲▼: how the last update moved it"]
        for (offset, note) in notes.enumerated() where footerY + offset < area.y + area.height {
            canvas.put(note, x: area.x + 1, y: footerY + offset, Style(.muted), limit: limit)
        }
    }

    /// A change in its column: `0 (< ulp)` where a non-zero gradient moved nothing.
    private func changeCell(_ change: Double, gradient: Double) -> String {
        change == 0 && gradient != 0 ? " " + Format.right(Self.belowPrecision, Self.columnWidth) : cell(change)
    }

    /// A value right-aligned in a column, after a space.
    private func cell(_ value: Double) -> String {
        " " + Format.right(Format.fit(value, width: Self.columnWidth), Self.columnWidth)
    }
}
