import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// The walk through an iteration: the post's figures in the post's order, a completed walk
/// equal to one step bit for bit on any network, `N` undoing `n`.
@Suite struct WalkTests {
    /// The post's figures the walk of iteration 1 gives, in the order the post prints them.
    static let postOrder = ["net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2", "E_total",
                            "∂E_total/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂w5", "∂E_total/∂w5", "w5⁺", "w6⁺", "w7⁺", "w8⁺",
                            "δ_o1", "∂E_o1/∂out_h1", "∂E_o2/∂out_h1", "∂E_total/∂out_h1", "∂out_h1/∂net_h1", "∂net_h1/∂w1",
                            "∂E_total/∂w1", "w1⁺", "w2⁺", "w3⁺", "w4⁺", "E_total after 1 update"]

    @Test(arguments: UpdateOrder.allCases)
    func thePostsWalkGivesEveryFigureInThePostsOrder(order: UpdateOrder) throws {
        let trainer = Trainer(post: .post, settings: PostSettings(order: order))
        let walk = Walk(trainer)
        let names = walk.steps.map(\.name)
        let positions = try Self.postOrder.map { name in try #require(names.firstIndex(of: name), "\(name) missing") }
        #expect(positions == positions.sorted(), "in the post's order: \(positions)")
        let figures = try #require(Walk.postFigures(trainer))
        for name in Self.postOrder {
            let step = walk.steps.first { $0.name == name }!, figure = figures[name]!
            #expect(step.value == figure.value, "\(name): the walk shows the engine's own value")
        }
        let value = { (name: String) in walk.steps.first { $0.name == name }!.value! }
        #expect(Format.number(value("net_h1")) == "0.377500000" && Format.number(value("out_h1")) == "0.593269992")
        #expect(Format.number(value("E_total")) == "0.298371109" && Format.number(value("∂E_total/∂w5")) == "0.082167041")
        #expect(Format.number(value("w5⁺")) == "0.358916480")
        #expect(Format.number(value("w1⁺")) == (order == .textbook ? "0.149780716" : "0.149817639"))
        #expect(Format.number(value("E_total after 1 update")) == (order == .textbook ? "0.291027774" : "0.291027924"))
        let first = walk.steps[0]
        #expect(first.line == "net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.377500000")
        #expect(Walk.comparison(first, figures) == "✓ the post: 0.3775")
        let w5Used = walk.steps.first { $0.name == "∂E_o1/∂out_h1" }!
        #expect(w5Used.numbers == (order == .textbook ? "0.138498562 · 0.4" : "0.138498562 · 0.358916480"))
        #expect((w5Used.note != nil) == (order == .published), "published says w5 is already updated, and why")
    }

    static let networks: [Recipe] = [
        Recipe(layers: [2, 3, 1], data: .builtIn(.xor), trainBiases: true),
        Recipe(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron, data: .builtIn(.circle), samples: 40,
               learningRate: 0.03, order: .textbook, trainBiases: true, batch: 4),
        Recipe(layers: [2, 5, 1], activation: .relu, loss: .crossEntropy, bias: .perNeuron, data: .builtIn(.xor), trainBiases: true),
        Recipe(layers: [2, 3, 2], activation: .linear, outputActivation: .softmax, loss: .crossEntropy, data: .builtIn(.gauss),
               samples: 30, order: .textbook, trainBiases: true, batch: 3),
        Recipe(layers: [2, 3, 3, 2], activation: .tanh, outputActivation: .softmax, data: .builtIn(.spiral), samples: 30, batch: 5),
        Recipe(layers: [2, 4, 1], activation: .relu, outputActivation: .linear, data: .builtIn(.and), learningRate: 0.1),
    ]

    @Test(arguments: networks)
    func aCompletedWalkIsOneStepBitForBit(recipe: Recipe) throws {
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        for _ in 0 ..< 3 { state.update(.step) }
        var stepped = state.trainer
        stepped.train(updates: 1)
        state.update(.walkNext)
        let count = try #require(state.walk?.walk.steps.count)
        #expect(count > 10)
        for _ in 1 ..< count { state.update(.walkNext) }
        #expect(state.walk?.isComplete == true && state.trainer.iteration == 4)
        #expect(state.trainer.network == stepped.network && state.trainer.trainingError.latest.bitPattern == stepped.trainingError.latest.bitPattern)
        let walk = try #require(state.walk?.walk)
        let after = walk.steps.first { $0.name == "E_total after 1 update" }?.value
        #expect(after == Trainer.meanLoss(stepped.network, state.walkStart!.nextBatch))
    }

    @Test func nThenNReturnsTheSameScreenOnBothScreens() {
        var post = postState(PostSettings(order: .textbook))
        var screens = [post.screen(120, 40)]
        let count = Walk(post.trainer).steps.count
        for _ in 0 ..< count {
            post.update(.walkNext)
            screens.append(post.screen(120, 40))
        }
        #expect(post.trainer.iteration == 1 && post.walk?.isComplete == true)
        #expect(post.screen(120, 40).contains("then E_total = 0.291027774"))
        for index in stride(from: count - 1, through: 0, by: -1) {
            post.update(.walkBack)
            #expect(post.screen(120, 40) == screens[index], "N after n, sub-step \(index)")
        }
        var general = AppState(trainer: try! Self.networks[1].trainer(), recipe: Self.networks[1])
        general.update(.resized(width: 80, height: 24))
        let before = Screen.render(general, width: 80, height: 24)
        general.update(.walkNext)
        general.update(.walkNext)
        general.update(.walkBack)
        general.update(.walkBack)
        #expect(Screen.render(general, width: 80, height: 24) == before)
    }

    /// The walk's bottom edge names the two highlights in the styles the diagram gives them.
    @Test func theHighlightsHaveALegendInTheirOwnStyles() throws {
        var post = postState(PostSettings(order: .textbook))
        post.update(.walkNext)
        let canvas = Screen.render(post, width: 120, height: 40)
        let row = try #require(canvas.lines.lastIndex { $0.contains("diagram:  reads   writes ") })
        let line = canvas.lines[row], reads = try #require(line.range(of: " reads ")), writes = try #require(line.range(of: " writes "))
        let readsAt = line.distance(from: line.startIndex, to: reads.lowerBound) + 1
        let writesAt = line.distance(from: line.startIndex, to: writes.lowerBound) + 1
        #expect(canvas[readsAt, row].style == WalkPane.reads && canvas[writesAt, row].style == WalkPane.writes)
        // net_h1 reads w1, w2, b1 and writes net_h1: the diagram's cells in those styles exist.
        #expect(canvas.cells.contains { $0.style == WalkPane.writes && $0.character != " " && $0.character != "w" })
        #expect(canvas.cells.filter { $0.style == WalkPane.reads }.count > 10)
    }

    @Test func spaceCompletesAndEscLeavesWithoutApplying() {
        var state = AppState.post
        state.update(.walkNext)
        state.update(.walkNext)
        state.update(.close)
        #expect(state.walk == nil && state.trainer.iteration == 0, "Esc mid-walk applies nothing")
        state.update(.walkNext)
        state.update(.toggleRun)
        #expect(!state.running && state.screen().contains("walking through iteration 1 — n goes on"))
        state.update(.step)
        #expect(state.walk == nil && state.trainer.iteration == 1)
        #expect(state.trainer.named == { var t = PostTrainer(); t.train(1); return t.network }(), "space completes it bit for bit")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theWalkFitsWithADiagramAndNeverCutsAFormulaWhenWide(width: Int, height: Int) {
        var state = AppState.post
        repeat { state.update(.walkNext) } while state.walk?.current.name != "w1⁺"
        let canvas = Screen.render(state, width: width, height: height)
        #expect(canvas.text.contains("w1⁺ = w1 − η·∂E_total/∂w1"))
        #expect(canvas.text.contains("i1") && canvas.text.contains("o2"), "the diagram stays")
        #expect(canvas.midWordCuts.isEmpty && !canvas.text.contains("…\n"), "\(canvas.midWordCuts)")
    }

    @Test func keysThatWouldChangeWhatTheWalkShowsWaitForIt() {
        var state = postState(PostSettings(order: .textbook))
        for _ in 0 ..< 5 { state.update(.walkNext) }
        for command in [Command.toggleOrder, .toggleBiases, .reset, .openEdit, .openGoTo, .stepBack, .toggleRun, .export] {
            state.update(command)
            #expect(state.walk?.shown == 5 && state.trainer.settings.order == .textbook && state.prompt == nil, "\(command)")
            #expect(state.screen().contains("walking through iteration 1 — n goes on, space completes it, Esc leaves"))
        }
        state.update(.toggleHelp)
        state.update(.walkNext)
        #expect(state.walk?.shown == 5, "n does not reach a walk behind help")
        state.update(.close)
        #expect(state.overlay == nil && state.walk != nil, "Esc closes help first")
        state.update(.toggleExplain)
        state.update(.close)
        #expect(state.overlay == nil && state.walk != nil, "then any view over the walk")
        state.update(.close)
        #expect(state.walk == nil && state.trainer.iteration == 0, "then the walk, applying nothing")
        var general = AppState(trainer: try! Self.networks[0].trainer(), recipe: Self.networks[0])
        general.update(.walkNext)
        general.update(.openCommandLine)
        #expect(general.prompt == nil && general.walk != nil, ": waits for the walk on the general screen too")
    }

    @Test func theDerivationScrollsBackAndNReturnsToItsNewestLine() {
        var state = AppState.post
        for _ in 0 ..< 20 { state.update(.walkNext) }
        let newest = state.screen()
        #expect(newest.contains("↑ PgUp: earlier rows") && !newest.contains("Forward pass"))
        state.update(.pageUp)
        state.update(.pageUp)
        state.update(.pageUp)
        let earlier = state.screen()
        #expect(earlier.contains("Forward pass") && earlier.contains("newer rows below"), "\(earlier)")
        #expect(state.selection == .w5, "↑↓ PgUp PgDn scroll the walk, not the weights")
        state.update(.walkNext)
        #expect(!state.screen().contains("newer rows below"), "n shows the newest line again")
    }
}
