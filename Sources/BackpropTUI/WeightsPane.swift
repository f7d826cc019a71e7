import BackpropEngine

/// The weights table: each parameter's value, ∂E/∂w and change in the last step (and its
/// initial value when there is room), with one row selected.
struct WeightsPane {
    let state: AppState
    let roomy: Bool

    static let columnWidth = 12

    func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Weights · ↑↓ select")
        let area = rect.inner
        let trainer = state.trainer
        let step = trainer.lastStep
        let w = Self.columnWidth
        var header = "    " + Format.right("value", w) + " " + Format.right("∂E/∂w", w) + " " + Format.right("last Δ", w) + " "
        if roomy { header += " " + Format.right("initial", w) }
        canvas.put(header, x: area.x, y: area.y, Style(.muted), limit: area.x + area.width)
        for (index, parameter) in AppState.rows.enumerated() {
            let y = area.y + 1 + index
            guard y < area.y + area.height else { break }
            let selected = parameter == state.selection
            let value = trainer.network[parameter]
            let fixedBias = parameter.isBias && !trainer.settings.trainBiases
            let limit = area.x + area.width
            var x = canvas.put(selected ? String(canvas.glyphs.selected) : " ", x: area.x, y: y, Style(.accent, bold: true))
            x = canvas.put(parameter.rawValue + " ", x: x, y: y, Style(.label, bold: true), limit: limit)
            x = canvas.put(Format.right(Format.fit(value, width: w, decimals: 9), w), x: x, y: y,
                           Style(value < 0 ? .negative : .positive), limit: limit)
            if fixedBias {
                x = canvas.put(" " + Format.right("fixed", w) + " " + Format.right("", w), x: x, y: y, Style(.muted), limit: limit)
            } else if let step {
                x = canvas.put(" " + Format.right(Format.fit(step.gradient[parameter], width: w, decimals: 9), w), x: x, y: y, limit: limit)
                let change = step.change(parameter)
                x = canvas.put(" " + Format.right(Format.fit(change, width: w, decimals: 9), w), x: x, y: y,
                               Style(change < 0 ? .fall : change > 0 ? .rise : .muted), limit: limit)
                x = marker(change, into: &canvas, x: x, y: y)
            } else {
                x = canvas.put(" " + Format.right("—", w) + " " + Format.right("—", w), x: x, y: y, Style(.muted), limit: limit)
            }
            if roomy {
                canvas.put(" " + Format.right(Format.fit(trainer.start[parameter], width: w, decimals: 9), w), x: x, y: y,
                           Style(.muted), limit: limit)
            }
            if selected {
                canvas.restyle(y: y, x: area.x, width: area.width, Style(.plain, bold: true, reverse: true))
            }
        }
        let footerY = area.y + 1 + AppState.rows.count + 1
        if footerY < area.y + area.height {
            let note = trainer.iteration == 0 ? "∂E/∂w and Δ: after the first step"
                : "Δ = −η·∂E/∂w, η = \(Format.short(trainer.settings.learningRate))"
            canvas.put(note, x: area.x + 1, y: footerY, Style(.muted), limit: area.x + area.width)
        }
    }
}
