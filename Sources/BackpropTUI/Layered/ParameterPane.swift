import BackpropEngine

/// Every weight and bias of any network in post numbering, a layer at a time under its
/// heading: its value, the gradient the next update uses and the change it will make. The
/// list scrolls to keep the selection in view and says how many rows are above and below.
struct ParameterPane {
    let state: LayeredState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let focused = state.focus == .parameters
        canvas.box(rect, title: focused ? "Weights · ↑↓ select · e explains" : "Weights · Tab: back here")
        let area = rect.inner, limit = area.x + area.width
        guard area.height >= 3 else { return }
        let columns = (area.width - 6) / 3 - 1 >= 10 ? 3 : 2
        let width = min(12, (area.width - 6) / columns - 1)
        let titles = ["value", "∂E/∂w next", "Δ next"].prefix(columns)
        canvas.put("      " + titles.map { " " + Format.right($0, width) }.joined(), x: area.x, y: area.y, Style(.muted), limit: limit)
        let rows = ParameterRow.rows(state.architecture)
        let room = area.height - 1
        let first = Self.firstRow(rows: rows, selected: state.parameter, room: room)
        let next = state.derived.next, network = state.trainer.network, trainsBiases = state.trainer.settings.trainBiases
        for (offset, row) in rows[first ..< min(rows.count, first + room)].enumerated() {
            let y = area.y + 1 + offset
            switch row {
            case .heading(let heading):
                canvas.put("─ " + heading + " ", x: area.x, y: y, Style(.title, bold: true), limit: limit)
            case .parameter(let parameter):
                let selected = parameter == state.parameter
                let value = parameter.value(in: network), gradient = next.gradient(of: parameter)
                var x = canvas.put(selected ? String(canvas.glyphs.selected) : " ", x: area.x, y: y, Style(.accent, bold: true))
                x = canvas.put(Format.left(parameter.name, 5), x: x, y: y, Style(.label, bold: true), limit: limit)
                x = canvas.put(" " + Format.right(Format.fit(value, width: width), width), x: x, y: y,
                               Style(value < 0 ? .negative : .positive), limit: limit)
                x = canvas.put(" " + Format.right(Format.fit(gradient, width: width), width), x: x, y: y, limit: limit)
                if columns == 3 {
                    if case .bias = parameter, !trainsBiases {
                        canvas.put(" " + Format.right("fixed", width), x: x, y: y, Style(.muted), limit: limit)
                    } else {
                        let change = next.change(of: parameter)
                        canvas.put(" " + Format.right(Format.fit(change, width: width), width), x: x, y: y,
                                   Style(change < 0 ? .fall : change > 0 ? .rise : .muted), limit: limit)
                    }
                }
                if selected, state.focus == .parameters {
                    canvas.restyle(y: y, x: area.x, width: area.width, Style(.plain, bold: true, reverse: true))
                }
            }
        }
        // Rows out of view are counted in the bottom border.
        let above = first, below = max(0, rows.count - first - room)
        let marks = (above > 0 ? ["▲ \(above) above"] : []) + (below > 0 ? ["▼ \(below) below"] : [])
        if !marks.isEmpty {
            canvas.put(" " + marks.joined(separator: " · ") + " ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.warning, bold: true),
                       limit: rect.x + rect.width - 1)
        }
    }

    /// The first row shown: the selection kept in view, a little below the top when it can
    /// be, with its layer's heading when it fits.
    static func firstRow(rows: [ParameterRow], selected: LayeredParameter, room: Int) -> Int {
        guard rows.count > room, let index = rows.firstIndex(of: .parameter(selected)) else { return 0 }
        let heading = rows[...index].lastIndex { if case .heading = $0 { true } else { false } } ?? 0
        let start = index - heading < room - 1 ? heading : index - room / 2
        return min(max(0, start), rows.count - room)
    }
}

extension LayeredStep {
    /// The mean gradient the step uses for a parameter.
    func gradient(of parameter: LayeredParameter) -> Double {
        switch parameter {
        case .weight(let index): weightGradient[index]
        case .bias(let index): biasGradient[index]
        }
    }

    /// How much the step moves a parameter.
    func change(of parameter: LayeredParameter) -> Double {
        parameter.value(in: after) - parameter.value(in: before)
    }
}
