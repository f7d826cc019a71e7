import BackpropEngine
@testable import BackpropTUI
import Testing

/// A Playground link on the screen: its penalty in the status, its dead weights in the list.
@Suite struct PlaygroundScreenTests {
    @Test func thePenaltyAndTheDeadWeightsShow() throws {
        let link = try PlaygroundLink("#seed=0.83447&activation=relu&batchSize=3&regularization=L1&regularizationRate=0.01&xTimesY=true")
        var (trainer, recipe) = try Recipe.playground(link, seed: "0.83447")
        trainer.train(epochs: 10)
        let dead = trainer.dead.indices.filter { trainer.dead[$0] }
        #expect(!dead.isEmpty)
        let state = AppState(trainer: trainer, recipe: recipe)
        let text = state.screen(120, 60)
        #expect(text.contains("L1 λ 0.01 (\(dead.count) dead)"), "\(text)")
        let rows = text.split(separator: "\n").filter { $0.contains(" w\(dead[0] + 1) ") }
        #expect(rows.contains { $0.contains("dead") && $0.contains("0.000000000") }, "\(rows)")
    }

    /// The next update the panes show is the trainer's own, penalty and dead weights included,
    /// and the walk writes the penalty as its own term.
    @Test func theNextUpdateShownIsTheOneTheTrainerTakes() throws {
        let link = try PlaygroundLink("#seed=0.83447&activation=relu&batchSize=3&regularization=L1&regularizationRate=0.01")
        var (trainer, recipe) = try Recipe.playground(link, seed: "0.83447")
        trainer.train(epochs: 12)
        let state = AppState(trainer: trainer, recipe: recipe)
        var next = trainer
        next.train(updates: 1)
        #expect(state.derived.next.after.weights == next.network.weights)
        let walk = Walk(trainer).steps
        let live = try #require(trainer.dead.indices.first { !trainer.dead[$0] && trainer.network.weights[$0] != 0 })
        let line = try #require(walk.first { $0.name == "w\(live + 1)⁺" })
        #expect(line.symbols.hasSuffix("− η·λ·sign(w\(live + 1))") && line.value == next.network.weights[live], "\(line.line)")
        if let gone = trainer.dead.indices.first(where: { trainer.dead[$0] }) {
            #expect(walk.first { $0.name == "w\(gone + 1)⁺" }?.note == "dead: the L1 penalty made it 0 for good")
        }
    }

    /// Any network takes a penalty from the command line: `:regularization l1` (Playground's,
    /// λ 0.001 unless given), `l1-subgradient`, `l2`, and `:regularization-rate`.
    @Test func theCommandLineSetsAPenaltyForAnyNetwork() throws {
        let recipe = Recipe(layers: [2, 8, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        for line in ["regularization l1-subgradient", "regularization-rate 0.01"] {
            state.update(.openCommandLine)
            state.update(.promptInsert(line))
            state.update(.promptSubmit)
        }
        #expect(state.trainer.settings.regularization == Regularization(kind: .l1, rate: 0.01, clipsAtZero: false))
        #expect(state.screen(120, 40).contains("L1 λ 0.01"), "\(state.screen(120, 40))")
        state.update(.openCommandLine)
        state.update(.promptInsert("regularization-rate -1"))
        state.update(.promptSubmit)
        #expect(state.screen(120, 40).contains("regularization-rate must be 0 or more"))
    }

    /// `:playground URL` opens the link's experiment in place; a bad link stays in the prompt
    /// with its reason; a long link shows its end while typed.
    @Test func theCommandLineOpensAPlaygroundLink() throws {
        var state = AppState.post
        state.update(.resized(width: 120, height: 40))
        let link = "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
            + "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.83447&showTestData=false&discretize=false&percTrainData=50"
            + "&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false"
            + "&collectStats=false&problem=classification&initZero=false&hideText=false"
        state.update(.openCommandLine)
        state.update(.promptInsert("playground " + link))
        let typing = state.screen(120, 40)
        #expect(typing.contains(":…") && typing.contains(String(link.suffix(30)) + "▏"))
        state.update(.promptSubmit)
        #expect(state.prompt == nil && state.trainer.start.architecture.layers == [2, 4, 2, 1])
        #expect(abs(state.trainer.trainingError.latest - 0.4993452196248791) < 1e-12)
        #expect(state.screen(120, 40).contains("playground — 2-4-2-1 on Playground circle, seed 0.83447"), "\(state.screen(120, 40))")
        state.update(.openCommandLine)
        state.update(.promptInsert("playground #activation=swish"))
        state.update(.promptSubmit)
        #expect(state.prompt?.error == "activation=swish: Playground offers linear, relu, sigmoid, tanh")
    }

    /// A link's inputs are named by their features on the diagram and in the walk.
    @Test func featuresNameTheInputs() throws {
        let link = try PlaygroundLink("#seed=0.5&xSquared=true&ySquared=true&x=false&y=false&sinX=true&networkShape=3")
        let (trainer, recipe) = try Recipe.playground(link, seed: "0.5")
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        let text = state.screen(120, 40)
        #expect(text.contains(" x1² ") && text.contains(" x2² ") && text.contains(" sin(x1) "), "\(text)")
        #expect(Walk(trainer).steps.contains { $0.symbols.hasPrefix("net_h1 = w1·x1² + w2·x2² + w3·sin(x1)") })
    }
}

/// Features on the screen: the data view maps the plane of x1 and x2 through them, the table
/// lists the points, and `:features` makes the input layer.
@Suite struct FeatureScreenTests {
    @Test func aLinkWithThreeFeaturesIsMappedOverItsPoints() throws {
        let link = try PlaygroundLink("#seed=0.2&dataset=xor&xTimesY=true&networkShape=3")
        let (trainer, recipe) = try Recipe.playground(link, seed: "0.2")
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.toggleDataView)
        let maps = try #require(state.maps)
        #expect(maps.output.x == trainer.data.inputRange(0) && trainer.data.training[0].inputs.count == 2)
        let centre = maps.output.centre(column: 3, row: 5)
        let features = [centre.x, centre.y, centre.x * centre.y]
        var plain = try Architecture(layers: [3, 3, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        plain.inputNames = nil
        let network = try Network(plain, weights: trainer.network.weights, biases: trainer.network.biases)
        #expect(maps.output.value(column: 3, row: 5) == ForwardPass(network, Sample(inputs: features, targets: [0])).outputs[0])
        let screen = state.screen(120, 40)
        #expect(!screen.contains("The map needs 1 or 2 inputs") && screen.contains("x1x2"))
    }

    @Test func theFeaturesOptionMakesTheInputLayer() throws {
        let recipe = Recipe(layers: [2, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle), learningRate: 0.03, batch: 10)
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.openCommandLine)
        for character in "features x1,x2,x1^2,x2^2" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        #expect(state.architecture.layers == [4, 1] && state.architecture.features == [.x1, .x2, .x1Squared, .x2Squared])
        #expect(state.message?.hasPrefix("features x1,x2,x1^2,x2^2 — 4-1 on circle") == true, "\(state.message ?? "")")
        #expect(state.screen(120, 40).contains("x1²"))
        state.update(.openCommandLine)
        for character in "layers 2,3,1" { state.update(.promptInsert(String(character))) }
        state.update(.promptSubmit)
        #expect(state.prompt?.error == "features: 4 features make 4 inputs; the layers start with 2")
    }
}

/// Playground's Regenerate, "Show test data" and "Discretize output" as keys.
@Suite struct PlaygroundToggleTests {
    static func opened(_ link: String) throws -> AppState {
        let (trainer, recipe) = try Recipe.playground(try PlaygroundLink(link), seed: "0.3")
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.toggleDataView)
        return state
    }

    @Test func gDrawsNewPointsAndKeepsTheNetwork() throws {
        var state = try Self.opened("#seed=0.3&dataset=circle")
        state.update(.step)
        let network = state.trainer.network, points = state.trainer.data
        state.update(.regenerate)
        #expect(state.trainer.network == network && state.trainer.start == network && state.trainer.iteration == 0)
        #expect(state.trainer.data != points && state.trainer.data.training.count == points.training.count)
        let seed = try #require(state.message?.split(separator: " ").dropFirst(3).first.map { String($0.dropLast(2)) })
        let link = try PlaygroundLink("#seed=0.3&dataset=circle")
        #expect(state.trainer.data == link.experiment(seed: seed).data, "the points of the seed the message names")
        #expect(state.screen(120, 40).contains("new points (seed \(seed)), the network kept; iteration 0 of the new data"))
        var fixed = AppState(trainer: try Recipe(layers: [2, 3, 1], data: .builtIn(.xor)).trainer(), recipe: Recipe(layers: [2, 3, 1], data: .builtIn(.xor)))
        fixed.update(.regenerate)
        #expect(fixed.message?.hasSuffix("xor is fixed") == true)
        var generated = AppState(trainer: try Recipe(layers: [2, 3, 1], data: .builtIn(.gauss)).trainer(), recipe: Recipe(layers: [2, 3, 1], data: .builtIn(.gauss)))
        let before = generated.trainer.data
        generated.update(.regenerate)
        #expect(generated.trainer.data != before && generated.recipe.dataSeed == 3 && generated.message?.hasPrefix("new points (seed 3)") == true)
    }

    @Test func tHidesTheTestSamplesAndDDiscretizesTheMap() throws {
        var state = try Self.opened("#seed=0.3&dataset=circle")
        let glyphs = Glyphs.unicode
        func marks(_ state: AppState) -> Int {
            Screen.render(state, width: 120, height: 40, glyphs: glyphs, colors: .many).cells.filter { $0.character == "○" }.count
        }
        // Playground hides the test points unless the link says showTestData=true.
        #expect(state.hidesTestSamples && marks(state) <= 2, "the legend's marks only")
        state.update(.toggleTestSamples)
        #expect(marks(state) > 20 && state.message == "test samples shown on the map")
        // The levels of the data view's cells (the legend's ramp has each level once; the diagram's thumbnails are left of it).
        func levels(_ state: AppState) -> Set<Int> {
            let left = Layout(width: 120, height: 40, architecture: state.architecture, dataView: true)!.data.x
            let tops = Screen.render(state, width: 120, height: 40, glyphs: glyphs, colors: .many).cells.enumerated()
                .compactMap { $0.offset % 120 >= left ? $0.element.style.heat?.top.index : nil }
            return Set(tops.filter { level in tops.filter { $0 == level }.count > 3 })
        }
        let shades = levels(state)
        state.update(.toggleDiscretize)
        #expect(shades.count > 2 && levels(state).count == 2, "\(levels(state))")
    }
}

/// The other way: a run opened from a link goes back to a link that opens the same
/// experiment, and a change Playground cannot express is named.
@Suite struct PlaygroundLinkBackTests {
    @Test(arguments: ["#seed=0.83447", "#seed=0.2&dataset=xor&activation=relu&batchSize=7&xTimesY=true&xSquared=true&ySquared=true",
                      "#seed=0.4&dataset=spiral&networkShape=8,8,6&sinX=true&sinY=true&regularization=L2&regularizationRate=0.003&learningRate=0.1",
                      "#seed=0.5&problem=regression&regDataset=reg-gauss&networkShape=&noise=20&percTrainData=70&initZero=true&activation=linear"])
    func aLinksRunGoesBackToTheSameExperiment(link text: String) throws {
        let link = try PlaygroundLink(text)
        let (trainer, recipe) = try Recipe.playground(link, seed: try #require(link.seed))
        let back = try #require(try recipe.playgroundLink(trainer)?.get())
        #expect(back.hasPrefix("https://playground.tensorflow.org/#activation="))
        let reopened = try PlaygroundLink(back)
        #expect(reopened.seed == link.seed)
        let (again, _) = try Recipe.playground(reopened, seed: try #require(reopened.seed))
        #expect(again.network == trainer.network, "\(back)")
        #expect(again.data == trainer.data)
        #expect(again.settings == trainer.settings, "\(again.settings) \(trainer.settings)")
    }

    /// A `:` change of shape on a link's run starts where opening the link with that shape
    /// starts (Playground's weights for it, on the same points), so its link reproduces it;
    /// other data is no longer the link's, and gives none.
    @Test func aChangeOfShapeStartsFromPlaygroundsWeightsForIt() throws {
        var state = try PlaygroundToggleTests.opened("#seed=0.3&dataset=circle&networkShape=4,2")
        let points = state.trainer.data
        state.update(.openCommandLine)
        state.update(.promptInsert("layers 2,3,5,1 activation relu"))
        state.update(.promptSubmit)
        #expect(state.architecture.layers == [2, 3, 5, 1] && state.trainer.data == points)
        let back = try PlaygroundLink(try #require(try state.recipe.playgroundLink(state.trainer)?.get()))
        #expect(back.hiddenLayers == [3, 5])
        let (again, _) = try Recipe.playground(back, seed: "0.3")
        #expect(again.start == state.trainer.start, "the reshaped run starts from Playground's weights for 2-3-5-1")
        for _ in 0 ..< 30 { state.update(.step) }
        var reopened = again
        reopened.train(updates: 30)
        #expect(reopened.network == state.trainer.network && reopened.currentError == state.trainer.currentError)
        state.update(.openCommandLine)
        state.update(.promptInsert("test-fraction 0.2"))
        state.update(.promptSubmit)
        #expect(state.screen(120, 40).contains("test-fraction: Playground circle, seed 0.3 keeps its split (a link's is its percTrainData)"))
        state.update(.promptClear)
        state.update(.promptInsert("seed 7"))
        state.update(.promptSubmit)
        #expect(state.screen(120, 40).contains("seed: the link's points and weights come from its seed=0.3; G draws new ones"))
        state.update(.promptClear)
        state.update(.promptInsert("data xor batch 2"))
        state.update(.promptSubmit)
        #expect(state.recipe.link == nil && state.recipe.playgroundLink(state.trainer) == nil, "xor's points are not the link's circle")
    }

    @Test func aChangePlaygroundCannotExpressIsNamed() throws {
        var state = AppState(trainer: try Recipe.playground(try PlaygroundLink("#seed=0.3"), seed: "0.3").trainer,
                             recipe: try Recipe.playground(try PlaygroundLink("#seed=0.3"), seed: "0.3").recipe)
        state.update(.toggleOrder)
        #expect(state.recipe.playgroundLink(state.trainer) == .failure(.publishedOrder))
        let message = ExportWritten(paths: ["/d/b-history.csv", "/d/b-network.json"], playgroundLacks: .publishedOrder).message
        #expect(message == "exported b-{history.csv,network.json}; no Playground link: Playground updates in textbook order, this run in the post's published order")
        let plain = AppState(trainer: try Recipe(layers: [2, 3, 1], data: .builtIn(.circle)).trainer(), recipe: Recipe(layers: [2, 3, 1], data: .builtIn(.circle)))
        #expect(plain.recipe.playgroundLink(plain.trainer) == nil, "a run not opened from a link has none to give")
        #expect(ExportWritten(paths: ["/d/b-history.csv", "/d/b-network.json", "/d/b-playground.url"]).message == "exported b-{history.csv,network.json,playground.url}")
    }
}

@Suite struct AxisNameTests {
    @Test func theMapsAxesAreNamedByTheInputsOrThePointsNumbers() throws {
        var state = try PlaygroundToggleTests.opened("#seed=0.3&dataset=circle&xSquared=true")
        #expect(state.screen(120, 40).contains("x1 → ") && state.screen(120, 40).contains("x2 ↑ "))
        let recipe = Recipe(layers: [2, 3, 1], data: .builtIn(.circle))
        state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.toggleDataView)
        #expect(state.screen(120, 40).contains("i1 → ") && state.screen(120, 40).contains("i2 ↑ "))
        // At 80 columns too: the x axis's ticks under the map, the y axis's range beside the scale, two decimals each.
        state.update(.resized(width: 80, height: 24))
        state.update(.tick(seconds: 0.01))
        let narrow = state.screen(80, 24)
        #expect(narrow.range(of: #"−?[0-9]+\.[0-9]{2} +−?[0-9]+\.[0-9]{2} +−?[0-9]+\.[0-9]{2} i1 →"#, options: .regularExpression) != nil, "\(narrow)")
        #expect(narrow.range(of: #"i2 ↑ −?[0-9]+\.[0-9]{2}…−?[0-9]+\.[0-9]{2}"#, options: .regularExpression) != nil, "\(narrow)")
    }

    /// The ticks name the values at the map's left edge, centre and right edge, under those cells.
    @Test(arguments: [(80, 24), (120, 40)])
    func theXTicksStandUnderTheCellsTheyName(width: Int, height: Int) throws {
        let recipe = Recipe(layers: [2, 3, 1], data: .builtIn(.circle))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: width, height: height))
        state.update(.toggleDataView)
        let layout = try #require(Layout(width: width, height: height, architecture: state.architecture, dataView: true))
        let area = try #require(DataPane.parts(for: state, in: layout.data).map), x = state.trainer.data.inputRange(0)
        let row = Array(Screen.render(state, width: width, height: height).lines[area.y + area.height])
        func text(_ from: Int, _ count: Int) -> String { String(row[from ..< from + count]) }
        let low = DataPane.axisLabel(x.lowerBound), high = DataPane.axisLabel(x.upperBound), middle = DataPane.axisLabel((x.lowerBound + x.upperBound) / 2)
        #expect(text(area.x, low.count) == low)
        #expect(text(area.x + area.width - high.count, high.count) == high)
        #expect(text(area.x + area.width / 2 - middle.count / 2, middle.count) == middle)
        #expect(text(area.x + area.width, 5) == " i1 →")
    }
}

@Suite struct StatusFitTests {
    /// A status field that does not fit whole is left out with an ellipsis, never cut.
    @Test func aFieldThatDoesNotFitEndsTheRowWithAnEllipsis() throws {
        var (trainer, recipe) = try Recipe.playground(try PlaygroundLink("#seed=0.1&networkShape=8,8,8,8,8,8,8,8,8"), seed: "0.1")
        trainer.train(epochs: 1_000)
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 80, height: 24))
        let lines = state.screen(80, 24).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let status = try #require(lines.first { $0.hasPrefix("epoch 1,000 ") })
        let whole = status.range(of: #"acc [0-9.]+%/[0-9.]+%$"#, options: .regularExpression) != nil
        #expect(whole || status.hasSuffix(" …") && !status.contains("acc"), "\(status)")
    }
}

/// What a new user's pass over the Playground parts found, each closed.
@Suite struct PlaygroundNewUserTests {
    @Test func featuresNoneNamesTheInputsAgain() throws {
        var recipe = Recipe(layers: [2, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle), learningRate: 0.03, batch: 10)
        recipe.features = [.x1Squared, .x2Squared]
        recipe.inputNames = ["x1²", "x2²"]
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.openCommandLine)
        state.update(.promptInsert("features none"))
        state.update(.promptSubmit)
        #expect(state.architecture.features == nil && state.architecture.inputNames == nil)
        #expect(!state.screen(120, 40).contains("x1²"))
    }

    @Test func aHiddenWeightsExplainWritesThePenaltyAndItsValueAgrees() throws {
        var (trainer, recipe) = try Recipe.playground(try PlaygroundLink("#dataset=gauss&networkShape=8,8,8&regularization=L1&regularizationRate=0.01&seed=0.2"), seed: "0.2")
        trainer.train(epochs: 3)
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 120, height: 60))
        let step = state.derived.next
        let k = try #require((0 ..< 16).first { !step.dead[$0] && step.penaltyChange(of: $0) != nil })
        state.parameter = .weight(k)
        state.update(.toggleExplain)
        let text = state.screen(120, 60)
        #expect(text.contains("w\(k + 1)⁺ = w\(k + 1) − η·∂E_total/∂w\(k + 1) − η·λ·sign(w\(k + 1))"), "\(text)")
        let η = trainer.settings.learningRate
        #expect(step.after.weights[k] == step.before.weights[k] - η * step.weightGradient[k] + step.penaltyChange(of: k)!)
    }

    @Test func theLinkCarriesTheViewAsItStandsAndOneLayerHasOneOrder() throws {
        let (trainer, recipe) = try Recipe.playground(try PlaygroundLink("#seed=0.3&networkShape="), seed: "0.3")
        let shown = try #require(try recipe.playgroundLink(trainer, view: (true, true))?.get())
        #expect(shown.contains("showTestData=true") && shown.contains("discretize=true"))
        var settings = trainer.settings
        settings.order = .published
        let published = Trainer(trainer.network, data: trainer.data, settings: settings)
        #expect(try recipe.playgroundLink(published)?.get() != nil, "without a hidden layer both orders are one")
    }
}
