import BackpropEngine

/// The data view: what the network has learned over its inputs, and the samples it learns
/// from. For 2 or more inputs, the shown output (or a softmax network's predicted class) as
/// a heatmap over two inputs' plane with the samples on it, the selected neuron's own map
/// beside it and a softmax network's confusion matrix; for 1 input, the output as a curve;
/// for at most `Derived.listedSamples` samples, a table of every sample below. It draws
/// `state.maps`, which the reducer computes at `mapSizes`; it computes no engine values itself.
struct DataPane {
    let state: AppState

    /// Where the pane's parts go, in text cells: the map (2 inputs, two map rows a cell) or
    /// the curve's plot (1 input), the selected neuron's map, and the first row the table
    /// may use.
    struct Parts {
        var map: Rect?
        var neuron: Rect?
        var tableTop: Int
        /// Room beside the map for the confusion matrix: right of the neuron's map, then below it.
        var aside: [Rect] = []
    }

    /// The y labels' width left of the curve.
    static let labelWidth = 6
    /// Rows under the curve: its x axis and the legend; under the map: its x axis's ticks and
    /// the legend's two lines.
    static let legendRows = 2, planeLegendRows = 3

    /// The grids, in map cells, that `render` draws within `rect` for a network with `inputs`
    /// inputs: 0×0 when there is no map (too little room). The maps are taken over the ranges of
    /// the plane's two inputs: the shown output's, and (when the neuron's size is not nil) the
    /// selected neuron's; for 1 input, one row.
    static func mapSizes(in rect: Rect, inputs: Int, table: Table = .whole, aside: Size? = nil)
        -> (output: (columns: Int, rows: Int), neuron: (columns: Int, rows: Int)?) {
        let parts = parts(in: rect, inputs: inputs, table: table, aside: aside)
        guard let map = parts.map else { return ((0, 0), nil) }
        if inputs == 1 { return ((map.width, 1), nil) }
        return ((map.width, map.height * 2), parts.neuron.map { ($0.width, $0.height * 2) })
    }

    /// The sample table the layout makes room for: every sample (a third of the pane), some
    /// of them scrolled (what the map leaves, when it stays large), or none.
    enum Table {
        case whole, scrolled, none

        init(_ rows: SampleRows?) {
            self = rows.map { $0.isWhole ? .whole : .scrolled } ?? .none
        }
    }

    /// The rows a scrolled table is left: its header, six samples and its scroll line; only
    /// while the map keeps `mapRowsBesideTable` rows.
    static let scrolledTableRows = 8, mapRowsBesideTable = 10

    /// A block's size in cells.
    struct Size {
        let width: Int, height: Int
    }

    /// The layout of `state`'s data view in `rect`: its inputs, its table, its confusion matrix.
    static func parts(for state: AppState, in rect: Rect) -> Parts {
        parts(in: rect, inputs: state.architecture.sampleInputs, table: Table(state.derived.samples), aside: confusionSize(state))
    }

    /// The rows of samples the table shows in `rect`: as many as fit below the map with its
    /// header and scroll line; 0 where it has no room.
    static func tableRows(for state: AppState, in rect: Rect) -> Int {
        guard let rows = state.derived.samples else { return 0 }
        let parts = parts(for: state, in: rect), room = rect.inner
        let height = room.y + room.height - parts.tableTop
        guard rows.isWhole || height >= minimumTable else { return 0 }
        return min(rows.total, height - 1 - (rows.total > height - 1 ? 1 : 0))
    }

    /// The fewest rows a scrolled table takes: its header, three samples and its scroll line.
    static let minimumTable = 5

    static func mapSizes(for state: AppState, in rect: Rect) -> (output: (columns: Int, rows: Int), neuron: (columns: Int, rows: Int)?) {
        mapSizes(in: rect, inputs: state.architecture.sampleInputs, table: Table(state.derived.samples), aside: confusionSize(state))
    }

    /// The size the confusion matrix needs at least, when the class map shows it.
    static func confusionSize(_ state: AppState) -> Size? {
        guard state.shown == .predictedClass, let confusion = state.derived.confusion else { return nil }
        let a = state.architecture, classes = a.layers[a.outputLayer]
        let matrix = confusionLabel(a) + classes * (confusionCount(a, confusion.training) + 1)
        return Size(width: max(matrix, confusionTitle.count), height: classes + 2)
    }

    /// The confusion matrix's heading: whose samples, and which way its rows and columns go.
    static let confusionTitle = "training · t↓ p→"

    /// The confusion matrix's label column: the class names and a space.
    static func confusionLabel(_ a: Architecture) -> Int {
        1 + (0 ..< a.layers[a.outputLayer]).map { a.neuronName(layer: a.outputLayer, neuron: $0).count }.max()!
    }

    /// A count column: as wide as the largest count could be (a class's samples, fixed while
    /// training, so the layout holds still), or the names.
    static func confusionCount(_ a: Architecture, _ matrix: [[Int]]) -> Int {
        max(Format.count(matrix.map { $0.reduce(0, +) }.max() ?? 0).count, confusionLabel(a) - 1)
    }

    /// The layout for `inputs` inputs: a square map (as many columns as map rows) in about
    /// two thirds of the room with the neuron's map, at most half its side, to its right; or
    /// the curve over the width; the table in what is left. Without a table (more samples
    /// than it lists) the map and the curve take the whole height; a confusion matrix (`needed`)
    /// gets room beside the map where that costs the map at most a third of its side.
    static func parts(in rect: Rect, inputs: Int, table: Table = .whole, aside needed: Size? = nil) -> Parts {
        let room = rect.inner
        // Rows for the map or curve: two thirds beside the whole table, else all but the count's
        // line and the room a scrolled table needs, where the map stays large.
        let below = inputs == 1 ? legendRows : planeLegendRows
        var rows = table == .whole ? (room.height - below) * 2 / 3 : room.height - below - 1
        if table == .scrolled, rows - scrolledTableRows >= mapRowsBesideTable { rows -= scrolledTableRows }
        let noMap = Parts(map: nil, neuron: nil, tableTop: room.y)
        switch inputs {
        case 1:
            let plot = Rect(x: room.x + labelWidth + 1, y: room.y, width: room.width - labelWidth - 1,
                            height: rows)
            guard plot.width >= 4, plot.height >= 2 else { return noMap }
            return Parts(map: plot, neuron: nil, tableTop: plot.y + plot.height + legendRows)
        default:
            var side = min(room.width * 2 / 3, rows * 2) / 2 * 2
            // A narrow pane's map leaves the confusion matrix its room, giving up at most a third of its side.
            if let needed, room.width - side - 2 < needed.width, needed.height <= side / 2 {
                let narrower = (room.width - needed.width - 2) / 2 * 2
                if narrower >= max(8, side * 2 / 3) { side = narrower }
            }
            guard side >= 8 else { return noMap }
            let map = Rect(x: room.x, y: room.y, width: side, height: side / 2)
            let neuronSide = min(room.width - side - 1, side / 2) / 2 * 2
            var neuron = neuronSide >= 6 ? Rect(x: room.x + side + 1, y: room.y + 1, width: neuronSide, height: neuronSide / 2) : nil
            let right = room.x + side + 2, end = room.x + room.width
            let column = Rect(x: right, y: room.y, width: end - right, height: map.height)
            var aside = neuron.map { n in
                [Rect(x: n.x + n.width + 2, y: room.y, width: end - n.x - n.width - 2, height: map.height),
                 Rect(x: right, y: n.y + n.height + 1, width: end - right, height: map.y + map.height - n.y - n.height - 1)]
            } ?? [column]
            // The confusion matrix, where it fits beside the neuron's map in no place, takes its room if that fits it.
            if let needed, !aside.contains(where: { $0.width >= needed.width && $0.height >= needed.height }),
               column.width >= needed.width, column.height >= needed.height {
                neuron = nil
                aside = [column]
            }
            return Parts(map: map, neuron: neuron, tableTop: map.y + map.height + planeLegendRows, aside: aside)
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let a = state.architecture, outputs = a.layers[a.outputLayer]
        let shown = state.shown == .predictedClass ? "the class it picks" : a.neuronName(layer: a.outputLayer, neuron: state.shownOutput)
        canvas.box(rect, title: "Data · \(shown)" + (outputs > 1 ? " · [ ] choose" : ""))
        let room = rect.inner, inputs = a.sampleInputs
        guard room.width > 0, room.height > 0 else { return }
        let parts = Self.parts(for: state, in: rect)
        // Rows the map's legend took below its own two (the axes, on a narrow pane without the table).
        var taken = 0
        if let area = parts.map {
            if let maps = currentMaps(parts) {
                if inputs == 1 {
                    drawCurve(maps.output, in: area, into: &canvas)
                } else {
                    taken = drawPlane(maps, parts, limit: room.x + room.width, roomBelow: Table(state.derived.samples) != .whole,
                                      into: &canvas)
                }
            } else {
                let done = state.mapsDone.map { " \(Int($0 * 100))%" } ?? ""
                canvas.put("computing the map…\(done)", x: area.x, y: area.y + area.height / 2, Style(.muted), limit: area.x + area.width)
            }
        }
        let top = parts.tableTop + taken
        let marked = markStride > 1 ? "the map marks every \(Format.ordinal(markStride))" : ""
        let notes = [heldNote, marked].filter { !$0.isEmpty }
        if parts.map != nil, !notes.isEmpty {
            canvas.put(" \(notes.joined(separator: " · ")) ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.muted),
                       limit: rect.x + rect.width - 1)
        }
        let below = Rect(x: room.x, y: top, width: room.width, height: max(0, room.y + room.height - top))
        let data = state.trainer.data
        let count = Format.plural(data.training.count + data.test.count, "sample")
        let rows = Self.tableRows(for: state, in: rect)
        if let samples = state.derived.samples, rows > 0 {
            drawTable(samples, rows: rows, in: below, into: &canvas)
        } else if parts.map == nil {
            Self.putWrapped("Too small for the map.", in: below, Style(.muted), into: &canvas)
        } else {
            let split = data.test.isEmpty ? "" : ", \(Format.count(data.test.count)) of them for testing"
            // Where the map leaves the table no room, the note says where the samples are listed, if it fits.
            let listed = "\(count)\(split); a taller terminal lists them below the map."
            let fits = state.derived.samples != nil && listed.count <= below.width * below.height - below.height * 8
            Self.putWrapped(fits ? listed : "\(count)\(split).", in: below, Style(.muted), into: &canvas)
        }
        if state.shown == .predictedClass, let confusion = state.derived.confusion {
            drawConfusion(confusion, in: parts.aside, into: &canvas)
        }
    }

    /// For 3 or more inputs, which are held and how the axes are chosen.
    var heldNote: String {
        let a = state.architecture, plane = state.mapPlane
        guard a.sampleInputs > 2 else { return "" }
        let held = (0 ..< a.sampleInputs).filter { $0 != plane.x && $0 != plane.y }.map(pointName)
        return "\(held.joined(separator: ", ")) held at \(held.count == 1 ? "its mean" : "their means") · X Y choose the axes"
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
        let inputs = state.architecture.sampleInputs, data = state.trainer.data, plane = state.mapPlane
        guard let maps = state.maps, let area = parts.map else { return nil }
        let output = maps.output
        let rows = inputs == 1 ? 1 : area.height * 2
        guard output.columns == area.width, output.rows == rows, output.mapped == state.mapped, output.plane == plane,
              output.x == data.inputRange(plane.x), plane.y.map({ output.y == data.inputRange($0) }) ?? true else { return nil }
        let neuron = maps.neuron.flatMap { map in
            parts.neuron.flatMap { area in
                map.columns == area.width && map.rows == area.height * 2
                    && map.mapped == .neuron(layer: state.neuron.layer, index: state.neuron.index) ? map : nil
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

    /// How a sample is marked on the map, the curve and in the table: under the class map by
    /// its class's symbol, bold for training and reversed for test; a regression's with no
    /// side (the map colours it by its value).
    func mark(_ sample: Sample, test: Bool, on canvas: Canvas) -> (Character, Style) {
        if state.shown == .predictedClass {
            return (Self.classSymbol(sample.targets.largestIndex), Style(.plain, bold: true, reverse: test))
        }
        if !state.classification {
            let ascii = canvas.glyphs.isASCII
            return (test ? (ascii ? "o" : "○") : (ascii ? "*" : "●"), Style(.plain, bold: true))
        }
        let positive = sample.targets[state.shownOutput] > Self.middle(state.architecture.outputActivation)
        return Self.mark(positive: positive, test: test, on: canvas)
    }

    /// Filled for training, hollow for test, in the colour of the target's side of the
    /// middle; with 8 colours or none, a sample on the low side is a cross (training) or a
    /// diamond (test) instead.
    static func mark(positive: Bool, test: Bool, on canvas: Canvas) -> (Character, Style) {
        let ascii = canvas.glyphs.isASCII, coloured = canvas.colors == .many
        let character: Character = if test {
            positive || coloured ? (ascii ? "o" : "○") : (ascii ? "=" : "◇")
        } else {
            positive || coloured ? (ascii ? "*" : "●") : (ascii ? "x" : "×")
        }
        return (character, Style(positive ? .positive : .negative, bold: true))
    }
}

/// The class map: a softmax network's predicted class over the plane, its marks and legend.
extension DataPane {
    /// A class's mark: 1…9, then a…z, then #.
    static func classSymbol(_ k: Int) -> Character { k < classSymbols.count ? classSymbols[k] : "#" }
    private static let classSymbols = Array("123456789abcdefghijklmnopqrstuvwxyz")


    /// Without colour, a class's region is filled with its own character.
    static func classFill(_ k: Int, _ glyphs: Glyphs) -> Character {
        let fills = glyphs.isASCII ? asciiFills : fills
        return fills[k % fills.count]
    }
    private static let fills = Array("·░▒▓:+=~%∙"), asciiFills = Array(".:+#-=~%o@")
}
