import Foundation
import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// The data view: heat levels from fresh forward passes, samples where they lie, the sample
/// table as Format prints it, the 1-input curve, shading without colour, no cut words.
@Suite struct DataPaneTests {
    static let circle = Recipe(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron,
                               data: .builtIn(.circle), learningRate: 0.03, trainBiases: true, batch: 10)
    static let xor = Recipe(layers: [2, 5, 1], data: .builtIn(.xor))
    /// Eight samples of a rising line over −1…1, for a 1-input network.
    static let line = Recipe(layers: [1, 3, 1], data: .given(name: "line", DataSet(training: (0 ..< 8).map { k in
        let x = Double(k) / 3.5 - 1
        return Sample(inputs: [x], targets: [(x + 1) / 2])
    })))
    static let sides = [Rect(x: 0, y: 0, width: 36, height: 20), Rect(x: 0, y: 0, width: 54, height: 36)]

    /// A state for `recipe` after `epochs` epochs, with the first hidden neuron selected and
    /// the maps the reducer would compute for `rect`.
    static func state(_ recipe: Recipe, epochs: Int = 0, in rect: Rect) throws -> AppState {
        var trainer = try recipe.trainer()
        _ = trainer.train(epochs: epochs)
        var state = AppState(trainer: trainer, recipe: recipe)
        state.neuron = Neuron(layer: 1, index: 0)
        state.maps = maps(for: state, in: rect)
        // The table's rows, as the reducer derives them with the data view open.
        state.derived = Derived(trainer, classification: state.classification, checking: false)
        return state
    }

    static func maps(for state: AppState, in rect: Rect) -> DataMaps {
        let data = state.trainer.data, network = state.trainer.network, plane = state.mapPlane
        let sizes = DataPane.mapSizes(for: state, in: rect)
        let x = data.inputRange(plane.x), y = plane.y.map { data.inputRange($0) } ?? -1 ... 1
        return DataMaps(
            output: OutputMap(network, state.mapped, plane: plane, columns: sizes.output.columns, rows: sizes.output.rows, x: x, y: y),
            neuron: sizes.neuron.map { OutputMap(network, .neuron(layer: state.neuron.layer, index: state.neuron.index), plane: plane,
                                                 columns: $0.columns, rows: $0.rows, x: x, y: y) })
    }

    static func render(_ state: AppState, _ rect: Rect, glyphs: Glyphs = .unicode, colors: ColorDepth = .many) -> Canvas {
        var canvas = Canvas(width: rect.width, height: rect.height, glyphs: glyphs, colors: colors)
        DataPane(state: state).render(into: &canvas, rect)
        return canvas
    }

    /// Every cell with heat levels, by position.
    static func heatCells(_ canvas: Canvas) -> [(x: Int, y: Int, heat: Heat)] {
        (0 ..< canvas.height).flatMap { y in
            (0 ..< canvas.width).compactMap { x in canvas[x, y].style.heat.map { (x, y, $0) } }
        }
    }

    @Test func levelsSpanThePaletteAroundTheMiddle() {
        #expect(DataPane.level(-1, in: -1 ... 1) == 0)
        #expect(DataPane.level(1, in: -1 ... 1) == Heat.levels - 1)
        #expect(DataPane.level(0, in: -1 ... 1) == Heat.levels / 2)
        #expect(DataPane.level(0.5, in: 0 ... 1) == Heat.levels / 2)
        #expect(DataPane.level(.nan, in: 0 ... 1) == Heat.levels / 2)
        #expect(DataPane.level(7, in: -1 ... 1) == Heat.levels - 1)
        #expect(DataPane.valueRange(.logistic, values: [3]) == 0 ... 1)
        #expect(DataPane.valueRange(.tanh, values: [3]) == -1 ... 1)
        #expect(DataPane.valueRange(.relu, values: [0, 2, .infinity]) == -2 ... 2)
        #expect(DataPane.valueRange(.linear, values: [0.5, -3]) == -3 ... 3)
        #expect(DataPane.shade(-0.9, in: -1 ... 1) == 0 && DataPane.shade(-0.1, in: -1 ... 1) == 1)
        #expect(DataPane.shade(0.1, in: -1 ... 1) == 2 && DataPane.shade(0.9, in: -1 ... 1) == 3)
    }

    @Test func mapSizesAreSquareBesideARoomForTheTable() {
        for rect in Self.sides {
            let sizes = DataPane.mapSizes(in: rect, inputs: 2)
            #expect(sizes.output.columns == sizes.output.rows && sizes.output.rows % 2 == 0)
            #expect(sizes.neuron.map { $0.columns == $0.rows && $0.columns <= sizes.output.columns / 2 } == true)
            let parts = DataPane.parts(in: rect, inputs: 2)
            #expect(parts.tableTop < rect.inner.y + rect.inner.height - 4, "room left for xor's table")
            #expect(DataPane.mapSizes(in: rect, inputs: 1).output.rows == 1)
            #expect(DataPane.mapSizes(in: rect, inputs: 3).output.columns == sizes.output.columns, "two of three inputs")
        }
        let tiny = DataPane.mapSizes(in: Rect(x: 0, y: 0, width: 10, height: 6), inputs: 2)
        #expect(tiny.output.columns == 0 && tiny.output.rows == 0 && tiny.neuron == nil)
    }

    @Test func everyHeatCellHasTheLevelOfAFreshForwardPass() throws {
        let rect = Self.sides[1]
        let state = try Self.state(Self.circle, epochs: 5, in: rect)
        let canvas = Self.render(state, rect)
        let parts = DataPane.parts(in: rect, inputs: 2), network = state.trainer.network
        let map = try #require(parts.map), neuronArea = try #require(parts.neuron), maps = try #require(state.maps)
        let cells = Self.heatCells(canvas)
        #expect(cells.count >= 200)
        var legend: [Int] = [], neuronCells = 0
        for (x, y, heat) in cells {
            let inNeuron = x >= neuronArea.x, outputLayer = state.architecture.outputLayer
            let (area, values, layer) = inNeuron ? (neuronArea, maps.neuron, 1) : (map, maps.output, outputLayer)
            guard y < area.y + area.height, let values else {
                #expect(heat.top == heat.bottom, "the legend's scale")
                legend.append(heat.top.index)
                continue
            }
            #expect(canvas[x, y].character == "▀")
            if inNeuron { neuronCells += 1 }
            for (half, level) in [(0, heat.top), (1, heat.bottom)] {
                let centre = values.centre(column: x - area.x, row: 2 * (y - area.y) + half)
                let out = ForwardPass(network, Sample(inputs: [centre.x, centre.y], targets: [0])).outs[layer][0]
                #expect(level == .heat(DataPane.level(out, in: -1 ... 1)), "(\(x), \(y)) half \(half)")
            }
        }
        #expect(legend == Array(0 ..< Heat.levels))
        #expect(neuronCells == neuronArea.width * neuronArea.height)
        #expect(canvas.lines[map.y + map.height + 1].contains("o1 −1"))
        #expect(canvas.lines[neuronArea.y - 1].contains("h1.1"))
    }

    @Test func samplesSitInTheirCellsTheLastOneWinning() throws {
        let rect = Self.sides[1]
        let state = try Self.state(Self.circle, in: rect)
        let canvas = Self.render(state, rect)
        let area = try #require(DataPane.parts(for: state, in: rect).map)
        let data = state.trainer.data, x = data.inputRange(0), y = data.inputRange(1)
        var expected: [Int: (Character, Role)] = [:]
        for (sample, test) in data.training.map({ ($0, false) }) + data.test.map({ ($0, true) }) {
            let column = Int((sample.inputs[0] - x.lowerBound) / (x.upperBound - x.lowerBound) * Double(area.width))
            let row = Int((y.upperBound - sample.inputs[1]) / (y.upperBound - y.lowerBound) * Double(area.height * 2)) / 2
            expected[(area.y + row) * rect.width + area.x + column] = (test ? "○" : "●", sample.targets[0] > 0 ? .positive : .negative)
        }
        #expect(expected.count > 100)
        #expect(expected.values.contains { $0.0 == "●" } && expected.values.contains { $0.0 == "○" })
        for (index, mark) in expected {
            let cell = canvas[index % rect.width, index / rect.width]
            #expect(cell.character == mark.0 && cell.style.role == mark.1 && cell.style.heat == nil)
        }
        let marks = canvas.cells.enumerated().filter { index, cell in
            "●○".contains(cell.character) && index / rect.width < area.y + area.height + DataPane.planeLegendRows
        }.count
        #expect(marks == expected.count + 3, "the points, and the legend's three")
    }

    @Test func trainingChangesTheMap() throws {
        let rect = Self.sides[1]
        let before = try Self.state(Self.circle, in: rect)
        var trainer = before.trainer
        _ = trainer.train(epochs: 20)
        var after = AppState(trainer: trainer, recipe: Self.circle)
        after.neuron = before.neuron
        after.maps = Self.maps(for: after, in: rect)
        let old = Self.heatCells(Self.render(before, rect)), new = Self.heatCells(Self.render(after, rect))
        let changed = zip(old, new).filter { $0.heat != $1.heat }.count
        #expect(old.count == new.count && changed > 50, "\(changed) of \(old.count) cells changed")
    }

    @Test(arguments: sides)
    func theXorTableListsEverySampleAsFormatPrintsIt(rect: Rect) throws {
        let state = try Self.state(Self.xor, epochs: 3, in: rect)
        let canvas = Self.render(state, rect), lines = canvas.lines
        let header = try #require(lines.firstIndex { $0.contains("loss") })
        #expect(lines[header].contains("i1") && lines[header].contains("t1") && lines[header].contains("o1"))
        let forwards = try #require(state.derived.samples?.passes)
        for (index, sample) in state.trainer.data.training.enumerated() {
            let row = String(lines[header + 1 + index].map { $0 == "│" ? " " : $0 }).split(separator: " ").map(String.init)
            try #require(row.count == 6, "\(row)")
            #expect(row[0] == "●")
            #expect(row[1 ... 3] == [Format.short(sample.inputs[0]), Format.short(sample.inputs[1]), Format.short(sample.targets[0])])
            #expect(row[4] == Format.fit(forwards[index].outputs[0], width: row[4].count))
            #expect(row[5] == Format.fit(forwards[index].loss, width: row[5].count))
            #expect(row[5].count >= 6)
        }
        #expect(!canvas.text.contains("below"))
    }

    @Test func aLongTableSaysHowManyRowsAreBelow() throws {
        let rect = Self.sides[0]
        let state = try Self.state(Self.line, in: rect)
        let lines = Self.render(state, rect).lines
        let header = try #require(lines.firstIndex { $0.contains("loss") })
        let more = try #require(lines.firstIndex { $0.contains("below") })
        let shown = more - header - 1
        #expect(shown > 0 && lines[more].contains("▼ \(8 - shown) below · PgUp PgDn scroll"))
    }

    @Test func aOneInputNetworkDrawsItsCurve() throws {
        let rect = Self.sides[1]
        let state = try Self.state(Self.line, epochs: 50, in: rect)
        let canvas = Self.render(state, rect)
        let plot = try #require(DataPane.parts(in: rect, inputs: 1).map), map = try #require(state.maps?.output)
        #expect(map.rows == 1 && map.columns == plot.width)
        func isBraille(_ character: Character) -> Bool { (0x2801 ... 0x28FF).contains(character.unicodeScalars.first!.value) }
        for column in 0 ..< plot.width {
            let value = map.value(column: column, row: 0)
            let y = plot.y + min(plot.height * 4 - 1, Int((1 - value) * Double(plot.height * 4))) / 4
            let character = canvas[plot.x + column, y].character
            #expect(isBraille(character) || "●○".contains(character), "column \(column): \(character)")
        }
        let samples = (plot.y ..< plot.y + plot.height).flatMap { y in (plot.x ..< plot.x + plot.width).map { canvas[$0, y] } }
        #expect(samples.filter { $0.character == "●" }.count == 8)
        #expect(canvas.lines[plot.y].hasPrefix("│  1.00") && canvas.lines[plot.y + plot.height - 1].hasPrefix("│  0.00"))
        #expect(canvas.lines[plot.y + plot.height].contains("−1.20") && canvas.lines[plot.y + plot.height].contains("1.20"))
        #expect(canvas.lines[plot.y + plot.height].contains(DataPane.axisLabel((map.x.lowerBound + map.x.upperBound) / 2)), "the centre's tick")
        #expect(canvas.lines[plot.y + plot.height + 1].contains("curve o1 over i1 →"))
        // Targets that are not class labels are marked at their values, with no side of a middle.
        let values = Recipe(layers: [1, 3, 1], data: .given(name: "wave", DataSet(training: (0 ..< 12).map {
            Sample(inputs: [Double($0) / 6 - 1], targets: [0.5 + 0.4 * sin(Double($0))])
        })))
        let wave = try Self.state(values, in: rect)
        let waveCanvas = Self.render(wave, rect)
        #expect(waveCanvas.text.contains("● a sample, at its target") && !waveCanvas.text.contains("t>0.5"))
        let ascii = Self.render(state, rect, glyphs: .ascii, colors: .none)
        #expect(ascii.cells.filter { $0.character == "." }.count >= plot.width)
    }

    @Test(arguments: [(Glyphs.unicode, ColorDepth.none), (.ascii, .none), (.ascii, .many)])
    func withoutColourMapsAreShaded(glyphs: Glyphs, colors: ColorDepth) throws {
        let rect = Self.sides[1]
        let state = try Self.state(Self.circle, epochs: 10, in: rect)
        let canvas = Self.render(state, rect, glyphs: glyphs, colors: colors)
        #expect(Self.heatCells(canvas).isEmpty)
        let shades = DataPane.shades(glyphs), maps = try #require(state.maps)
        let area = try #require(DataPane.parts(in: rect, inputs: 2).map)
        var shaded = 0
        for row in 0 ..< area.height {
            for column in 0 ..< area.width {
                let character = canvas[area.x + column, area.y + row].character
                guard shades.contains(character) else { continue }
                let mean = (maps.output.value(column: column, row: 2 * row) + maps.output.value(column: column, row: 2 * row + 1)) / 2
                #expect(character == shades[DataPane.shade(mean, in: -1 ... 1)])
                shaded += 1
            }
        }
        #expect(shaded >= 200)
        #expect(canvas.lines[area.y + area.height + 1].contains(String(shades)))
        if glyphs == .ascii { #expect(canvas.cells.allSatisfy { $0.character.isASCII }) }
        let low = canvas.cells.contains { $0.character == (glyphs == .ascii ? "*" : "●") && $0.style.role == .negative }
        #expect(low == (colors != .none), "without colour the low class is a cross, not a colour")
        let lowTest = canvas.cells.contains { $0.character == (glyphs == .ascii ? "=" : "◇") && $0.style.role == .negative }
        #expect(lowTest == (colors == .none), "without colour a low test sample is a diamond")
    }

    @Test func staleOrMissingMapsShowComputing() throws {
        let rect = Self.sides[0]
        var state = try Self.state(Self.circle, in: rect)
        state.maps = nil
        #expect(Self.render(state, rect).text.contains("computing the map…"))
        state.maps = Self.maps(for: state, in: Self.sides[1])
        let canvas = Self.render(state, rect)
        #expect(canvas.text.contains("computing the map…") && Self.heatCells(canvas).isEmpty)
    }

    @Test func severalOutputsNameTheShownOne() throws {
        let recipe = Recipe(layers: [2, 3, 2], outputActivation: .softmax, data: .builtIn(.gauss), samples: 40)
        let rect = Self.sides[0]
        var state = try Self.state(recipe, in: rect)
        state.shown = .output(1)
        #expect(Self.render(state, rect).text.contains("computing the map…"), "the map of o1 is not o2's")
        state.maps = Self.maps(for: state, in: rect)
        let canvas = Self.render(state, rect)
        #expect(canvas.lines[0].contains("Data · o2 · [ ] choose"))
        #expect(!canvas.text.contains("computing the map…") && Self.heatCells(canvas).count > 100)
    }

    /// Three inputs: the map of two, the third held at its mean and said so, every sample reached by scrolling.
    @Test func threeInputsMapTwoAndTheTableScrollsThroughEverySample() throws {
        let samples = (0 ..< 40).map { (k: Int) -> Sample in
            let x = Double(k), y = Double(k % 5), z = 2 + Double(k % 3)
            return Sample(inputs: [x, y, z], targets: [Double(k % 2)])
        }
        let recipe = Recipe(layers: [3, 2, 1], data: .given(name: "wide", DataSet(training: samples)))
        var state = try Self.state(recipe, in: Self.sides[1])
        let rect = Self.sides[1], held = state.trainer.data.inputMeans[2]
        #expect(held == samples.map { $0.inputs[2] }.reduce(0, +) / 40)
        var canvas = Self.render(state, rect)
        #expect(canvas.lines.last!.contains("i3 held at its mean · X Y choose the axes"))
        // The map's cells are the network's output with i3 at its mean.
        let maps = try #require(state.maps), area = try #require(DataPane.parts(for: state, in: rect).map)
        let centre = maps.output.centre(column: 3, row: 4)
        let out = ForwardPass(state.trainer.network, Sample(inputs: [centre.x, centre.y, held], targets: [0])).outputs[0]
        #expect(maps.output.value(column: 3, row: 4) == out && area.width == maps.output.columns)
        // The table lists from the first sample; PgDn pages on to the last.
        #expect(canvas.text.contains("below · PgUp PgDn scroll") && state.derived.samples?.total == 40)
        for _ in 0 ..< 10 { state.tableScroll = min(39, state.tableScroll + 10) }
        state.derived = Derived(state.trainer, classification: true, checking: false, tableFirst: state.tableScroll)
        canvas = Self.render(state, rect)
        let last = Format.short(samples[39].inputs[0])
        #expect(canvas.lines.contains { (line: String) in line.contains(" " + last + " ") }, "sample 40 in view:\n\(canvas.text)")
        #expect(canvas.text.contains("above · PgUp PgDn scroll") && !canvas.text.contains("below ·"))
    }

    @Test(arguments: sides)
    func noWordIsCutAtTheSideColumnsSizes(rect: Rect) throws {
        let wide = Recipe(layers: [3, 4, 2], data: .given(name: "wide", DataSet(training: (0 ..< 20).map {
            Sample(inputs: [Double($0) * 1.234567, -0.5, 1e-7], targets: [0.123456, 0.876544])
        })))
        let softmax = Recipe(layers: [2, 3, 2], outputActivation: .softmax, data: .builtIn(.spiral), samples: 200)
        var computing = try Self.state(Self.circle, in: rect)
        computing.maps = nil
        var states = [computing]
        for recipe in [Self.circle, Self.xor, Self.line, wide, softmax] {
            states.append(try Self.state(recipe, epochs: 2, in: rect))
        }
        for state in states {
            for (glyphs, colors) in [(Glyphs.unicode, ColorDepth.many), (.ascii, .none)] {
                let canvas = Self.render(state, rect, glyphs: glyphs, colors: colors)
                #expect(canvas.midWordCuts.isEmpty, "\(state.recipe.dataName) at \(rect.width)×\(rect.height): \(canvas.midWordCuts)")
                #expect(!canvas.cells.contains { $0.character.isControl })
            }
        }
    }
}

/// A large network's maps take longer than a frame: they are computed a slice per update,
/// with their progress shown and a tick asked for each next slice, and come out the same.
@Suite struct SlicedMapsTests {
    @Test func aLargeNetworksMapIsComputedASliceAtATime() throws {
        var state = AppState(trainer: try Recipe(layers: [2, 100, 100, 1], data: .builtIn(.xor)).trainer(),
                             recipe: Recipe(layers: [2, 100, 100, 1], data: .builtIn(.xor)))
        state.update(.resized(width: 120, height: 40))
        let effects = state.update(.toggleDataView)
        #expect(effects.contains(.tick(after: 0)) && state.maps == nil)
        let first = try #require(state.mapsDone)
        #expect(first > 0 && first < 0.5)
        #expect(state.screen(120, 40).contains("computing the map… \(Int(first * 100))%"))
        var slices = 1
        while state.mapsDone != nil, slices < 1_000 {
            state.update(.tick(seconds: 0.01))
            slices += 1
        }
        let maps = try #require(state.maps)
        #expect(slices > 2 && maps.isComplete)
        let whole = OutputMap(state.trainer.network, .neuron(layer: 3, index: 0), plane: state.mapPlane, columns: maps.output.columns,
                              rows: maps.output.rows, x: maps.output.x, y: maps.output.y)
        #expect(maps.output == whole)
        #expect(!state.screen(120, 40).contains("computing the map"))
        #expect(state.update(.tick(seconds: 0.01)).isEmpty, "no more slices once the maps are done")
    }
}

/// Many samples: the map marks an even spread of them and says so; the ranges are the data's.
@Suite struct ManySamplesTests {
    @Test func aLargeSetIsMarkedEveryKthAndTheNoteSaysSo() throws {
        let recipe = Recipe(layers: [2, 3, 1], data: .builtIn(.circle), samples: 12_000)
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.toggleDataView)
        let pane = DataPane(state: state)
        #expect(pane.markStride == 3 && pane.samples.count == 4_000)
        #expect(state.screen(120, 40).contains("the map marks every 3rd"))
        let all = state.trainer.data.training + state.trainer.data.test
        #expect(state.trainer.data.inputRange(1).upperBound == all.map { $0.inputs[1] }.max()! * 1.1 - all.map { $0.inputs[1] }.min()! * 0.1)
        #expect(Format.ordinal(1) == "1st" && Format.ordinal(12) == "12th" && Format.ordinal(2_502) == "2,502nd")
    }
}
