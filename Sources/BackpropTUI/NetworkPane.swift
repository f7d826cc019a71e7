import BackpropEngine

/// The post's picture of a 2-2-2 network with a bias per layer: i1, i2 → h1, h2 → o1, o2,
/// every weight on its edge with its value and its last change, each neuron's output (and net
/// when there is room), the biases and the targets of its one sample.
struct NetworkPane {
    /// What the picture shows, read off the state once.
    struct Model {
        let title: String
        let weights: [Double], biases: [Double]
        /// Inputs and targets of the sample, and the forward pass of it: outs[l][j], nets[l][j].
        let inputs: [Double], targets: [Double]
        let outs: [[Double]], nets: [[Double]]
        /// How the last update moved each weight and bias (nil: no update since the start or an edit).
        let weightChanges: [Double]?, biasChanges: [Double]?
        let selected: Parameter?
        let reads: Set<WalkMark>, writes: Set<WalkMark>
        let trainsBiases: Bool

        init(_ state: AppState) {
            let network = state.trainer.network, forward = state.derived.next.forwards[0]
            title = "bptui · \(state.configName ?? "A Step by Step Backpropagation Example") · iteration \(Format.count(state.trainer.iteration))"
            weights = network.weights
            biases = network.biases
            inputs = forward.outs[0]
            targets = state.derived.batch[0].targets
            outs = forward.outs
            nets = forward.nets
            let previous = state.trainer.previous
            weightChanges = previous.map { before in zip(network.weights, before.weights).map { $0 - $1 } }
            biasChanges = previous.map { before in zip(network.biases, before.biases).map { $0 - $1 } }
            selected = state.walk == nil && state.focus == .parameters ? state.parameter : nil
            reads = state.walk?.current.reads ?? []
            writes = state.walk?.current.writes ?? []
            trainsBiases = state.trainer.settings.trainBiases
        }
    }

    let model: Model
    let roomy: Bool

    /// Whether a network is drawn this way: the post's shape with a bias per layer.
    static func draws(_ a: Architecture) -> Bool { a.layers == [2, 2, 2] && a.bias == .shared }

    /// Where the picture puts its columns and rows in `area`: rendering and clicks read it.
    struct Places {
        let decimals: Int, valueWidth: Int, nodeWidth: Int
        let left: Int, hiddenX: Int, outputX: Int, top: Int, biasRow: Int
        var firstEdge: Int { left + nodeWidth }
        var secondEdge: Int { hiddenX + nodeWidth }

        init(_ area: Rect, roomy: Bool) {
            decimals = roomy ? 9 : 6
            valueWidth = decimals + 3
            nodeWidth = 3 + valueWidth - 1
            let edgeWidth = 5 + valueWidth + 4
            let contentWidth = 3 * nodeWidth + 2 * edgeWidth + (roomy ? 12 : 7)
            left = area.x + max(0, (area.width - contentWidth) / 2)
            hiddenX = left + nodeWidth + edgeWidth
            outputX = hiddenX + nodeWidth + edgeWidth
            top = area.y + (roomy ? 1 : 0)
            biasRow = top + (roomy ? 6 : 4)
        }

        /// The weights on the picture's four edge rows, top down: w1 w3 w2 w4 into the hidden
        /// layer, w5 w7 w6 w8 into the outputs.
        static let edgeRows = [0, 2, 1, 3]

        /// What a click at (x, y) lands on: a weight's edge, a bias, a neuron.
        func target(x: Int, y: Int) -> ClickTarget? {
            let row = y - top
            if (0 ..< 4).contains(row) {
                if x >= firstEdge, x < hiddenX { return .parameter(.weight(Self.edgeRows[row])) }
                if x >= secondEdge, x < outputX { return .parameter(.weight(4 + Self.edgeRows[row])) }
                if row == 0 || row == 3 {
                    for (layer, column) in [(0, left), (1, hiddenX), (2, outputX)] where x >= column && x < column + nodeWidth {
                        return .neuron(Neuron(layer: layer, index: row == 0 ? 0 : 1))
                    }
                }
            }
            if y == biasRow { return x < secondEdge ? .parameter(.bias(0)) : .parameter(.bias(1)) }
            return nil
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let m = model
        canvas.box(rect, title: m.title)
        let area = rect.inner, places = Places(area, roomy: roomy)
        let decimals = places.decimals, valueWidth = places.valueWidth, nodeWidth = places.nodeWidth
        let left = places.left, hiddenX = places.hiddenX, outputX = places.outputX, top = places.top
        if roomy {
            let heading = Style(.muted)
            canvas.put("inputs", x: left, y: area.y, heading)
            canvas.put("hidden (logistic)", x: hiddenX, y: area.y, heading)
            canvas.put("outputs (logistic)", x: outputX, y: area.y, heading)
        }
        func node(_ layer: Int, _ j: Int, x: Int, y: Int) {
            let name = ["i", "h", "o"][layer] + "\(j + 1)"
            canvas.put(name, x: x, y: y, highlight(.neuron(Neuron(layer: layer, index: j))) ?? Style(.label, bold: true))
            canvas.put(Format.fit(m.outs[layer][j], width: valueWidth - 1, decimals: decimals), x: x + 3, y: y)
        }
        func edge(_ k: Int, x: Int, y: Int, lead: String, tail: String) {
            var column = canvas.put(lead, x: x, y: y, Style(.muted))
            let selected = m.selected == .weight(k)
            column = canvas.put("w\(k + 1)", x: column, y: y, highlight(.weight(k)) ?? Style(.label, bold: true, reverse: selected))
            let value = m.weights[k]
            let text = Format.right(Format.fit(value, width: valueWidth, decimals: decimals), valueWidth)
            column = canvas.put(text, x: column + 1, y: y, Style(value < 0 ? .negative : .positive))
            column = marker(m.weightChanges?[k], into: &canvas, x: column, y: y)
            canvas.put(tail, x: column, y: y, Style(.muted))
        }
        let g = canvas.glyphs
        let straight = "\(g.horizontal)\(g.arrow) "
        for (layer, x) in [(0, left), (1, hiddenX), (2, outputX)] {
            node(layer, 0, x: x, y: top)
            node(layer, 1, x: x, y: top + 3)
        }
        // Each gap's four rows from the one table clicks read: straight, down, up, straight.
        for (gap, x) in [places.firstEdge, places.secondEdge].enumerated() {
            let next = gap == 0 ? "h" : "o"
            let leads = [g.horizontal, g.diagonalDown, g.diagonalUp, g.horizontal]
            let tails = [straight, "\(g.toDown)\(next)2", "\(g.toUp)\(next)1", straight]
            for (row, k) in Places.edgeRows.enumerated() {
                edge(4 * gap + k, x: x, y: top + row, lead: " \(leads[row])", tail: tails[row])
            }
        }
        let secondEdge = places.secondEdge
        let targetX = outputX + nodeWidth + 1
        let target = roomy ? "target" : "t"
        canvas.put("\(target) \(Format.short(m.targets[0]))", x: targetX, y: top, Style(.accent))
        canvas.put("\(target) \(Format.short(m.targets[1]))", x: targetX, y: top + 3, Style(.accent))

        var y = top + 4
        if roomy {
            let net = Style(.muted)
            for (layer, x) in [(1, hiddenX), (2, outputX)] {
                for j in 0 ..< 2 {
                    canvas.put("net_\(["i", "h", "o"][layer])\(j + 1) " + Format.right(Format.number(m.nets[layer][j]), 12), x: x, y: y + j, net)
                }
            }
            y += 2
        }
        let trained = m.trainsBiases ? "trained" : "fixed"
        bias(0, "\(g.arrow) h1, h2 (\(trained))", x: left + 3, y: y, into: &canvas)
        bias(1, "\(g.arrow) o1, o2 (\(trained))", x: secondEdge + 1, y: y, into: &canvas)
    }

    /// The walk's highlight of what a sub-step writes (or reads), if it does.
    private func highlight(_ mark: WalkMark) -> Style? {
        if model.writes.contains(mark) { return WalkPane.writes }
        return model.reads.contains(mark) ? WalkPane.reads : nil
    }

    private func bias(_ k: Int, _ tail: String, x: Int, y: Int, into canvas: inout Canvas) {
        let selected = model.selected == .bias(k)
        var column = canvas.put("b\(k + 1)", x: x, y: y, highlight(.bias(k)) ?? Style(.label, bold: true, reverse: selected))
        let value = model.biases[k]
        column = canvas.put(Format.fit(value, width: roomy ? 12 : 9, decimals: roomy ? 9 : 6), x: column + 1, y: y,
                            Style(value < 0 ? .negative : .positive))
        column = marker(model.biasChanges?[k], into: &canvas, x: column, y: y)
        canvas.put(tail, x: column + 1, y: y, Style(.muted))
    }
}

/// ▲ for a value that rose in the last step, ▼ for one that fell, a space otherwise.
@discardableResult
func marker(_ change: Double?, into canvas: inout Canvas, x: Int, y: Int) -> Int {
    guard let change, change != 0 else { return canvas.put(" ", x: x, y: y) }
    return change > 0 ? canvas.put(String(canvas.glyphs.rise), x: x, y: y, Style(.rise, bold: true))
        : canvas.put(String(canvas.glyphs.fall), x: x, y: y, Style(.fall, bold: true))
}
