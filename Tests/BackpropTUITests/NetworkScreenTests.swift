import BackpropEngine
@testable import BackpropTUI
import Foundation
import PostOracle
import Testing

/// The screen of any network as text: the diagram names every neuron without overlaps, the
/// weights list scrolls to its selection, explain writes any weight's chain rule, and the
/// `:` command line changes the run or says why not.
@Suite struct NetworkScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    static func state(_ recipe: Recipe) -> AppState {
        var state = AppState(trainer: try! recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 80, height: 24))
        return state
    }

    /// Shared fixed biases in published order, so that both orders' gradients differ.
    static let xor = Recipe(layers: [2, 5, 1], bias: .shared, data: .builtIn(.xor), order: .published, trainBiases: false)
    static let circle = Recipe(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron, data: .builtIn(.circle),
                               learningRate: 0.03, trainBiases: true, batch: 10)
    static let deep = Recipe(layers: [2, 8, 8, 8, 8, 8, 8, 1], activation: .tanh, outputActivation: .tanh, bias: .shared, data: .builtIn(.circle),
                             learningRate: 0.03, batch: 10)

    /// The diagram's rows: between the top border and the first pane below it.
    static func diagramRows(_ canvas: Canvas, _ state: AppState) -> [String] {
        let layout = Layout(width: canvas.width, height: canvas.height, architecture: state.architecture)!
        return Array(canvas.lines[(layout.diagram.y + 1) ..< (layout.diagram.y + layout.diagram.height - 1)])
    }

    @Test(arguments: [xor, circle, deep], sizes)
    func theDiagramNamesEveryNeuronOnceAndNothingIsCut(recipe: Recipe, size: (Int, Int)) {
        let state = Self.state(recipe)
        let canvas = Screen.render(state, width: size.0, height: size.1)
        let rows = Self.diagramRows(canvas, state).joined(separator: "\n")
        let a = state.architecture
        for l in a.layers.indices {
            for j in 0 ..< a.layers[l] {
                let name = a.neuronName(layer: l, neuron: j)
                // Bounded by a non-name character on both sides: a label overwritten by an
                // edge or another label would not match.
                let pattern = try! Regex("(^|[^a-z0-9.])" + name.replacingOccurrences(of: ".", with: "\\.") + "($|[^0-9.])")
                // A table of every weight names the neurons on its rows too (w1 i1→h1).
                let table = Layout(width: size.0, height: size.1, architecture: a)?.table == true
                let count = rows.matches(of: pattern).count
                #expect(table ? count >= 1 : count == 1, "\(name) in \(recipe.layers) at \(size)\n\(rows)")
            }
        }
        #expect(canvas.midWordCuts.isEmpty, "\(canvas.midWordCuts)")
        #expect(!canvas.text.contains("needs 80×24"))
    }

    /// A network deeper than the width shows a window of its layers around the selection, with
    /// markers for the rest, and draws nothing outside its pane (27 layers of 2-1-…-1 drew over
    /// the panes beside it; 1,000 covered the screen).
    @Test(arguments: [27, 1_000], sizes)
    func aDeepNetworkShowsAWindowOfLayersInsideItsPane(depth: Int, size: (Int, Int)) throws {
        let recipe = Recipe(layers: [2] + Array(repeating: 1, count: depth - 1), data: .builtIn(.xor))
        var state = Self.state(recipe)
        state.update(.resized(width: size.0, height: size.1))
        let layout = try #require(Layout(width: size.0, height: size.1, architecture: state.architecture))
        let sentinel = Cell(character: "#", style: .plain)
        var canvas = Canvas(width: size.0, height: size.1)
        canvas.fill(Rect(x: 0, y: 0, width: size.0, height: size.1), with: "#")
        DiagramPane(state: state).render(into: &canvas, layout.diagram)
        for y in 0 ..< size.1 {
            for x in 0 ..< size.0 where !layout.diagram.contains(x: x, y: y) {
                #expect(canvas[x, y] == sentinel, "drawn at \(x),\(y) outside the diagram")
            }
        }
        let rows = Self.diagramRows(canvas, state).joined(separator: "\n")
        #expect(rows.contains("◂+") && rows.contains("o1"), "the selected output weight's layer is shown\n\(rows)")
        #expect(!rows.contains("+0"))
    }

    /// A click that selects a neuron of the layers shown leaves the picture where it is (it
    /// scrolled two layers, so a double-click's second click explained another neuron), and a
    /// walk shows the layer its sub-step writes.
    @Test func aDeepDiagramStaysPutWithinItsPageAndFollowsTheWalk() throws {
        var state = Self.state(Recipe(layers: [2] + Array(repeating: 1, count: 25), data: .builtIn(.xor)))
        state.update(.resized(width: 120, height: 40))
        let layout = try #require(Layout(width: 120, height: 40, architecture: state.architecture))
        func shown(_ state: AppState) -> [Neuron] { DiagramGeometry(state, area: layout.diagram.inner).nodes.map(\.neuron) }
        state.focus = .neurons
        state.neuron = Neuron(layer: 20, index: 0)
        let page = shown(state)
        let layers = page.map(\.layer)
        #expect(layers.contains(20) && layers.count < 26)
        for layer in layers {
            state.neuron = Neuron(layer: layer, index: 0)
            #expect(shown(state) == page, "selecting layer \(layer) moved the picture")
        }
        var walking = Self.state(Recipe(layers: [2] + Array(repeating: 1, count: 60), data: .builtIn(.xor)))
        walking.update(.resized(width: 120, height: 40))
        walking.update(.walkNext)
        let written = try #require(walking.walk?.current.writes.first)
        guard case .neuron(let neuron) = written else { Issue.record("the first sub-step writes \(written)"); return }
        let area = try #require(Layout(width: 120, height: 40, architecture: walking.architecture)).diagram.inner
        #expect(DiagramGeometry(walking, area: area).nodes.contains { $0.neuron == neuron }, "the walk's neuron is shown")
    }

    /// A loaded run near 2^53 trained past it (a saved run could then not be read back), and
    /// go-to took a pre-filled 16-digit target.
    @Test func noRunCountsPast2To53() throws {
        let recipe = Recipe(layers: [2, 3, 1], data: .builtIn(.xor))
        let fresh = try recipe.trainer()
        let last = RunConfig.largestCount
        let trainer = Trainer(fresh.network, data: fresh.data, settings: fresh.settings, iteration: last - 2, epoch: last / 4 - 1, position: 2)
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        for _ in 0 ..< 4 { state.update(.step) }
        #expect(state.trainer.iteration == last && state.trainer.isAtLastCount)
        #expect(state.message?.hasPrefix("iteration 9,007,199,254,740,992 (2^53) is the last bptui trains to") == true, "\(state.message ?? "")")
        state.update(.toggleRun)
        state.update(.tick(seconds: 0.05))
        #expect(!state.running && state.trainer.iteration == last)
        state.update(.openGoTo)
        state.update(.promptSubmit)
        #expect(state.prompt?.error?.hasPrefix("at most 1,000,000,000") == true, "\(state.prompt?.error ?? "")")
    }

    @Test func theFirstOutputWeightIsSelectedAndTheListScrollsToTheLast() {
        var state = Self.state(Self.xor)
        #expect(state.parameter == .weight(10), "w11 is 2-5-1's first output weight")
        var canvas = Screen.render(state, width: 80, height: 24)
        #expect(canvas.text.contains("▸w11"))
        for _ in 0 ..< 4 { state.update(.selectNext) }
        canvas = Screen.render(state, width: 80, height: 24)
        let row = canvas.lines.first { $0.contains("▸w15") }
        let w15 = state.trainer.network.weights[14], gradient = state.derived.next.weightGradient[14]
        #expect(row?.contains(Format.fit(w15, width: 12)) == true && row?.contains(Format.number(w15)) == true, "9 decimals: \(canvas.text)")
        #expect(row?.contains(Format.fit(gradient, width: 12)) == true)
        var deep = Self.state(Self.deep)
        for _ in 0 ..< 40 { deep.update(.selectPrevious) }
        canvas = Screen.render(deep, width: 80, height: 24)
        #expect(deep.parameter == .weight(297), "40 rows above w337: w298 (b6 between)")
        #expect(canvas.text.contains("▸w298"))
        #expect(canvas.text.contains("above") && canvas.text.contains("below"), "rows out of view are counted")
    }

    @Test func explainWritesAHiddenWeightsChainWithEveryTerm() {
        var state = Self.state(Self.xor)
        state.update(.step)
        for _ in 0 ..< 10 { state.update(.selectPrevious) }
        #expect(state.parameter == .weight(1), "w2, above w3…w10 and b1")
        state.update(.toggleExplain)
        let text = Screen.render(state, width: 120, height: 40).text
        let step = state.derived.next
        #expect(step.forwards[0].outs[0] == [0, 1], "the second sample of xor comes next")
        let lines = text.split(separator: "\n").map(String.init)
        func row(_ label: String) -> String { lines.first { $0.contains(label) } ?? "" }
        let other = try! #require(state.derived.otherOrder, "explain is open")
        #expect(other.weightGradient[1] != step.weightGradient[1])
        #expect(text.contains("∂E_total/∂w2 = ∂E_total/∂out_h1 · ∂out_h1/∂net_h1 · ∂net_h1/∂w2"))
        #expect(row("◂ marks this run's order").contains("published ◂") && row("◂ marks").contains("textbook"))
        #expect(row("w11 used (published: w⁺, textbook: original)").contains(Format.number(step.after.weights[10])))
        #expect(row("∂E_o1/∂out_h1 = δ_o1 · w11").contains(Format.number(step.term(sample: 0, layer: 1, neuron: 0, via: 0))))
        #expect(row("∂out_h1/∂net_h1 = out_h1(1 − out_h1)").contains(Format.number(step.deltas[0][1][0] / step.dE_dout(sample: 0, layer: 1, neuron: 0))))
        #expect(row("∂net_h1/∂w2 = i2").contains("1.000000000"))
        let product = row("∂E_total/∂w2 = product of the three")
        #expect(product.contains(Format.number(step.weightGradient[1])) && product.contains(Format.number(other.weightGradient[1])),
                "both orders side by side: \(product)")
        #expect(row("w2⁺ = w2 − η·∂E_total/∂w2").contains(Format.number(step.after.weights[1])))
    }

    @Test func explainOnANeuronWritesItsForwardPass() {
        var state = Self.state(Recipe(layers: [2, 2, 2], data: .builtIn(.post)))
        state.update(.switchFocus)
        for _ in 0 ..< 2 { state.update(.selectPrevious) }
        #expect(state.neuron == Neuron(layer: 1, index: 0))
        state.update(.toggleExplain)
        let text = Screen.render(state, width: 120, height: 40).text
        #expect(text.contains("net_h1 = Σ w·out + b = w1·out_i1 + w2·out_i2 + b1·1"))
        #expect(text.contains("= 0.15·0.050000000 + 0.2·0.100000000 + 0.35·1 = 0.377500000"), "the post's net_h1")
        #expect(text.contains("out_h1 = 1/(1 + e^(−net_h1)) = 0.593269992"), "the post's out_h1")
    }

    @Test func theCommandLineChangesTheNetworkOrSaysWhyNot() {
        var state = Self.state(Self.xor)
        state.update(.openCommandLine)
        for character in "lay" { state.update(.promptInsert(String(character))) }
        state.update(.promptNextTarget)
        #expect(state.prompt?.text == "layers ")
        for character in "2,3,1" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        #expect(state.architecture.layers == [2, 3, 1] && state.prompt == nil)
        var canvas = Screen.render(state, width: 80, height: 24)
        #expect(canvas.text.contains("layers 2,3,1 — 2-3-1 on xor, training starts over at iteration 0"))
        #expect(canvas.text.contains("h3") && !canvas.text.contains("h4"))

        state.update(.openCommandLine)
        for character in "data circle3" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        canvas = Screen.render(state, width: 80, height: 24)
        #expect(canvas.text.contains("data circle3: not a built-in set"), "\(canvas.lines[22])")
        #expect(state.recipe.data == .builtIn(.xor), "nothing changed")

        state.update(.close)
        state.update(.step)
        state.update(.openCommandLine)
        for character in "learning-rate 2" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        #expect(state.trainer.settings.learningRate == 2 && state.trainer.iteration == 1, "η changes without starting over")

        state.update(.openCommandLine)
        state.update(.promptRecall(-1))
        #expect(state.prompt?.text == "learning-rate 2")
        state.update(.promptRecall(-1))
        #expect(state.prompt?.text == "layers 2,3,1")
    }

    @Test func theCheckpointsKeySaysWhyNotOnAnotherNetwork() {
        var state = Self.state(Self.xor)
        state.update(Command.from(.character("t"), in: state)!)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("t: the post's figures are for the post's own network"))
        #expect(state.overlay == nil)
        var post = AppState.post
        post.update(Command.from(.character("t"), in: post)!)
        #expect(post.overlay == .checkpoints && post.screen(120, 40).contains("24 of 32 agree to the printed digits in published order"))
    }

    static func finishJob(_ state: inout AppState) {
        var ticks = 0
        while state.job != nil, ticks < 10_000 {
            state.update(.tick(seconds: 0.01))
            ticks += 1
        }
    }

    @Test func goToBackAndAnEditReplayExactly() {
        var state = Self.state(Self.circle)
        state.update(.openGoTo)
        for character in "50" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        Self.finishJob(&state)
        #expect(state.trainer.iteration == 50)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("went to iteration 50"))
        var reference = try! Self.circle.trainer()
        reference.train(updates: 50)
        #expect(state.trainer.network == reference.network)

        state.update(.openEdit)
        #expect(state.prompt?.kind == .set(.weight(16)), "the selected weight: 2-4-2-1's first output weight")
        state.update(.promptClear)
        for character in "0.5" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("w17 set to 0.5 at iteration 50"))
        state.update(.stepBack)
        Self.finishJob(&state)
        #expect(state.trainer.iteration == 49)
        var back = try! Self.circle.trainer()
        back.train(updates: 49)
        #expect(state.trainer.network == back.network, "replayed from the start, bit for bit")
        for _ in 0 ..< 11 { state.update(.step) }
        reference.edit(.weight(16), to: 0.5)
        reference.train(updates: 10)
        #expect(state.trainer.iteration == 60 && state.trainer.network == reference.network, "the edit replays when passed")

        state.update(.openEdit)
        state.update(.promptNextTarget)
        #expect(state.prompt?.kind == .set(.learningRate))
        state.update(.promptClear)
        for character in "-1" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        #expect(state.prompt?.error == "η must be above 0" && state.trainer.settings.learningRate == 0.03)
    }

    @Test func theGradientCheckAgreesForEveryParameterOnScreen() {
        var state = Self.state(Self.circle)
        state.update(.toggleGradientCheck)
        let check = try! #require(state.derived.gradientCheck)
        #expect(check.rows.count == 18 + 7 && check.rows.allSatisfy(\.passes))
        let text = Screen.render(state, width: 120, height: 40).text
        #expect(text.contains("25 of 25 gradients agree"))
        #expect(text.contains("▸w17  ✓"), "the selected weight's row")
        state.update(.toggleGradientCheck)
        #expect(state.derived.gradientCheck == nil, "computed only while open")
    }

    @Test func anExportHoldsEveryEpochAndAConfigThatContinuesTheRun() throws {
        var state = Self.state(Self.circle)
        for _ in 0 ..< 60 { state.update(.step) }
        let effects = state.update(.export)
        guard case .write(let export)? = effects.first else { Issue.record("no export effect: \(effects)"); return }
        let lines = export.csv.split(separator: "\n")
        #expect(lines.first == "epoch,error,test_error" && lines.count == 1 + 3, "epochs 0, 1, 2 of 25 updates")
        #expect(lines[2] == "1,\(state.trainer.trainingError.exact[1]),\(state.trainer.testError!.exact[1])")
        let config = try RunConfig.decode(Data(try #require(export.json).utf8))
        #expect(config.iteration == 60 && config.weights == state.trainer.network.weights)
        state.update(.exported(.success(ExportWritten(paths: ["/d/bptui-1-history.csv", "/d/bptui-1-network.json"]))))
        #expect(Screen.render(state, width: 80, height: 24).text.contains("exported bptui-1-{history.csv,network.json}"))
    }

    @Test(arguments: sizes)
    func helpListsEveryKeyOfThisScreen(size: (Int, Int)) {
        var state = Self.state(Self.xor)
        state.update(.toggleHelp)
        let text = Screen.render(state, width: size.0, height: size.1).text
        for binding in KeyTable.bindings {
            #expect(text.contains(" " + binding.names + " ") && text.contains(binding.action), "help lacks \(binding.names)\n\(text)")
        }
    }

    /// Where `text` is on the canvas, from the top.
    static func position(of text: String, in canvas: Canvas, below top: Int = 0) -> (x: Int, y: Int)? {
        for (y, line) in canvas.lines.enumerated() where y >= top {
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    @Test func clicksSelectNeuronsEdgesAndRowsAndADoubleClickExplains() throws {
        var state = Self.state(Self.xor)
        var canvas = Screen.render(state, width: 80, height: 24)
        #expect(canvas.text.contains(" w11: h1 → o1 = "), "the selected weight in the diagram's border")
        let h3 = try #require(Self.position(of: "h3 ", in: canvas))
        state.update(.click(x: h3.x + 1, y: h3.y, double: false))
        #expect(state.focus == .neurons && state.neuron == Neuron(layer: 1, index: 2))
        canvas = Screen.render(state, width: 80, height: 24)
        #expect(canvas.text.contains(" h3: out_h3 = "))

        let w13 = try #require(Self.position(of: "w13", in: canvas, below: 7))
        state.update(.click(x: w13.x, y: w13.y, double: true))
        #expect(state.focus == .parameters && state.parameter == .weight(12) && state.overlay == .explain)
        state.update(.close)

        // An edge cell: a braille dot between the hidden and the output column.
        let o1 = try #require(Self.position(of: "o1 ", in: canvas))
        let edgeX = o1.x - 3
        let column = canvas.lines[o1.y].map { $0 }
        #expect(column[edgeX].unicodeScalars.first!.value >= 0x2800 && column[edgeX].unicodeScalars.first!.value < 0x2900)
        state.update(.click(x: edgeX, y: o1.y, double: false))
        guard case .weight(let index) = state.parameter else { Issue.record("no weight selected"); return }
        #expect(state.architecture.weightEnds(index).layer == 2, "an output weight: \(index + 1)")
        state.update(.click(x: 79, y: 23, double: false))
        #expect(state.parameter == .weight(index), "a click on nothing changes nothing")
    }

    @Test func aTallLayerShowsTheSelectedNeuronAndCountsWhatIsOutOfView() {
        var state = Self.state(Recipe(layers: [2, 64, 1], data: .builtIn(.circle)))
        state.update(.switchFocus)
        #expect(state.neuron == Neuron(layer: 2, index: 0), "Tab goes to the neuron the selected weight feeds")
        for _ in 0 ..< 33 { state.update(.selectPrevious) }
        #expect(state.neuron == Neuron(layer: 1, index: 31))
        let rows = Self.diagramRows(Screen.render(state, width: 80, height: 24), state).joined(separator: "\n")
        #expect(rows.contains("h32 "), "\(rows)")
        #expect(rows.contains("↑+") && rows.contains("↓+"), "rows above and below counted")
    }

    @Test func theStatusShowsTheErrorOfTheNetworkNowMidEpoch() {
        var state = Self.state(Self.xor)
        state.update(.step)
        state.update(.step)
        let now = Trainer.meanLoss(state.trainer.network, state.trainer.data.training)
        #expect(state.trainer.epoch == 0 && state.derived.error == now && now != state.trainer.trainingError.latest)
        #expect(Screen.render(state, width: 120, height: 40).text.contains("training E now " + Format.number(now)))
    }

    @Test func theCommandLineRefusesWhatWouldDoNothing() {
        var state = Self.state(Self.xor)
        for (line, reason) in [("samples 3", "samples is for the generated sets (circle, gauss, spiral, quadrants and clusters), not xor"),
                               ("batch 100000", "batch 100000 is more than the 4 training samples; batch all takes them all"),
                               ("layers 2", "layers needs at least an input and an output size: 2,3,1"),
                               ("layers 3,2,1", "data xor has 2 inputs; layers must start with 2")] {
            state.update(.openCommandLine)
            for character in line { state.update(.promptInsert(String(character))) }
            state.update(.promptSubmit)
            #expect(state.prompt?.error == reason, "\(line)")
            state.update(.close)
        }
        #expect(state.architecture.layers == [2, 5, 1] && state.trainer.settings.batch == 1, "nothing changed")
    }

    @Test func aOneSampleRunHasItsInputsAndTargetsSetLikeThePostsScreen() {
        let recipe = Recipe(layers: [2, 2, 2], data: .builtIn(.post))
        var state = Self.state(recipe)
        for _ in 0 ..< 3 { state.update(.step) }
        state.update(.openEdit)
        state.update(.promptNextTarget)
        #expect(state.prompt?.kind == .set(.input(0)) && state.prompt?.text == "0.05")
        state.update(.promptClear)
        for character in "0.2" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        for _ in 0 ..< 5 { state.update(.step) }
        var post = PostTrainer()
        post.train(3)
        post.edit(.i1, to: 0.2)
        post.train(5)
        #expect(state.trainer.network == Network(post.network), "bit for bit with the post's engine")
        state.update(.stepBack)
        Self.finishJob(&state)
        state.update(.step)
        #expect(state.trainer.network == Network(post.network), "the edit replays after going back")
        var xor = Self.state(Self.xor)
        xor.update(.openEdit)
        xor.update(.promptNextTarget)
        #expect(xor.prompt?.kind == .set(.learningRate), "a data set's samples are not edited here")
    }

    @Test func theDataViewsTableScrolls() throws {
        let samples = (0 ..< 30).map { Sample(inputs: [Double($0) / 10, 1], targets: [Double($0 % 2)]) }
        let recipe = Recipe(layers: [2, 3, 1], data: .given(name: "thirty", DataSet(training: samples)))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 80, height: 24))
        state.update(.toggleDataView)
        var text = Screen.render(state, width: 80, height: 24).text
        #expect(text.contains("below · PgUp PgDn scroll") && !text.contains("above ·"))
        // A page is the rows in view less one: the last row of a page is the first of the next.
        let layout = try #require(Layout(width: 80, height: 24, architecture: state.architecture, dataView: true))
        let rows = DataPane.tableRows(for: state, in: layout.data), page = rows - 1
        #expect(rows >= 3 && text.contains("● \(Format.short(Double(page) / 10))  1  \(page % 2)"))
        state.update(.pageDown)
        #expect(state.tableScroll == page)
        text = Screen.render(state, width: 80, height: 24).text
        #expect(text.contains("▲ \(page) above") && text.contains("● \(Format.short(Double(page) / 10))  1  \(page % 2)"),
                "sample \(page + 1) again at the top:\n\(text)")
        for _ in 0 ..< 20 { state.update(.pageDown) }
        #expect(state.tableScroll == 29 && Screen.render(state, width: 80, height: 24).text.contains("● 2.9  1  1"), "the last sample")
    }

    @Test func aChangeOnThePostsNetworkChangesItInPlace() {
        var state = AppState.post
        state.update(.resized(width: 80, height: 24))
        state.update(.openCommandLine)
        state = type("layers 2,3,1", on: state)
        state.update(.promptSubmit)
        #expect(state.prompt?.error?.hasPrefix("data post: the post's data has 2 targets") == true, "\(String(describing: state.prompt?.error))")
        state.update(.promptClear)
        state = type("layers 2,3,1 data xor", on: state)
        state.update(.promptSubmit)
        #expect(state.architecture.layers == [2, 3, 1] && state.recipe.dataName == "xor" && state.trainer.iteration == 0)
        let text = state.screen()
        #expect(text.contains("Network 2-3-1") && text.contains("layers 2,3,1, data xor — 2-3-1 on xor, training starts over"), "\(text)")
        #expect(state.trainer.settings.order == .textbook && state.trainer.settings.trainBiases, "a learner's defaults off the post's problem")
    }

    @Test func anEditShowsTheErrorOfTheEditedNetworkAtOnce() {
        var state = Self.state(Self.xor)
        state.update(.openEdit)
        state.update(.promptClear)
        state.update(.promptInsert("5"))
        state.update(.promptSubmit)
        let now = Trainer.meanLoss(state.trainer.network, state.trainer.data.training)
        #expect(state.derived.error == now && now == state.trainer.trainingError.latest, "at an epoch's end the epoch records the edited network's error")
        #expect(Screen.render(state, width: 120, height: 40).text.contains("training E now " + Format.number(now)))
    }

    @Test func thePostsOwnOptionsChangeItInPlace() {
        var state = AppState.post
        state.update(.openCommandLine)
        state = type("order textbook", on: state)
        state.update(.promptSubmit)
        state.update(.openCommandLine)
        state = type("learning-rate 0.25", on: state)
        state.update(.promptSubmit)
        #expect(state.trainer.settings.order == .textbook && state.trainer.settings.learningRate == 0.25 && state.trainer.iteration == 0)
        #expect(state.screen().contains("bptui · A Step by Step Backpropagation Example"), "still the post's picture")
    }

    @Test func theDiagramsTitleNamesTheConfigFile() throws {
        let state = AppState(trainer: try Self.xor.trainer(), recipe: Self.xor, configName: "run.json")
        #expect(Screen.render(state, width: 120, height: 40).lines[0].contains("Network 2-5-1 · run.json · logistic/logistic"))
    }

    @Test func aThreeInputDataViewAt80ColumnsMapsTwoAndListsEverySample() throws {
        let samples = (0 ..< 4).map { Sample(inputs: [0.1 * Double($0), 0.2, 0.3], targets: (0 ..< 3).map { $0 == 1 ? 1 : 0 }) }
        let recipe = Recipe(layers: [3, 5, 3], outputActivation: .softmax, loss: .crossEntropy, data: .given(name: "three", DataSet(training: samples)))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 80, height: 24))
        state.update(.toggleDataView)
        state.update(.tick(seconds: 0.01))
        let lines = Screen.render(state, width: 80, height: 24).lines
        #expect(lines.contains { $0.contains("i3 held at its mean · X Y choose") })
        #expect(lines.contains { $0.contains("picks ▀o1 ▀o2 ▀o3") })
        for k in 0 ..< 4 {
            #expect(lines.contains { $0.contains("2 \(k == 0 ? "  0" : "0.\(k)") 0.2 0.3  0  1  0 ") }, "sample \(k + 1)")
        }
    }

    @Test func aLongRunsExportIsAJobWithProgress() {
        var state = Self.state(Self.xor)
        var trainer = state.trainer
        trainer.train(epochs: 30_000)
        state = AppState(trainer: trainer, recipe: Self.xor)
        state.update(.resized(width: 80, height: 24))
        let first = state.update(.export)
        let slice = state.firstSlice
        #expect(first == [.tick(after: 0)] && state.job?.name == "export" && state.job?.done == slice)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("export \(Format.count(slice))/30,001"))
        var effects: [Effect] = []
        while state.job != nil { effects = state.update(.tick(seconds: 0.01)) }
        guard case .write(let export)? = effects.first else { Issue.record("no export written: \(effects)"); return }
        #expect(export.csv.split(separator: "\n").count == 1 + 30_001)
        #expect(export == Export(state.trainer), "the same files as built at once")
    }

    @Test func tabCompletesTheLastWordOfALineOfSeveralOptions() {
        #expect(RecipeOption.complete("layers 2,3,1 d") == "layers 2,3,1 data ")
        #expect(RecipeOption.complete("seed 3 data sp") == "seed 3 data spiral")
        #expect(RecipeOption.complete("lay") == "layers ")
        #expect(RecipeOption.candidates(for: "seed 3 data ").contains("xor"))
    }

    @Test func leavingThePostsProblemTakesALearnersDefaults() throws {
        var recipe = Recipe.post
        #expect(recipe.bias == .shared && !recipe.trainBiases && recipe.order == .published)
        _ = try RecipeOption.apply("layers 2,3,1 data xor", to: &recipe)
        #expect(recipe.bias == .perNeuron && recipe.trainBiases && recipe.order == .textbook)
        var kept = Recipe.post
        _ = try RecipeOption.apply("data xor layers 2,3,1 order published", to: &kept)
        #expect(kept.order == .published && kept.bias == .perNeuron, "what the line names stays as named")
    }

    /// §4 of the one-program issue: each of these failed before.
    @Test func resetForgetsEditedInputsAndLearningRate() throws {
        var state = Self.state(Recipe(layers: [2, 2, 2], data: .builtIn(.post)))
        let fresh = state.trainer
        state.update(.step)
        state.update(.openEdit)
        state.update(.promptNextTarget)  // i1
        state.update(.promptInsert("0.9"))
        state.update(.promptSubmit)
        state.update(.openCommandLine)
        state.update(.promptInsert("learning-rate 2"))
        state.update(.promptSubmit)
        #expect(state.trainer.data.training[0].inputs[0] == 0.9 && state.trainer.settings.learningRate == 2)
        state.update(.reset)
        #expect(state.message == "reset to iteration 0, edits forgotten")
        #expect(state.trainer.data == fresh.data && state.trainer.settings == fresh.settings && state.trainer.network == fresh.network)
        #expect(state.recipe.learningRate == 0.5)
    }

    @Test func aSetPromptTakesTextAgainAfterCtrlUClearedAnOverlongEntry() {
        var state = Self.state(Self.xor)
        state.update(.openEdit)
        state.update(.promptInsert(String(repeating: "1", count: 40)))
        #expect(state.prompt?.error == "too long (max 32)")
        state.update(.promptClear)
        state.update(.promptInsert("0.25"))
        state.update(.promptSubmit)
        #expect(state.prompt == nil && state.trainer.network.weights[10] == 0.25)
    }

    @Test func theTooSmallNoteSaysARunningJobGoesOn() {
        var state = Self.state(Self.xor)
        state.update(.openGoTo)
        state.update(.promptClear)
        state.update(.promptInsert("900000000"))
        state.update(.promptSubmit)
        #expect(state.job != nil)
        state.update(.resized(width: 60, height: 20))
        let text = Screen.render(state, width: 60, height: 20).text
        #expect(text.contains("(the go-to goes on meanwhile)"), "\(text)")
    }

    @Test func aSetupThatCannotLearnSaysSoInTheMessageLineWhole() throws {
        let odd = Recipe(layers: [2, 3, 1], activation: .tanh, outputActivation: .tanh, bias: .shared, data: .builtIn(.xor), trainBiases: false)
        let state = Self.state(odd)
        let text = Screen.render(state, width: 80, height: 24).text
        #expect(text.contains("cannot learn: biases fixed at 0 make a tanh net odd — train-biases on"), "\(text)")
        for obstacle in [LearningObstacle.zeroOneTargetsOnTanh, .targetOutOfRange(-2, .logistic), .oddWithoutBiases(.linear, .tanh)] {
            #expect(obstacle.sentence.count < 80, "\(obstacle.sentence)")
        }
    }

    @Test func backAfterLoadingARunEqualsForwardAndStopsWhereTheFileStood() {
        var straight = AppState.post.trainer
        straight.train(updates: 5_000)
        let loaded = Trainer(straight.network, data: .post, settings: TrainingSettings(), iteration: 5_000, epoch: 5_000, position: 0)
        var state = AppState(trainer: loaded, recipe: .post(loaded), configName: "net.json")
        state.update(.resized(width: 80, height: 24))
        for _ in 0 ..< 3 { state.update(.step) }
        Self.finishJob(&state)
        state.update(.stepBack)
        Self.finishJob(&state)
        var forward = straight
        forward.train(updates: 2)
        #expect(state.trainer.iteration == 5_002 && state.trainer.network == forward.network, "back equals forward, bit for bit")
        #expect(state.trainer.trainingError.latest == forward.trainingError.latest)
        #expect(state.screen().contains("E_total " + Format.number(forward.trainingError.latest)))
        state.update(.openGoTo)
        state.update(.promptClear)
        state.update(.promptInsert("100"))
        state.update(.promptSubmit)
        #expect(state.trainer.iteration == 5_002 && state.message?.hasPrefix("this run starts at iteration 5,000") == true)
        let chart = state.screen()
        #expect(chart.contains("5,000") && chart.contains("iteration"), "the chart's axis starts where the run does")
        state.update(.reset)
        #expect(state.trainer.iteration == 5_000 && state.trainer.network == straight.network)
        #expect(state.message == "reset to iteration 5,000, where this run starts")
        #expect(state.screen().contains("iteration 5,000"))
    }

    @Test func hugeSizesOnTheCommandLineAreRefusedBesideTheTextAndChangeNothing() {
        for line in ["layers 2,1000000000,1", "samples 100000000"] {
            var state = Self.state(Self.circle)
            let before = state.trainer.network
            state.update(.openCommandLine)
            state.update(.promptInsert(line))
            state.update(.promptSubmit)
            #expect(state.prompt != nil && state.trainer.network == before, "\(line)")
            let error = state.prompt?.error ?? ""
            #expect(error.contains("100 million weights") || error.contains("allowed (half the memory)"), "\(line): \(error)")
        }
    }

    /// The list's rows by arithmetic are the rows made one by one, for every shape and layout.
    @Test func theVirtualWeightsListIsTheListMadeRowByRow() throws {
        for (layers, bias) in [([2, 2, 2], BiasMode.shared), ([2, 5, 1], .perNeuron), ([3, 4, 4, 2], .perNeuron), ([1, 3, 2, 2, 1], .shared)] {
            let a = try Architecture(layers: layers, bias: bias)
            let made = ParameterRow.rows(a)
            for headings in [true, false] {
                let list = ParameterList(a: a, headings: headings), expected = headings ? made : made.filter { $0.parameter != nil }
                #expect(list.count == expected.count && (0 ..< list.count).map(list.row) == expected, "\(layers) \(headings)")
                for (index, row) in expected.enumerated() {
                    if let parameter = row.parameter { #expect(list.index(of: parameter) == index) }
                }
            }
        }
    }

    /// Clicks select on the post's picture too: an edge its weight, a bias, a neuron.
    @Test(arguments: [(80, 24), (120, 40)])
    func clicksOnThePostsPictureSelectWhatIsUnderThem(width: Int, height: Int) throws {
        var state = AppState.post
        state.update(.resized(width: width, height: height))
        let lines = state.screen(width, height).split(separator: "\n").map(String.init)
        func click(_ text: String, _ double: Bool = false, after skip: Int = 0) throws {
            let y = try #require(lines.firstIndex { $0.contains(text) }, "\(text)")
            let start = try #require(lines[y].range(of: text)).lowerBound
            state.update(.click(x: lines[y][..<start].count + skip, y: y, double: double))
        }
        try click("w2 ")
        #expect(state.parameter == .weight(1) && state.focus == .parameters)
        try click("b2 ")
        #expect(state.parameter == .bias(1))
        try click("▶ h2", after: 2)
        #expect(state.focus == .neurons && state.neuron == Neuron(layer: 1, index: 1))
        try click("w7 ", true)
        #expect(state.parameter == .weight(6) && state.overlay == .explain, "a double-click explains")
    }

    /// Small networks get every number on the diagram at 120×40: each weight and bias a row
    /// between its layers, with its value; a click on a row selects it.
    @Test(arguments: [[2, 3, 2], [3, 3, 1]])
    func smallNetworksShowEveryWeightOnTheDiagram(layers: [Int]) throws {
        let data = layers[0] == 2 ? Recipe.Data.builtIn(.gauss)
            : .given(name: "three", DataSet(training: [Sample(inputs: [0, 0, 1], targets: [0]), Sample(inputs: [1, 1, 0], targets: [1])]))
        let recipe = Recipe(layers: layers, outputActivation: layers.last == 2 ? .softmax : .logistic, data: data)
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.step)
        let canvas = Screen.render(state, width: 120, height: 40), rows = Self.diagramRows(canvas, state)
        #expect(canvas.lines[0].contains("every weight on its edge"))
        let a = state.architecture, network = state.trainer.network
        for k in 0 ..< a.weightCount {
            #expect(rows.contains { $0.contains("w\(k + 1) ") && $0.contains(Format.number(network.weights[k])) }, "w\(k + 1)")
        }
        for k in 0 ..< a.biasCount { #expect(rows.contains { $0.contains("b\(k + 1) →") && $0.contains(Format.number(network.biases[k])) }) }
        let y = try #require(canvas.lines.firstIndex { $0.contains("w2 ") })
        let x = canvas.lines[y].distance(from: canvas.lines[y].startIndex, to: try #require(canvas.lines[y].range(of: "w2 ")).lowerBound)
        state.update(.click(x: x, y: y, double: false))
        #expect(state.parameter == .weight(1))
        let narrow = Screen.render(state, width: 80, height: 24)
        #expect(layers == [3, 3, 1] || !narrow.lines[0].contains("every weight on its edge"), "at 80×24 what does not fit is drawn in braille")
    }
}

/// A run with many samples is made by the backend away from the screen's loop: the reducer
/// asks for it, shows the wait with Esc, takes the answer, and drops it once given up.
@Suite struct BuildAwayTests {
    static func asked(_ line: String) -> (AppState, [Effect]) {
        var state = AppState(trainer: try! NetworkScreenTests.circle.trainer(), recipe: NetworkScreenTests.circle)
        state.update(.resized(width: 120, height: 40))
        state.update(.openCommandLine)
        state.update(.promptInsert(line))
        let effects = state.update(.promptSubmit)
        return (state, effects)
    }

    @Test func aLargeDataSetIsMadeByTheBackendWhileTheScreenWaits() throws {
        var (state, effects) = Self.asked("samples 50000")
        var wanted = NetworkScreenTests.circle
        wanted.samples = 50_000
        #expect(effects.contains(.build(wanted)) && state.prompt == nil && state.trainer.data.training.count == 250)
        state.update(.tick(seconds: 2))
        #expect(state.screen(120, 40).contains("samples 50000: making the run, 50,000 samples · 2s · Esc stops"))
        state.update(.step)
        #expect(state.message == "busy with the new run — Esc stops it first" && state.trainer.iteration == 0)
        state.update(.built(BuiltTrainer(wanted)))
        #expect(state.job == nil && state.trainer.data.training.count == 25_000)
        #expect(state.message?.hasPrefix("samples 50000 — 2-4-2-1 on circle") == true)
    }

    @Test func escGivesUpAndTheLateAnswerChangesNothing() {
        var (state, _) = Self.asked("samples 50000")
        #expect(state.update(.close) == [.giveUpBuilding], "the backend is told to stop making it")
        #expect(state.job == nil && state.message == "samples 50000 given up — the run stays 2-4-2-1 on circle, 500 samples")
        var wanted = NetworkScreenTests.circle
        wanted.samples = 50_000
        state.update(.built(BuiltTrainer(wanted)))
        #expect(state.trainer.data.training.count == 250)
    }

    /// A build given up stops at the next stage of its making (it used to finish, seconds of
    /// a core, and the next waited behind it): asked between the data and the trainer, and
    /// between the trainer and the screen's first look at it.
    @Test func aBuildGivenUpStopsBetweenItsStages() {
        var wanted = NetworkScreenTests.circle
        wanted.samples = 50_000
        for stage in 1 ... 2 {
            var asked = 0
            let answer = BuiltTrainer(wanted) { asked += 1; return asked == stage }
            guard case .failure(let refusal) = answer.result else { Issue.record("made at stage \(stage)"); continue }
            #expect(asked == stage && refusal == .givenUp, "given up at stage \(stage)")
        }
        var asked = 0
        let made = BuiltTrainer(wanted) { asked += 1; return false }
        #expect(asked == 2 && (try? made.result.get())?.trainer.data.training.count == 25_000)
    }

    @Test func aSmallChangeIsMadeAtOnceAndMemoryIsStillRefusedBesideTheText() {
        let (small, effects) = Self.asked("samples 400")
        #expect(effects.isEmpty && small.trainer.data.training.count == 200)
        let (huge, _) = Self.asked("layers 2,100000,100000,1 samples 50000")
        #expect(huge.prompt?.error?.contains("weights") == true && huge.job == nil)
    }
}

/// What an attacker's pass found, each closed: huge batches, slow slices, walks of millions
/// of sub-steps, layers without end, a cut line run, a number that underflows.
@Suite struct AttackerPassTests {
    @Test func aHugeBatchIsCountedNotTrapped() throws {
        #expect(Architecture.post.estimatedBytes(samples: 1, batch: .max) != nil)
        #expect(Recipe.memoryRefusal(Architecture.post, samples: 500, batch: 99_999_999_999) == nil, "a batch is at most every sample")
        let a = try Architecture(layers: [2, 2000, 2000, 1])
        let refusal = Recipe.memoryRefusal(a, samples: 4_000_000, batch: 1)?.description ?? ""
        #expect(refusal.contains("multiply-adds, hours here"), "\(refusal)")
    }

    @Test func aGoToOnALargeNetworkTakesSlicesOfAFewUpdates() throws {
        let recipe = Recipe(layers: [2, 300, 300, 1], data: .builtIn(.xor))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        _ = state.goTo(1_000)
        var before = state.trainer.iteration
        for _ in 0 ..< 12 {
            state.update(.tick(seconds: 0.5))
            #expect(state.trainer.iteration - before < 100, "a slow slice shrinks the next below 100 updates")
            before = state.trainer.iteration
        }
    }

    @Test func theWalkOfAHugeNetworkIsRefused() throws {
        let recipe = Recipe(layers: [2, 100, 100, 1], data: .builtIn(.xor))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.walkNext)
        #expect(state.walk == nil && state.message?.hasPrefix("the walk takes networks of up to 10,000 weights and biases") == true)
        #expect(throws: Architecture.Refusal.self) { try Architecture(layers: [2] + [Int](repeating: 1, count: 1_000)) }
    }

    @Test func aLineCutAtTheLimitIsNotRunAndTinyNumbersAreRefused() throws {
        var state = NetworkScreenTests.state(NetworkScreenTests.circle)
        state.update(.openCommandLine)
        state.update(.promptInsert("layers 2,5,1" + String(repeating: " ", count: 1_015) + "activation tanh"))
        state.update(.promptSubmit)
        #expect(state.architecture.layers == [2, 4, 2, 1] && state.prompt?.error?.contains("the line was cut") == true)
        state.update(.close)
        state.update(.openEdit)
        state.update(.promptInsert("1e-400"))
        let before = state.trainer.network
        state.update(.promptSubmit)
        #expect(state.trainer.network == before && state.prompt?.error == "too small for a double: it would be 0")
        state.update(.close)
        state.update(.openCommandLine)
        state.update(.promptInsert("seed 18446744073709551615"))
        state.update(.promptSubmit)
        #expect(state.recipe.seed == .max && state.prompt == nil)
    }

    @Test func deadWeightsNamedInAFileAreWeights() throws {
        for (dead, words) in [("[99999]", "holds 99999, not a weight index"), ("[-1]", "holds -1"), ("[3,3]", "names a weight twice")] {
            let text = #"{"layers":[2,3,1],"dead":\#(dead)}"#
            var message = "accepted"
            do { _ = try RunConfig.decode(Data(text.utf8)) } catch { message = error.description }
            #expect(message.contains(words), "\(message)")
        }
    }
}

/// Tab and refusals that named the wrong thing.
@Suite struct HintTests {
    @Test func tabSaysWhatAnOptionTakes() {
        #expect(RecipeOption.hint(for: "data ./") == "one of post xor and or circle gauss spiral quadrants clusters")
        #expect(RecipeOption.hint(for: "playground ") == "a Playground link, or its #… part")
        #expect(RecipeOption.hint(for: "seed ") == "a whole number from 0")
        #expect(RecipeOption.hint(for: "noise ") == "any number")
        #expect(RecipeOption.candidates(for: "pl") == ["playground"])
    }

    /// Lines the attacker's pass found accepted as something else.
    @Test(arguments: [
        ("layers 2,3,1 playground #seed=0.5", "playground takes its link alone on the line: playground URL"),
        ("playground #networkShape=3&seed=0.5 layers 2,2,1", "playground takes its link alone on the line: playground URL"),
        ("layers 2,3,1 layers 2,4,1", "layers is given twice"),
        ("regularization l2 regularization-rate 5e-400", "regularization-rate 5e-400 is too small for a double: it would be 0"),
        ("loss cross-entropy", "cross-entropy needs logistic or softmax outputs, got tanh"),
    ])
    func linesThatMeantSomethingElseAreRefused(line: String, reason: String) {
        var state = NetworkScreenTests.state(NetworkScreenTests.circle)
        let before = state.trainer
        state.update(.openCommandLine)
        state.update(.promptInsert(line))
        state.update(.promptSubmit)
        #expect(state.prompt?.error == reason && state.trainer.network == before.network && state.trainer.settings == before.settings)
    }

    @Test func dOnTheClassMapSaysItChangesTheOutputsMapsOnly() {
        var state = ClassMapTests.state()
        let before = Screen.render(state, width: 120, height: 40)
        state.update(.toggleDiscretize)
        #expect(state.message == "an output's map shows its side of the middle only; the class map is by class either way ([ ] an output's map)")
        #expect(Screen.render(state, width: 120, height: 40).lines.dropLast(2) == before.lines.dropLast(2))
    }

    /// More names than the line shows: Tab after the list puts each in turn in place.
    @Test func tabAfterTheListCyclesThroughEveryName() {
        var state = NetworkScreenTests.state(NetworkScreenTests.circle)
        state.update(.openCommandLine)
        state = press(.tab, on: state)
        let names = RecipeOption.candidates(for: "")
        #expect(state.prompt?.text == "" && state.prompt?.error == names.joined(separator: " ") && names.count > 15)
        var seen: [String] = []
        for _ in names {
            state = press(.tab, on: state)
            seen.append(state.prompt?.text ?? "")
        }
        #expect(seen == names, "every name, the last ones too")
        #expect(state.prompt?.error == "▸ " + names.last! + " " + names.dropLast().joined(separator: " "))
        state = press(.tab, on: state)
        #expect(state.prompt?.text == names[0], "round again")
        state = type(" ", on: state)
        #expect(state.prompt?.cycling == nil)
    }

    /// An update the screen could not answer keys during (2-3000-3000-1 on a batch of 250 took
    /// 15 s, q unanswered) is refused before the network is made; a small batch is not.
    @Test func anUpdateTooLargeForTheScreenIsRefused() throws {
        let all = Recipe(layers: [2, 3000, 3000, 1], data: .builtIn(.circle), batch: nil)
        #expect(throws: Recipe.Refusal(description: "2-3000-3000-1 with a batch of 250: an update is ~2.25375e+09 multiply-adds, "
            + "seconds without a key answered; the screen takes batches up to 11 for it (--headless trains any)")) { try all.trainer() }
        #expect(Recipe.updateRefusal(try all.checkedArchitecture(), batch: 11) == nil)
        #expect(Recipe.updateRefusal(try all.checkedArchitecture(), batch: 12) != nil)
    }

    /// Where one sample is more than half a frame's work, the status shows the last epoch's E
    /// alone, with no accuracy (the README says so).
    @Test func aNetworkTooLargeToEstimateOnShowsTheLastEpochsError() throws {
        var state = NetworkScreenTests.state(Recipe(layers: [2, 2300, 2300, 1], data: .builtIn(.xor)))
        state.update(.resized(width: 120, height: 40))
        #expect(state.updatesAway, "one update of 2-2300-2300-1 with its derivation outlasts a frame")
        state.answering(.step)
        let status = try #require(state.screen(120, 40).split(separator: "\n").first { $0.contains("iteration 1 ") })
        #expect(status.contains("last epoch's E") && !status.contains("accuracy") && !status.contains("≈"), "\(status)")
    }

    /// The fraction as given: rounded, 0.9999999 read as 1, which is refused for another reason.
    @Test func aSplitThatLeavesNothingToTrainOnIsNamed() {
        var state = NetworkScreenTests.state(NetworkScreenTests.circle)
        state.update(.openCommandLine)
        state.update(.promptInsert("test-fraction 0.9999999"))
        state.update(.promptSubmit)
        #expect(state.prompt?.error == "test-fraction 0.9999999 holds out all 500 samples, leaving none to train on", "\(state.prompt?.error ?? "")")
    }
}
