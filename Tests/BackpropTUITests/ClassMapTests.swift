@testable import BackpropTUI
import BackpropEngine
import Testing

/// A softmax network's data view: the class it picks over the plane, marks by class, the
/// confusion matrix.
@Suite struct ClassMapTests {
    /// Three clusters of 30 points, one-hot targets, 9 held out for testing.
    static var clusters: DataSet {
        var random = SplitMix64(seed: 7)
        let centres = [(-2.0, -1.0), (2.0, -1.0), (0.0, 2.0)]
        let samples = (0 ..< 90).map { i -> Sample in
            let k = i % 3, (x, y) = centres[k]
            let point = [x + Double.random(in: -1.2 ... 1.2, using: &random), y + Double.random(in: -1.2 ... 1.2, using: &random)]
            return Sample(inputs: point, targets: (0 ..< 3).map { $0 == k ? 1 : 0 })
        }
        return DataSet(training: Array(samples.dropFirst(9)), test: Array(samples.prefix(9)))
    }

    static func state(width: Int = 120, height: Int = 40, updates: Int = 400) -> AppState {
        let recipe = Recipe(layers: [2, 5, 3], outputActivation: .softmax, loss: .crossEntropy, data: .given(name: "clusters", clusters))
        var state = GoldenTests.trainedGeneral(recipe, updates, size: GoldenTests.Size(width: width, height: height))
        state.update(.toggleDataView)
        state.update(.tick(seconds: 0.01))
        return state
    }

    @Test func theMapIsTheClassTheNetworkPicksAtEveryCell() throws {
        let state = Self.state(), canvas = Screen.render(state, width: 120, height: 40)
        let layout = try #require(Layout(width: 120, height: 40, architecture: state.architecture, dataView: true))
        let parts = DataPane.parts(for: state, in: layout.data)
        let area = try #require(parts.map), map = try #require(state.maps?.output)
        #expect(state.shown == .predictedClass && map.mapped == .predictedClass)
        #expect(canvas.lines[layout.data.y].contains("Data · the class it picks · [ ] choose"))
        var regions = Set<Int>()
        for y in area.y ..< area.y + area.height {
            for x in area.x ..< area.x + area.width {
                guard let heat = canvas[x, y].style.heat, canvas[x, y].character == "▀" else { continue }
                for (half, paint) in [(0, heat.top), (1, heat.bottom)] {
                    let centre = map.centre(column: x - area.x, row: 2 * (y - area.y) + half)
                    let outputs = ForwardPass(state.trainer.network, Sample(inputs: [centre.x, centre.y], targets: [0, 0, 0])).outputs
                    let picked = outputs.indices.max { outputs[$0] < outputs[$1] }!
                    #expect(paint == .region(picked), "(\(x), \(y)) half \(half)")
                    regions.insert(picked)
                }
            }
        }
        #expect(regions == [0, 1, 2], "a trained network picks every class somewhere")
        // Every sample is marked by its target's class, test samples reversed.
        let marks = canvas.cells.filter { "123".contains($0.character) && $0.style.bold }
        #expect(marks.count > 40 && marks.contains { $0.style.reverse } == !state.hidesTestSamples)
        #expect(canvas.text.contains("picks ▀o1 ▀o2 ▀o3") && canvas.text.contains("1 2 3 the target's class"))
    }

    @Test func theConfusionMatrixCountsEverySampleByTargetAndPick() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            let state = Self.state(width: width, height: height)
            let lines = Screen.render(state, width: width, height: height).lines
            let title = try #require(lines.firstIndex { $0.contains("training · t↓ p→") }, "at \(width)×\(height)\n\(lines.joined(separator: "\n"))")
            var counts = [[Int]](repeating: [0, 0, 0], count: 3)
            for sample in state.trainer.data.training {
                let o = ForwardPass(state.trainer.network, sample).outputs
                counts[sample.targets.firstIndex(of: 1)!][o.indices.max { o[$0] < o[$1] }!] += 1
            }
            #expect(counts.joined().reduce(0, +) == 81 && counts[0][0] + counts[1][1] + counts[2][2] > 60)
            for k in 0 ..< 3 {
                let row = lines[title + 2 + k]
                let start = try #require(row.range(of: " o\(k + 1) ", options: .backwards))
                let fields = row[start.upperBound...].split(separator: " ").prefix(4).map(String.init)
                #expect(Array(fields.prefix(3)) == counts[k].map { String($0) }, "row o\(k + 1): \(row)")
                // One decimal where it fits, whole percents where that is what fits.
                let right = 100 * Double(counts[k][k]) / Double(counts[k].reduce(0, +))
                let shown = fields.dropFirst(3).first { $0.hasSuffix("%") }
                #expect(shown == nil && width == 80 || shown == String(format: "%.1f%%", right) || shown == String(format: "%.0f%%", right),
                        "the class's share right: \(row)")
            }
        }
    }

    @Test func bracketsStepFromTheClassesToEachOutputAndBack() {
        var state = Self.state()
        state.update(.nextOutput)
        #expect(state.shown == .output(0) && state.message == "data view: o1 of 3 outputs")
        state.update(.previousOutput)
        #expect(state.shown == .predictedClass && state.message == "data view: the class the network picks, its largest output")
        state.update(.previousOutput)
        #expect(state.shown == .output(2))
    }

    @Test func withoutColourEachClassHasItsOwnFill() throws {
        let state = Self.state()
        let canvas = Screen.render(state, width: 120, height: 40, colors: .none)
        let fills = Set((0 ..< 3).map { DataPane.classFill($0, .unicode) })
        #expect(fills.count == 3)
        for fill in fills { #expect(canvas.cells.filter { $0.character == fill }.count > 20, "\(fill)") }
        #expect(!canvas.cells.contains { $0.style.heat != nil })
    }
}

/// A regression's data view: values, not classes.
@Suite struct RegressionMapTests {
    @Test func marksTakeTheirTargetsColourOnTheMapsScale() throws {
        var state = GoldenTests.regression()
        state.update(.toggleTestSamples)
        state.update(.tick(seconds: 0.01))
        let canvas = Screen.render(state, width: 80, height: 24)
        let layout = try #require(Layout(width: 80, height: 24, architecture: state.architecture, dataView: true))
        let area = try #require(DataPane.parts(for: state, in: layout.data).map), map = try #require(state.maps?.output)
        let data = state.trainer.data
        let range = DataPane.valueRange(.linear, values: map.values + data.all.map { $0.targets[0] })
        // The last sample drawn in a cell is its mark; the map's level under it is at its own half.
        var expected: [Int: Paint] = [:]
        for sample in data.all {
            let column = Int((sample.inputs[0] - map.x.lowerBound) / (map.x.upperBound - map.x.lowerBound) * Double(map.columns))
            let row = Int((map.y.upperBound - sample.inputs[1]) / (map.y.upperBound - map.y.lowerBound) * Double(map.rows))
            guard column >= 0, column < map.columns, row >= 0, row < map.rows else { continue }
            expected[(area.y + row / 2) * 80 + area.x + column] = .heat(DataPane.level(map.value(column: column, row: row), in: range))
        }
        var checked = 0
        for (index, paint) in expected {
            let cell = canvas[index % 80, index / 80]
            #expect(cell.character == "●" || cell.character == "○")
            #expect(cell.style.heat?.bottom == paint && cell.style.heat?.top.palette == .heat)
            checked += 1
        }
        #expect(checked > 200)
        let text = canvas.text
        #expect(text.contains("● target's colour · ○ test") && !text.contains("t>0") && !text.contains("acc"))
        // Without colour, no side of a middle: every sample the same mark.
        let plain = Screen.render(state, width: 80, height: 24, colors: .none).text
        #expect(plain.contains("● sample · ○ test") && !plain.contains("×") && !plain.contains("◇"))
    }
}

/// Marks that stay readable on their own region at every colour depth.
@Suite struct MarkContrastTests {
    @Test func eightColoursDrawMarksInContrastToldByTheirCharacter() throws {
        let recipe = Recipe(layers: [2, 4, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle), samples: 200)
        var state = GoldenTests.trainedGeneral(recipe, 2000, size: .large)
        state.update(.toggleDataView)
        state.update(.tick(seconds: 0.01))
        let eight = Screen.render(state, width: 120, height: 40, colors: .eight)
        let marks = eight.cells.filter { "●×○◇".contains($0.character) && $0.style.heat != nil }
        #expect(marks.count > 100 && marks.allSatisfy { $0.style.heat?.top == .contrast })
        #expect(marks.contains { $0.character == "●" } && marks.contains { $0.character == "×" }, "the class in the character")
        // With 256 colours the class is in the mark's colour, on the cell's.
        let many = Screen.render(state, width: 120, height: 40, colors: .many)
        #expect(!many.cells.contains { $0.character == "×" })
        #expect(many.cells.filter { "●○".contains($0.character) && $0.style.ground != nil }.count > 100)
        let classes = ClassMapTests.state()
        let classMarks = Screen.render(classes, width: 120, height: 40, colors: .eight).cells.filter { "123".contains($0.character) && $0.style.heat != nil }
        #expect(classMarks.count > 40 && classMarks.allSatisfy { $0.style.heat?.top == .contrast })
    }
}

/// Many classes: the map keeps its size, and what does not fit is said.
@Suite struct ManyClassesTests {
    static func state(classes: Int) -> AppState {
        let recipe = Recipe(layers: [2, 8, classes], outputActivation: .softmax, loss: .crossEntropy, data: .builtIn(.clusters))
        var state = GoldenTests.trainedGeneral(recipe, 50, size: .large)
        state.update(.toggleDataView)
        state.update(.tick(seconds: 0.01))
        return state
    }

    @Test func aMatrixTooLargeIsSaidAndTheMapKeepsItsSize() throws {
        let state = Self.state(classes: 12)
        let layout = try #require(Layout(width: 120, height: 40, architecture: state.architecture, dataView: true))
        let parts = DataPane.parts(for: state, in: layout.data), plain = DataPane.parts(in: layout.data, inputs: 2, table: .scrolled)
        #expect(parts.map == plain.map && parts.neuron != nil, "neither the map nor the neuron's map gives way for nothing")
        let text = Screen.render(state, width: 120, height: 40).text
        #expect(text.contains("the confusion matrix") && text.contains("needs 52×14 cells") && !text.contains("training · t↓ p→"))
    }

    @Test func theLegendNamesTheClassesThatFitThenAnEllipsis() throws {
        let state = Self.state(classes: 40)
        let line = try #require(Screen.render(state, width: 120, height: 40).lines.first { $0.contains("picks ▀o1 ▀o2") })
        #expect(line.contains("▀o13 … ") || line.contains(" …"), "\(line)")
        #expect(!line.contains("▀ │") && !line.contains("▀│"), "no colour without its name: \(line)")
        // The table makes only the columns it shows: 40 targets and 41 outputs and the loss do not fit 64 columns.
        let row = try #require(Screen.render(state, width: 120, height: 40).lines.first { $0.contains(" t1 t2 t3") })
        #expect(row.contains("…"))
    }

    /// The legend's second line left the table a row fewer than counted: the last sample was never shown.
    @Test func pagingReachesTheLastSampleWhateverTheLegendTakes() {
        var state = Self.state(classes: 12)
        for _ in 0 ..< 100 { state.update(.pageDown) }
        let text = Screen.render(state, width: 120, height: 40).text
        #expect(text.contains("above · PgUp PgDn scroll") && !text.contains("below · PgUp"), "\(text)")
        state.update(.pageUp)
        #expect(Screen.render(state, width: 120, height: 40).text.contains("below · PgUp"), "PgUp moves at once from the end")
    }

    @Test func xWithThreeInputsNamesTheOneHeld() {
        let samples = (0 ..< 6).map { Sample(inputs: [Double($0), 1, 2], targets: [Double($0 % 2)]) }
        let recipe = Recipe(layers: [3, 2, 1], data: .given(name: "three", DataSet(training: samples)))
        var state = AppState(trainer: try! recipe.trainer(), recipe: recipe)
        state.update(.nextMapX)
        #expect(state.message == "the map: i3 across, i2 up, i1 held at its mean")
        var withFeatures = Recipe(layers: [3, 2, 1], data: .builtIn(.circle))
        withFeatures.features = [.x1, .x2, .x1Squared]
        var featured = AppState(trainer: try! withFeatures.trainer(), recipe: withFeatures)
        featured.update(.nextMapX)
        #expect(featured.message == "the map's axes are the samples' 2 inputs; X and Y choose among 3 or more")
    }
}
