import BackpropEngine

/// The network of any shape, drawn to fit its pane: a column of labelled neurons per layer
/// (with the output each gives the next batch's first sample, when there is room), and an
/// edge per weight in braille dots, coloured by its sign and bolder the larger |w|, as
/// Playground draws them. The selected weight's edge and the selected neuron stand out; a
/// layer taller than the pane shows a window of it with "+n" for the rest. Where the layout
/// gives them room, each neuron has its own map as a thumbnail before its name.
struct DiagramPane {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let a = state.architecture
        let focusHint = state.focus == .neurons ? "↑↓ neurons · e explains" : "Tab: neurons"
        let source = state.configName.map { " · \($0)" } ?? ""
        canvas.box(rect, title: "Network \(a.shapeName)\(source) · \(a.activation.rawValue)/\(a.outputActivation.rawValue) · \(focusHint)")
        let area = rect.inner
        guard area.width >= 8, area.height >= 1 else { return }
        let geometry = DiagramGeometry(state, area: area)
        drawEdges(geometry, in: area, into: &canvas)
        for node in geometry.nodes {
            let selected = state.neuron == node.neuron && state.walk == nil
            var style = Style(selected ? .current : node.neuron.layer == 0 ? .label : .plain, bold: true,
                              reverse: selected && state.focus == .neurons)
            if let step = state.walk?.current {
                if step.writes.contains(.neuron(node.neuron)) {
                    style = WalkPane.writes
                } else if step.reads.contains(.neuron(node.neuron)) {
                    style = WalkPane.reads
                }
            }
            if let thumb = node.thumbnail, let maps = state.thumbnails?.maps {
                drawThumbnail(maps, node.neuron, at: thumb, into: &canvas)
            }
            let x = canvas.put(node.name, x: node.x, y: node.y, style, limit: area.x + area.width)
            if let value = node.value {
                canvas.put(" " + value, x: x, y: node.y, Style(.muted), limit: area.x + area.width)
            }
        }
        for more in geometry.elided {
            canvas.put(more.text, x: more.x, y: more.y, Style(.warning), limit: area.x + area.width)
        }
        canvas.put(" \(selection) ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.current, bold: true), limit: rect.x + rect.width - 1)
    }

    /// A neuron's map, `maps.side` map cells square in half blocks, coloured over its
    /// activation's range (the inputs' over their own), shaded without colour.
    private func drawThumbnail(_ maps: NeuronMaps, _ neuron: Neuron, at corner: Rect, into canvas: inout Canvas) {
        let a = state.architecture, values = maps.values[neuron.layer][neuron.index], side = maps.side
        let range = DataPane.valueRange(neuron.layer == 0 ? .linear : a.activation(ofLayer: neuron.layer), values: values)
        let shades = DataPane.shades(canvas.glyphs)
        for row in 0 ..< side / 2 {
            for column in 0 ..< side {
                let top = values[2 * row * side + column], bottom = values[(2 * row + 1) * side + column]
                if DataPane.isShaded(canvas) {
                    canvas.put(String(shades[DataPane.shade((top + bottom) / 2, in: range)]), x: corner.x + column, y: corner.y + row)
                } else {
                    let heat = Heat(top: DataPane.level(top, in: range), bottom: DataPane.level(bottom, in: range))
                    canvas.put("▀", x: corner.x + column, y: corner.y + row, Style(heat: heat))
                }
            }
        }
    }

    /// The selection with its value, in the bottom border: "w11: h1 → o1 = −0.085737850".
    private var selection: String {
        let a = state.architecture, network = state.trainer.network
        if state.focus == .neurons {
            let n = state.neuron, name = a.neuronName(layer: n.layer, neuron: n.index)
            let out = state.derived.next.forwards.first.map { " = " + Format.number($0.outs[n.layer][n.index]) } ?? ""
            return "\(name): out_\(name)\(out)"
        }
        switch state.parameter {
        case .weight(let index):
            let ends = a.weightEnds(index)
            return "w\(index + 1): \(a.neuronName(layer: ends.layer - 1, neuron: ends.from)) → \(a.neuronName(layer: ends.layer, neuron: ends.to))"
                + " = " + Format.number(network.weights[index])
        case .bias(let index):
            let owner = a.biasOwner(index)
            let of = owner.neuron.map { a.neuronName(layer: owner.layer, neuron: $0) } ?? "layer \(owner.layer)"
            return "b\(index + 1): bias of \(of) = " + Format.number(network.biases[index])
        }
    }

    /// Edges as braille dots (ASCII: dots), each cell in the style of the strongest weight
    /// through it; the selected weight's edge over all of them. Nothing is drawn outside `area`.
    private func drawEdges(_ geometry: DiagramGeometry, in area: Rect, into canvas: inout Canvas) {
        let weights = state.trainer.network.weights
        // The largest drawn, not of every weight: a large network draws a window of its edges.
        let largest = max(geometry.edges.lazy.map { weights[$0.weight].magnitude }.max() ?? 1, 1e-12)
        var cells: [Int: (bits: Int, strength: Double, style: Style)] = [:]
        let selectedWeight: Int? = if state.focus == .parameters, state.walk == nil, case .weight(let index) = state.parameter { index } else { nil }
        let walked = state.walk.map { $0.current.reads.union($0.current.writes) } ?? []
        for edge in geometry.edges {
            let w = weights[edge.weight], selected = edge.weight == selectedWeight || walked.contains(.weight(edge.weight))
            let strength = selected ? .infinity : w.magnitude
            let ratio = w.magnitude / largest
            let style = selected ? Style(.current, bold: true)
                : Style(w < 0 ? .negative : .positive, bold: ratio > 0.66, dim: ratio < 0.2)
            for (x, y, bit) in Self.dots(from: edge.from, to: edge.to) where area.contains(x: x, y: y) {
                let key = y * canvas.width + x
                var cell = cells[key] ?? (0, -1, style)
                cell.bits |= bit
                if strength > cell.strength {
                    cell.strength = strength
                    cell.style = style
                }
                cells[key] = cell
            }
        }
        for (key, cell) in cells {
            let x = key % canvas.width, y = key / canvas.width
            let glyph: Character = canvas.glyphs.isASCII ? "." : Character(Unicode.Scalar(0x2800 + cell.bits)!)
            canvas.put(String(glyph), x: x, y: y, cell.style)
        }
    }

    /// The braille dots of a straight line between two points in dot space (2 dots across
    /// and 4 down a cell): the cell and the dot's bit.
    static func dots(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) -> [(x: Int, y: Int, bit: Int)] {
        let steps = max(abs(end.x - start.x), abs(end.y - start.y), 1)
        var dots: [(Int, Int, Int)] = []
        for step in 0 ... steps {
            let x = start.x + (end.x - start.x) * step / steps, y = start.y + (end.y - start.y) * step / steps
            let bit = (x % 2 == 0 ? [0x01, 0x02, 0x04, 0x40] : [0x08, 0x10, 0x20, 0x80])[y % 4]
            dots.append((x / 2, y / 4, bit))
        }
        return dots
    }
}

/// Where the diagram puts every neuron and edge in its area: the columns spread over the
/// width, each layer's neurons spread down the height.
struct DiagramGeometry {
    struct Node {
        let neuron: Neuron, name: String, value: String?, x: Int, y: Int
        /// Where its thumbnail goes, where the diagram draws them.
        let thumbnail: Rect?
    }

    struct Edge {
        let weight: Int
        /// Ends in dot space (2 across, 4 down a cell).
        let from: (x: Int, y: Int), to: (x: Int, y: Int)
    }

    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []
    private(set) var elided: [(text: String, x: Int, y: Int)] = []

    init(_ state: AppState, area: Rect) {
        let a = state.architecture, layers = a.layers
        let names = layers.indices.map { l in (0 ..< layers[l]).map { a.neuronName(layer: l, neuron: $0) } }
        let nameWidth = layers.indices.map { names[$0].map(\.count).max() ?? 1 }
        let outs = state.derived.next.forwards.first?.outs
        // Thumbnails of `rows` rows, 2 columns a row, and a space, before each name, where every layer fits.
        let wanted = state.thumbnails.map { $0.maps.side / 2 } ?? 0
        let thumbRows = (layers.max() ?? 1) * (wanted + 1) <= area.height ? wanted : 0
        let thumbWidth = thumbRows > 0 ? 2 * thumbRows + 1 : 0
        // Values when every column keeps a gap of at least 4 beside them.
        let valueWidth = 5
        let withValues = nameWidth.reduce(0, +) + layers.count * (valueWidth + 1 + thumbWidth) + (layers.count - 1) * 4 <= area.width
        let widths = nameWidth.map { $0 + thumbWidth + (withValues ? valueWidth + 1 : 0) }
        // A network too deep for the width shows a window of its layers, marked "◂+n" and "+n▸".
        let shown = Self.layerWindow(widths, room: area.width, around: Self.focusLayer(state))
        let before = shown.lowerBound > 0 ? "◂+\(shown.lowerBound)" : "", after = shown.upperBound < layers.count ? "+\(layers.count - shown.upperBound)▸" : ""
        let left = area.x + (before.isEmpty ? 0 : before.count + 1), room = area.width - (left - area.x) - (after.isEmpty ? 0 : after.count + 1)
        if !before.isEmpty { elided.append((before, area.x, area.y + area.height / 2)) }
        if !after.isEmpty { elided.append((after, area.x + area.width - after.count, area.y + area.height / 2)) }
        let used = shown.map { widths[$0] }.reduce(0, +)
        let gap = shown.count > 1 ? max(1, (room - used) / (shown.count - 1)) : 0
        var x = left
        var columns = Array(repeating: 0, count: layers.count)
        for l in shown {
            columns[l] = x
            x += widths[l] + gap
        }
        var rows: [[Int: Int]] = Array(repeating: [:], count: layers.count)
        for l in shown {
            let window = Self.window(layer: l, size: layers[l], room: area.height, state: state)
            var placed: [Int: Int] = [:]
            // A window of a tall layer starts a row down, under its "+n above" row.
            let offset = window.slots > window.neurons.count ? 1 : 0
            for (position, j) in window.neurons.enumerated() {
                // With thumbnails, each neuron's rows sit in the middle of its share of the height.
                let pitch = area.height / max(1, window.slots)
                let y = thumbRows > 0 ? area.y + (area.height - pitch * window.slots) / 2 + position * pitch + (pitch - thumbRows) / 2
                    : area.y + (offset == 1 ? position + 1 : (2 * position + 1) * area.height / (2 * max(1, window.slots)))
                placed[j] = y
                let value = withValues ? outs.map { Format.asPrinted($0[l][j], 2) } : nil
                nodes.append(Node(neuron: Neuron(layer: l, index: j), name: names[l][j], value: value, x: columns[l] + thumbWidth, y: y,
                                  thumbnail: thumbRows > 0 ? Rect(x: columns[l], y: y, width: 2 * thumbRows, height: thumbRows) : nil))
            }
            if window.above > 0 { elided.append(("↑+\(window.above)", columns[l], area.y)) }
            if window.below > 0 { elided.append(("↓+\(window.below)", columns[l], area.y + area.height - 1)) }
            rows[l] = placed
        }
        for l in 1 ..< layers.count {
            for (j, toY) in rows[l] {
                for (i, fromY) in rows[l - 1] {
                    // A cell clear of the label on either side.
                    let start = (x: 2 * (columns[l - 1] + widths[l - 1] + 1), y: 4 * fromY + 1)
                    let end = (x: 2 * columns[l] - 3, y: 4 * toY + 1)
                    edges.append(Edge(weight: a.weightIndex(layer: l, to: j, from: i), from: start, to: end))
                }
            }
        }
        edges.sort { $0.weight < $1.weight }
    }

    /// The layer the selection is in: the selected neuron's, or the selected parameter's; during
    /// a walk, the layer of what its sub-step writes.
    static func focusLayer(_ state: AppState) -> Int {
        let a = state.architecture
        if let written = state.walk?.current.writes.first {
            switch written {
            case .neuron(let n): return n.layer
            case .weight(let k): return a.weightEnds(k).layer
            case .bias(let k): return a.biasOwner(k).layer
            }
        }
        if state.focus == .neurons { return state.neuron.layer }
        switch state.parameter {
        case .weight(let index): return a.weightEnds(index).layer
        case .bias(let index): return a.biasOwner(index).layer
        }
    }

    /// The layers that fit side by side in `room` columns, each `widths[l]` wide with a gap of
    /// `minimumGap` between: all of them, or the page of them that holds layer `focus`. Pages
    /// are fixed runs from the first layer on, so a selection that moves within one (a click,
    /// a double-click) leaves the picture where it is.
    static func layerWindow(_ widths: [Int], room: Int, around focus: Int) -> Range<Int> {
        let marker = 6, minimumGap = 4
        func width(_ range: Range<Int>) -> Int {
            range.map { widths[$0] }.reduce(0, +) + (range.count - 1) * minimumGap
                + (range.lowerBound > 0 ? marker : 0) + (range.upperBound < widths.count ? marker : 0)
        }
        guard width(0 ..< widths.count) > room else { return 0 ..< widths.count }
        var start = 0
        while true {
            var end = start + 1
            while end < widths.count, width(start ..< end + 1) <= room { end += 1 }
            if focus < end || end == widths.count { return start ..< end }
            start = end
        }
    }

    /// The neurons of a layer that fit in `room` rows: all, or a window holding the
    /// selection (the selected neuron, or the selected weight's ends) with a row above and
    /// below for how many are out of view.
    static func window(layer l: Int, size: Int, room: Int, state: AppState) -> (neurons: [Int], above: Int, below: Int, slots: Int) {
        guard size > room else { return (Array(0 ..< size), 0, 0, size) }
        let visible = max(1, room - 2)
        var focus = 0
        if state.focus == .neurons {
            if state.neuron.layer == l { focus = state.neuron.index }
        } else if case .weight(let index) = state.parameter {
            let ends = state.architecture.weightEnds(index)
            if ends.layer == l { focus = ends.to } else if ends.layer - 1 == l { focus = ends.from }
        }
        let start = min(max(0, focus - visible / 2), size - visible)
        return (Array(start ..< start + visible), start, size - start - visible, room)
    }
}
