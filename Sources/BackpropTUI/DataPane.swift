import BackpropEngine

/// The data view: what the network has learned over its inputs, and the samples it learns
/// from. For 2 inputs, the shown output as a heatmap over the input plane with the samples
/// on it and the selected neuron's own map beside it; for 1 input, the output as a curve;
/// for at most `Derived.listedSamples` samples, a table of every sample below (or
/// alone, for more inputs). It draws `state.maps`, which the reducer computes at
/// `mapSizes`; it computes no engine values itself.
struct DataPane {
    let state: AppState

    /// Where the pane's parts go, in text cells: the map (2 inputs, two map rows a cell) or
    /// the curve's plot (1 input), the selected neuron's map, and the first row the table
    /// may use.
    struct Parts {
        var map: Rect?
        var neuron: Rect?
        var tableTop: Int
    }

    /// The y labels' width left of the curve.
    static let labelWidth = 6
    /// Rows under the map or the curve: the legend's two lines, or the x axis and the legend.
    static let legendRows = 2

    /// The grids, in map cells, that `render` draws within `rect` for a network with `inputs`
    /// inputs: 0×0 when there is no map (more than 2 inputs, or too little room). The maps are
    /// taken over x = `data.inputRange(0)` and y = `data.inputRange(1)`: the shown output's,
    /// and (when the neuron's size is not nil) the selected neuron's; for 1 input, one row.
    static func mapSizes(in rect: Rect, inputs: Int, table: Bool = true)
        -> (output: (columns: Int, rows: Int), neuron: (columns: Int, rows: Int)?) {
        let parts = parts(in: rect, inputs: inputs, table: table)
        guard let map = parts.map else { return ((0, 0), nil) }
        if inputs == 1 { return ((map.width, 1), nil) }
        return ((map.width, map.height * 2), parts.neuron.map { ($0.width, $0.height * 2) })
    }

    /// The layout for `inputs` inputs: a square map (as many columns as map rows) in about
    /// two thirds of the room with the neuron's map, at most half its side, to its right; or
    /// the curve over the width; the table in what is left. Without a table (more samples
    /// than it lists) the map and the curve take the whole height.
    static func parts(in rect: Rect, inputs: Int, table: Bool = true) -> Parts {
        let room = rect.inner
        // Rows for the map or curve: two thirds beside a table, else all but the count's line.
        let rows = table ? (room.height - legendRows) * 2 / 3 : room.height - legendRows - 1
        let noMap = Parts(map: nil, neuron: nil, tableTop: room.y)
        switch inputs {
        case 1:
            let plot = Rect(x: room.x + labelWidth + 1, y: room.y, width: room.width - labelWidth - 1,
                            height: rows)
            guard plot.width >= 4, plot.height >= 2 else { return noMap }
            return Parts(map: plot, neuron: nil, tableTop: plot.y + plot.height + legendRows)
        case 2:
            let side = min(room.width * 2 / 3, rows * 2) / 2 * 2
            guard side >= 8 else { return noMap }
            let map = Rect(x: room.x, y: room.y, width: side, height: side / 2)
            let neuronSide = min(room.width - side - 1, side / 2) / 2 * 2
            let neuron = neuronSide >= 6 ? Rect(x: room.x + side + 1, y: room.y + 1, width: neuronSide, height: neuronSide / 2) : nil
            return Parts(map: map, neuron: neuron, tableTop: map.y + map.height + legendRows)
        default:
            return noMap
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let a = state.architecture, outputs = a.layers[a.outputLayer]
        let shown = a.neuronName(layer: a.outputLayer, neuron: state.shownOutput)
        canvas.box(rect, title: "Data · \(shown)" + (outputs > 1 ? " · [ ] choose" : ""))
        let room = rect.inner, inputs = a.sampleInputs
        guard room.width > 0, room.height > 0 else { return }
        let parts = Self.parts(in: rect, inputs: inputs, table: state.derived.samples != nil)
        // Rows the map's legend took below its own two (the axes, on a narrow pane without the table).
        var taken = 0
        if let area = parts.map {
            if let maps = currentMaps(parts) {
                if inputs == 1 {
                    drawCurve(maps.output, in: area, into: &canvas)
                } else {
                    taken = drawPlane(maps, parts, limit: room.x + room.width, roomBelow: state.derived.samples == nil, into: &canvas)
                }
            } else {
                let done = state.mapsDone.map { " \(Int($0 * 100))%" } ?? ""
                canvas.put("computing the map…\(done)", x: area.x, y: area.y + area.height / 2, Style(.muted), limit: area.x + area.width)
            }
        }
        let top = parts.tableTop + taken
        let below = Rect(x: room.x, y: top, width: room.width, height: max(0, room.y + room.height - top))
        let data = state.trainer.data, listed = Derived.listedSamples
        let count = Format.plural(data.training.count + data.test.count, "sample")
        if let samples = state.derived.samples {
            drawTable(samples, in: below, into: &canvas)
        } else if parts.map == nil {
            let note = inputs > 2 ? "The map needs 1 or 2 inputs and the table at most \(listed) samples; this network has "
                + "\(inputs) inputs and \(count)." : "Too small for the map."
            Self.putWrapped(note, in: below, Style(.muted), into: &canvas)
        } else {
            let split = data.test.isEmpty ? "" : ", \(Format.count(data.test.count)) of them for testing"
            let marked = markStride > 1 ? "; the map marks every \(Format.ordinal(markStride))" : ""
            Self.putWrapped("\(count)\(split); the table lists at most \(listed)\(marked).", in: below, Style(.muted), into: &canvas)
        }
    }

    /// Writes `text` in `area` a line at a time, broken between words; a line past its last
    /// row joins the last, which then ends in "…".
    static func putWrapped(_ text: String, in area: Rect, _ style: Style, into canvas: inout Canvas) {
        var lines: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            if let last = lines.last, canvas.glyphs.render(last + " " + word).count <= area.width {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(word)
            }
        }
        guard area.height > 0 else { return }
        if lines.count > area.height { lines = lines.prefix(area.height - 1) + [lines[(area.height - 1)...].joined(separator: " ")] }
        for (index, line) in lines.enumerated() {
            canvas.put(line, x: area.x, y: area.y + index, style, limit: area.x + area.width)
        }
    }

    /// `state.maps` when they are the maps this layout and selection need: the right sizes,
    /// the shown output, the data's ranges (a stale neuron map is left out).
    private func currentMaps(_ parts: Parts) -> DataMaps? {
        let a = state.architecture, inputs = a.sampleInputs, data = state.trainer.data
        guard let maps = state.maps, let area = parts.map else { return nil }
        let output = maps.output
        let rows = inputs == 1 ? 1 : area.height * 2
        guard output.columns == area.width, output.rows == rows, output.layer == a.outputLayer,
              output.neuron == state.shownOutput, output.x == data.inputRange(0),
              inputs == 1 || output.y == data.inputRange(1) else { return nil }
        let neuron = maps.neuron.flatMap { map in
            parts.neuron.flatMap { area in
                map.columns == area.width && map.rows == area.height * 2 && map.layer == state.neuron.layer
                    && map.neuron == state.neuron.index ? map : nil
            }
        }
        return DataMaps(output: output, neuron: neuron)
    }

    /// Every sample, training then test, as `derived.samples` lists them.
    /// The samples marked on the map or the curve: every one, or past `markedSamples` every
    /// `markStride`th, an even spread (a mark is a cell; more only cover each other).
    var samples: [(sample: Sample, test: Bool)] {
        let data = state.trainer.data, step = markStride
        return Swift.stride(from: 0, to: data.training.count, by: step).map { (data.training[$0], false) }
            + Swift.stride(from: 0, to: data.test.count, by: step).map { (data.test[$0], true) }
    }

    static let markedSamples = 5_000

    /// 1 for every sample marked, k for every kth.
    var markStride: Int {
        let data = state.trainer.data, count = data.training.count + data.test.count
        return count <= Self.markedSamples ? 1 : (count + Self.markedSamples - 1) / Self.markedSamples
    }

    /// The name of a sample's number k: x1, x2 where the inputs are features of the point,
    /// otherwise the input's own name.
    func pointName(_ k: Int) -> String {
        state.architecture.features == nil ? state.architecture.neuronName(layer: 0, neuron: k) : "x\(k + 1)"
    }

    /// How a sample is marked on the map, the curve and in the table.
    func mark(_ sample: Sample, test: Bool, on canvas: Canvas) -> (Character, Style) {
        let positive = sample.targets[state.shownOutput] > Self.middle(state.architecture.outputActivation)
        return Self.mark(positive: positive, test: test, on: canvas)
    }

    /// Filled for training, hollow for test, in the colour of the target's side of the
    /// middle; without colour, a sample on the low side is a cross (training) or a diamond
    /// (test) instead.
    static func mark(positive: Bool, test: Bool, on canvas: Canvas) -> (Character, Style) {
        let ascii = canvas.glyphs.isASCII, coloured = canvas.colors != .none
        let character: Character = if test {
            positive || coloured ? (ascii ? "o" : "○") : (ascii ? "=" : "◇")
        } else {
            positive || coloured ? (ascii ? "*" : "●") : (ascii ? "x" : "×")
        }
        return (character, Style(positive ? .positive : .negative, bold: true))
    }
}
