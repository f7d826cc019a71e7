import BackpropEngine

/// A small network drawn with every number on it: a column per layer with each neuron's
/// output, and between two columns every weight into the layer on the right (then its
/// biases), a row each with its value and how the last update moved it. Used where the
/// post's picture does not apply but the rows fit (2-3-2, 3-3-1 at 120×40).
struct EdgeTablePane {
    /// Where the table puts its columns in an area, and which parameter each row shows.
    struct Places {
        let a: Architecture
        let nodeWidth: Int, edgeWidth: Int, decimals: Int
        /// The first column of each layer, and of each gap (into layer l at index l − 1).
        let columns: [Int], gaps: [Int]
        let top: Int

        /// The rows a gap needs: the layer's weights, then its biases.
        static func rows(_ a: Architecture, into l: Int) -> Int {
            a.weightOffset(layer: l + 1) - a.weightOffset(layer: l) + a.biasOffset(layer: l + 1) - a.biasOffset(layer: l)
        }

        /// The places in `area`, or nil when the table does not fit it.
        init?(_ a: Architecture, area: Rect, roomy: Bool) {
            self.a = a
            decimals = roomy ? 9 : 6
            // A table shows at most an area's height of rows a layer: few enough to name every neuron.
            guard a.layers.count <= 4, (a.layers.max() ?? 0) <= area.height else { return nil }
            let nameWidth = a.layers.indices.flatMap { l in (0 ..< a.layers[l]).map { a.neuronName(layer: l, neuron: $0).count } }.max() ?? 2
            let parameterWidth = 1 + String(max(a.weightCount, a.biasCount)).count
            nodeWidth = nameWidth + 1 + decimals + 3
            edgeWidth = parameterWidth + 1 + 2 * nameWidth + 2 + decimals + 4 + 3
            let width = a.layers.count * nodeWidth + (a.layers.count - 1) * edgeWidth
            let tallest = (1 ... a.outputLayer).map { Self.rows(a, into: $0) }.max() ?? 0
            guard a.layers.count <= 4, width <= area.width, tallest <= area.height else { return nil }
            var x = area.x + (area.width - width) / 2, columns: [Int] = [], gaps: [Int] = []
            for l in a.layers.indices {
                columns.append(x)
                x += nodeWidth
                if l < a.outputLayer {
                    gaps.append(x)
                    x += edgeWidth
                }
            }
            self.columns = columns
            self.gaps = gaps
            top = area.y
        }

        /// The parameter row `index` of the gap into layer l shows.
        func parameter(into l: Int, row index: Int) -> Parameter? {
            let weights = a.weightOffset(layer: l + 1) - a.weightOffset(layer: l)
            guard index >= 0, index < Self.rows(a, into: l) else { return nil }
            return index < weights ? .weight(a.weightOffset(layer: l) + index) : .bias(a.biasOffset(layer: l) + index - weights)
        }

        /// The row of neuron j of layer l: the layer's neurons spread over the tallest gap.
        func row(of j: Int, in l: Int, height: Int) -> Int {
            top + (2 * j + 1) * height / (2 * a.layers[l])
        }

        /// What a click lands on: a weight's or a bias's row, a neuron.
        func target(x: Int, y: Int, height: Int) -> ClickTarget? {
            for (index, start) in gaps.enumerated() where x >= start && x < start + edgeWidth {
                return parameter(into: index + 1, row: y - top).map { .parameter($0) }
            }
            for (l, start) in columns.enumerated() where x >= start && x < start + nodeWidth {
                if let j = (0 ..< a.layers[l]).first(where: { row(of: $0, in: l, height: height) == y }) { return .neuron(Neuron(layer: l, index: j)) }
            }
            return nil
        }
    }

    let state: AppState
    let places: Places

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let a = state.architecture, network = state.trainer.network, previous = state.trainer.previous
        let source = state.configName.map { " · \($0)" } ?? ""
        let focus = state.focus == .neurons ? "↑↓ neurons · e explains" : "Tab: neurons"
        canvas.box(rect, title: "Network \(a.shapeName)\(source) · \(a.activation.rawValue)/\(a.outputActivation.rawValue) · every weight on its edge · \(focus)")
        let area = rect.inner, outs = state.derived.next.forwards.first?.outs
        let reads = state.walk?.current.reads ?? [], writes = state.walk?.current.writes ?? []
        func highlight(_ mark: WalkMark) -> Style? {
            writes.contains(mark) ? WalkPane.writes : reads.contains(mark) ? WalkPane.reads : nil
        }
        for l in a.layers.indices {
            for j in 0 ..< a.layers[l] {
                let y = places.row(of: j, in: l, height: area.height), name = a.neuronName(layer: l, neuron: j)
                let selected = state.focus == .neurons && state.neuron == Neuron(layer: l, index: j) && state.walk == nil
                let x = canvas.put(name, x: places.columns[l], y: y,
                                   highlight(.neuron(Neuron(layer: l, index: j))) ?? Style(selected ? .current : .label, bold: true, reverse: selected))
                if let outs { canvas.put(" " + Format.fit(outs[l][j], width: places.decimals + 3, decimals: places.decimals), x: x, y: y) }
            }
        }
        for l in 1 ... a.outputLayer {
            for index in 0 ..< Places.rows(a, into: l) {
                guard let parameter = places.parameter(into: l, row: index) else { continue }
                let y = places.top + index, value = parameter.value(in: network)
                let (label, mark): (String, WalkMark) = switch parameter {
                case .weight(let k):
                    { let ends = a.weightEnds(k)
                      return ("\(parameter.name) \(a.neuronName(layer: l - 1, neuron: ends.from))→\(a.neuronName(layer: l, neuron: ends.to))", .weight(k)) }()
                case .bias(let k):
                    { let owner = a.biasOwner(k)
                      return ("\(parameter.name) →\(owner.neuron.map { a.neuronName(layer: l, neuron: $0) } ?? "all")", .bias(k)) }()
                }
                let selected = parameter == state.parameter && state.walk == nil && state.focus == .parameters
                let width = places.decimals + 3, valueX = places.gaps[l - 1] + places.edgeWidth - width - 3
                canvas.put(" " + label, x: places.gaps[l - 1], y: y, highlight(mark) ?? Style(.muted, bold: selected, reverse: selected))
                let x = canvas.put(Format.right(Format.fit(value, width: width, decimals: places.decimals), width), x: valueX, y: y,
                                   Style(value < 0 ? .negative : .positive, bold: selected, reverse: selected))
                marker(previous.map { value - parameter.value(in: $0) }, into: &canvas, x: x, y: y)
            }
        }
    }
}
