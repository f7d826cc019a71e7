import BackpropEngine

/// Every sample in a row, when there are few enough to list.
extension DataPane {
    /// The widest a table number gets: Format's nine decimals.
    static let numberWidth = 11

    /// A row a sample, training then test: its mark, its inputs and targets as given, the
    /// network's outputs and the sample's loss, numbers as wide as the room allows; `rows` of
    /// them from `state.tableScroll` on (PgUp PgDn scroll it), with how many are above and below.
    func drawTable(_ passes: SampleRows, rows wanted: Int, in rect: Rect, into canvas: inout Canvas) {
        let total = passes.total
        // The legend's axes may have taken a row of the room `tableRows` counted.
        let shown = min(wanted, rect.height - 1 - (total > rect.height - 1 ? 1 : 0))
        guard shown > 0, rect.width > 0 else { return }
        let a = state.architecture, data = state.trainer.data, limit = rect.x + rect.width
        let first = max(passes.first, min(state.tableScroll, total - shown))
        let indices = Array(first ..< min(total, first + shown, passes.first + passes.passes.count))
        // A sample's own numbers: its point (x1, x2) where the inputs are features of it; only the
        // columns that fit are made (a network of 1,000 outputs has 2,001 a row), one more to be cut.
        let inputs = a.sampleInputs, outputs = a.layers[a.outputLayer]
        var given: [[String]] = [], widths: [Int] = [], used = 1
        for k in 0 ..< inputs + outputs where used <= rect.width {
            let column = [k >= inputs ? "t\(k - inputs + 1)" : pointName(k)]
                + indices.map { let s = data.sample($0); return Format.short(k < inputs ? s.inputs[k] : s.targets[k - inputs]) }
            given.append(column)
            widths.append(column.map(\.count).max() ?? 0)
            used += 1 + widths[widths.count - 1]
        }
        let width = min(Self.numberWidth, max(6, (rect.width - used) / (outputs + 1) - 1))
        let room = given.count < inputs + outputs ? 0 : min(outputs + 1, max(0, rect.width - used) / (width + 1) + 1)
        func cells(_ texts: [String], _ row: Int) -> String {
            zip(given, widths).map { " " + Format.right($0[row], $1) }.joined() + texts.map { " " + Format.right($0, width) }.joined()
        }
        let names = Array(((0 ..< outputs).map { a.neuronName(layer: a.outputLayer, neuron: $0) } + ["loss"]).prefix(room))
        canvas.put(" " + cells(names, 0), x: rect.x, y: rect.y, Style(.muted), limit: limit)
        for (row, index) in indices.enumerated() {
            let y = rect.y + 1 + row, forward = passes.passes[index - passes.first]
            let (character, style) = mark(data.sample(index), test: index >= data.training.count, on: canvas)
            canvas.put(String(character), x: rect.x, y: y, style)
            let numbers = (forward.outputs + [forward.loss]).prefix(room).map { Format.fit($0, width: width) }
            canvas.put(cells(numbers, row + 1), x: rect.x + 1, y: y, limit: limit)
        }
        if indices.count < total {
            let below = total - first - indices.count
            let marks = (first > 0 ? ["▲ \(Format.count(first)) above"] : []) + (below > 0 ? ["▼ \(Format.count(below)) below"] : [])
            canvas.put(marks.joined(separator: " · ") + " · PgUp PgDn scroll", x: rect.x, y: rect.y + 1 + indices.count, Style(.muted),
                       limit: limit)
        }
    }
}
