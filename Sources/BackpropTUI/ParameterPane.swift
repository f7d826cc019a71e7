import BackpropEngine

/// Every weight and bias of any network in post numbering, a layer at a time under its
/// heading: its value, the gradient the next update uses and the change it will make. The
/// list scrolls to keep the selection in view and says how many rows are above and below.
struct ParameterPane {
    let state: AppState

    static let columnWidth = 12
    /// Δ for a gradient too small to move the weight: η·∂E/∂w is below the weight's last
    /// binary digit, so the update leaves it exactly as it is.
    static let belowPrecision = "0 (< ulp)"

    /// The pane's width for `a`: the selection mark, the longest name, and `columns` number
    /// columns with a space before each, then the ▲▼ mark (with its heading beside four
    /// columns) and the borders.
    static func width(_ a: Architecture, columns: Int) -> Int {
        2 + 1 + nameWidth(a) + columns * (1 + columnWidth) + (columns == 4 ? 3 : 1)
    }

    /// The longest parameter name's length: "w8" 2, "w337" 4.
    static func nameWidth(_ a: Architecture) -> Int { 1 + String(max(a.weightCount, a.biasCount)).count }

    /// The rows the list shows in `room` lines: a heading over each layer's parameters, unless
    /// the parameters alone fit and with the headings would not (the post's ten).
    static func rows(_ a: Architecture, room: Int) -> ParameterList {
        let all = ParameterList(a: a, headings: true), bare = ParameterList(a: a, headings: false)
        return all.count > room && bare.count <= room ? bare : all
    }

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let focused = state.focus == .parameters, a = state.architecture
        canvas.box(rect, title: focused ? "Weights · ↑↓ select · e explains" : "Weights · Tab: back here")
        let area = rect.inner, limit = area.x + area.width
        guard area.height >= 3 else { return }
        let names = Self.nameWidth(a), w = Self.columnWidth
        let columns = area.width >= 1 + names + 4 * (w + 1) + 1 ? 4 : 3
        let titles = ["value", "∂E/∂w next", "Δ next", "Δ last"].prefix(columns)
        let header = String(repeating: " ", count: 1 + names) + titles.map { " " + Format.right($0, w) }.joined()
        canvas.put(header + (header.count + 3 <= area.width ? " ▲▼" : ""), x: area.x, y: area.y, Style(.muted), limit: limit)
        let room = area.height - 1
        let rows = Self.rows(a, room: room)
        let first = Self.firstRow(rows: rows, selected: state.parameter, room: room)
        for (offset, index) in (first ..< min(rows.count, first + room)).enumerated() {
            let y = area.y + 1 + offset
            switch rows.row(index) {
            case .heading(let heading):
                canvas.put("─ " + heading + " ", x: area.x, y: y, Style(.title, bold: true), limit: limit)
            case .parameter(let parameter):
                line(parameter, columns: columns, names: names, y: y, area: area, into: &canvas)
            }
        }
        let footer = area.y + 1 + rows.count + 1
        let notes = ["Δ next = −η · ∂E/∂w next, η = \(Format.short(state.trainer.settings.learningRate))",
                     "▲▼: how the last update moved it"]
        for (offset, note) in notes.enumerated() where footer + offset < area.y + area.height {
            canvas.put(note, x: area.x + 1, y: footer + offset, Style(.muted), limit: limit)
        }
        // Rows out of view are counted in the bottom border.
        let above = first, below = max(0, rows.count - first - room)
        let marks = (above > 0 ? ["▲ \(Format.count(above)) above"] : []) + (below > 0 ? ["▼ \(Format.count(below)) below"] : [])
        if !marks.isEmpty {
            canvas.put(" " + marks.joined(separator: " · ") + " ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.warning, bold: true),
                       limit: rect.x + rect.width - 1)
        }
    }

    /// One parameter's row: value, ∂E/∂w next, Δ next (and Δ last), then ▲▼.
    private func line(_ parameter: Parameter, columns: Int, names: Int, y: Int, area: Rect, into canvas: inout Canvas) {
        let limit = area.x + area.width, next = state.derived.next
        let selected = parameter == state.parameter
        let value = parameter.value(in: state.trainer.network), gradient = next.gradient(of: parameter)
        let dead: Bool = if case .weight(let k) = parameter { state.trainer.isDead(weight: k) } else { false }
        let fixed: Bool = if case .bias = parameter { !state.trainer.settings.trainBiases } else { dead }
        let last = fixed ? nil : state.trainer.previous.map { value - parameter.value(in: $0) }
        var x = canvas.put(selected ? String(canvas.glyphs.selected) : " ", x: area.x, y: y, Style(.accent, bold: true))
        x = canvas.put(Format.left(parameter.name, names), x: x, y: y, Style(.label, bold: true), limit: limit)
        x = canvas.put(cell(value), x: x, y: y, Style(value < 0 ? .negative : .positive), limit: limit)
        x = canvas.put(cell(gradient), x: x, y: y, limit: limit)
        if fixed {
            // A dead weight (L1 pushed it across 0) stays 0 for good, as in Playground.
            x = canvas.put(" " + Format.right(dead ? "dead" : "fixed", Self.columnWidth), x: x, y: y, Style(.muted), limit: limit)
        } else {
            let change = next.change(of: parameter)
            x = canvas.put(changeCell(change, gradient: gradient), x: x, y: y, Style(change < 0 ? .fall : change > 0 ? .rise : .muted),
                           limit: limit)
        }
        if columns == 4 {
            // The last update's gradient is gone: its change is written as it is.
            x = canvas.put(last.map { cell($0) } ?? " " + Format.right("—", Self.columnWidth), x: x, y: y,
                           Style(.muted), limit: limit)
        }
        if x < limit { marker(last, into: &canvas, x: x, y: y) }
        if selected, state.focus == .parameters {
            canvas.restyle(y: y, x: area.x, width: area.width, Style(.plain, bold: true, reverse: true))
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

    /// The first row shown: the selection kept in view, a little below the top when it can
    /// be, with its layer's heading when it fits.
    static func firstRow(rows: ParameterList, selected: Parameter, room: Int) -> Int {
        guard rows.count > room, let index = rows.index(of: selected) else { return 0 }
        // The selection's layer heading, when the list has headings.
        let heading = rows.headings ? rows.layerStart(ofRow: index) : 0
        let start = index - heading < room - 1 ? heading : index - room / 2
        return min(max(0, start), rows.count - room)
    }
}

extension Step {
    /// The mean gradient the step uses for a parameter.
    func gradient(of parameter: Parameter) -> Double {
        switch parameter {
        case .weight(let index): weightGradient[index]
        case .bias(let index): biasGradient[index]
        }
    }

    /// How much the step moves a parameter.
    func change(of parameter: Parameter) -> Double {
        parameter.value(in: after) - parameter.value(in: before)
    }
}
