@testable import BackpropEngine
import Testing

/// TensorFlow Playground reproduced: seedrandom, its generators, its link, its starting
/// weights and its losses epoch by epoch, against the vectors recorded from its own code
/// (shared/playground.md).
@Suite struct PlaygroundTests {
    /// Playground's engine and glibc may differ in a last bit of sin, tanh or exp.
    static let tolerance = 1e-12

    @Test func seedrandomGivesPlaygroundsNumbers() {
        var random = SeedRandom(seed: "0.83447")
        #expect((0 ..< 5).map { _ in random.unit() }
            == [0.4345927809245982, 0.23191526274334442, 0.23690052969810288, 0.5619675417323362, 0.07479948811117963])
        var other = SeedRandom(seed: "12345")
        #expect([other.unit(), other.unit()] == [0.20703519639616447, 0.6602710883040208])
    }

    static func points(_ set: PlaygroundSet, noise: Double = 0, count: Int = 500) -> [LabelledPoint] {
        var random = SeedRandom(seed: "0.83447")
        return set.points(count, noise: noise, random: &random)
    }

    static func close(_ p: LabelledPoint, _ x: Double, _ y: Double, _ label: Double) -> Bool {
        abs(p.x - x) < tolerance && abs(p.y - y) < tolerance && abs(p.label - label) < tolerance
    }

    @Test func theGeneratorsDrawPlaygroundsPoints() {
        let circle = Self.points(.circle)
        #expect(Self.close(circle[0], 1.0794753200632214, 0.12319117692839912, 1))
        #expect(Self.close(circle[1], -0.18567301899020017, -0.022227267143205293, 1))
        #expect(Self.close(Self.points(.gauss)[0], 1.7415657752264564, 0.9204135936674112, 1))
        #expect(Self.close(Self.points(.spiral, noise: 0.1)[0], -0.013081443815080362, -0.05361694745133112, 1))
        let xor = Self.points(.xor)
        #expect(Self.close(xor[0], -0.9540721907540182, -2.9808473725665556, 1))
        #expect(Self.close(xor[1], -4.552005118888204, 2.610375015654548, -1))
    }

    @Test func aLinksExperimentStartsWhereItsStarts() throws {
        let link = try PlaygroundLink("https://playground.tensorflow.org/#seed=0.83447")
        #expect(link.architecture.layers == [2, 4, 2, 1] && link.activation == .tanh && link.batchSize == 10)
        let (network, points, data) = link.experiment(seed: "0.83447")
        #expect(Self.close(points.training[0], -0.7162647408752955, -0.28775859958743794, 1))
        #expect(Self.close(points.training[1], -0.507321042672374, 0.03626723654528544, 1))
        #expect(Self.close(points.training[2], -3.6019017116532392, -2.024310892186179, -1))
        #expect(data.training.count == 250 && data.test.count == 250)
        let w = network.weights
        #expect(w[0 ..< 4] == [-0.3318962206871161, 0.08274061532935795, 0.32854226047071067, 0.04289717581549024])
        #expect(w[w.count - 2 ..< w.count] == [-0.4099085120278764, -0.48583088082521536])
        #expect(network.biases.allSatisfy { $0 == 0.1 })
    }

    /// Training and test loss at each listed epoch, from epoch 0.
    static func losses(_ hash: String, at epochs: [Int]) throws -> [Int: (Double, Double)] {
        let link = try PlaygroundLink(hash)
        let (network, _, data) = link.experiment(seed: try #require(link.seed))
        var trainer = Trainer(network, data: data, settings: link.settings)
        var found: [Int: (Double, Double)] = [:]
        for epoch in 0 ... (epochs.max() ?? 0) {
            if epoch > 0 { trainer.train(epochs: 1) }
            if epochs.contains(epoch) { found[epoch] = (trainer.trainingError.latest, try #require(trainer.testError?.latest)) }
        }
        return found
    }

    static func expect(_ found: [Int: (Double, Double)], _ epoch: Int, _ training: Double, _ test: Double) {
        let (mine, mineTest) = found[epoch] ?? (.nan, .nan)
        #expect(abs(mine - training) < 1e-9 && abs(mineTest - test) < 1e-9, "epoch \(epoch): \(mine), \(mineTest)")
    }

    @Test func theDefaultLinkLosesWhatPlaygroundLoses() throws {
        let found = try Self.losses("#seed=0.83447", at: [0, 1, 10, 100])
        Self.expect(found, 0, 0.4993452196248791, 0.5032914653397174)
        Self.expect(found, 1, 0.4981039264331062, 0.5017635142221057)
        Self.expect(found, 10, 0.47480116571370595, 0.47676783413513807)
        Self.expect(found, 100, 0.005739968795040267, 0.010673300453857688)
    }

    @Test func reluL1AndAPartialBatchLoseWhatPlaygroundLoses() throws {
        let found = try Self.losses("#seed=0.83447&activation=relu&batchSize=3&regularization=L1&regularizationRate=0.01&xTimesY=true",
                                    at: [0, 20])
        Self.expect(found, 0, 0.5063763353034378, 0.5109743999949912)
        Self.expect(found, 20, 0.0782993114612328, 0.11950176046526428)
    }

    @Test func regressionLosesWhatPlaygroundLoses() throws {
        let link = try PlaygroundLink("#seed=0.83447&problem=regression&regDataset=reg-gauss&networkShape=5")
        var random = SeedRandom(seed: "0.83447")
        let points = link.set.points(link.pointCount, noise: 0, random: &random)
        #expect(Self.close(points[0], -0.7848866289048217, -3.217016847079867, 0.468455039712084))
        #expect(Self.close(points[1], -5.102406142665845, 2.7724500187854595, 0.4322129985365146))
        let found = try Self.losses("#seed=0.83447&problem=regression&regDataset=reg-gauss&networkShape=5", at: [0, 10])
        Self.expect(found, 0, 0.06958414117582024, 0.07923064734527642)
        Self.expect(found, 10, 0.03473367625151376, 0.04043549428388223)
    }

    @Test(arguments: [
        ("#activation=softmax", "activation=softmax: Playground offers linear, relu, sigmoid, tanh"),
        ("#batchSize=0", "batchSize=0: expected a whole number of points from 1"),
        ("#batchSize=2.5", "batchSize=2.5: expected a whole number of points from 1"),
        ("#learningRate=abc", "learningRate=abc: expected a rate above 0"),
        ("#networkShape=4,x", "networkShape=4,x: expected hidden layer sizes of 1 or more, such as 4,2"),
        ("#x=false&y=false", "the link turns every input feature off (x, y, …): the network would have no input"),
        ("https://example.com/page", "the link has no # part: a Playground link looks like https://playground.tensorflow.org/#activation=tanh&…"),
        ("dataset=spiral", "the link has no # part: a Playground link looks like https://playground.tensorflow.org/#activation=tanh&…"),
        ("#seed=0.5&seed=0.6", "key seed is given twice; give it once"),
        ("#networkShape=100000,100000", "networkShape=100000,100000: over 100 million weights, the most bptui trains"),
    ])
    func badLinksAreRefusedNamingTheKey(link: String, message: String) {
        #expect(throws: PlaygroundLink.Refusal(description: message)) { try PlaygroundLink(link) }
    }

    /// A 100 KB key or value was echoed whole: a message names only its start.
    @Test(arguments: [("#" + String(repeating: "k", count: 100_000) + "=1", #"key "kkkkkkkkkkkkkkkkkkkkkkkk…" is not one of Playground's ("#),
                      ("#dataset=" + String(repeating: "v", count: 100_000), "dataset=vvvvvvvvvvvvvvvvvvvvvvvv…: longer than any value of Playground's")])
    func aLongKeyOrValueIsNamedByItsStart(link: String, start: String) {
        do {
            _ = try PlaygroundLink(link)
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix(start) && error.description.count < 400, "\(error.description.prefix(200))")
        }
    }

    @Test func percentEncodingIsDecoded() throws {
        let link = try PlaygroundLink("#networkShape=4%2C2&dataset=%73piral")
        #expect(link.hiddenLayers == [4, 2] && link.dataset == .spiral)
    }

    @Test func pageKeysAndBlankValuesKeepDefaults() throws {
        let link = try PlaygroundLink("#activation=&hideText=true&tutorial=x&showTestData=true&networkShape=&sinX=true&x_hide=true")
        #expect(link.activation == .tanh && link.showTestData && link.hiddenLayers.isEmpty)
        #expect(link.features == [.x2, .sinX1])
        #expect(link.architecture.layers == [2, 1])
    }
}

/// Features computed by the input layer train exactly as the same numbers given as inputs,
/// while the samples keep their points.
@Suite struct FeatureLayerTests {
    @Test func anInputLayerOfFeaturesTrainsAsItsValuesGivenAsInputs() throws {
        let features: [Feature] = [.x1Squared, .x2Squared, .x1TimesX2, .sinX1]
        var a = try Architecture(layers: [4, 3, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        let plain = a
        try a.compute(features)
        #expect(a.inputNames == ["x1²", "x2²", "x1x2", "sin(x1)"] && a.sampleInputs == 2)
        let points = (0 ..< 40).map { (k: Int) -> Sample in
            let x = Double(k % 7) - 3, y = Double(k % 5) / 2 - 1
            return Sample(inputs: [x, y], targets: [k % 3 == 0 ? 1.0 : -1.0])
        }
        let valued = points.map { p in Sample(inputs: features.map { $0.value(p.inputs[0], p.inputs[1]) }, targets: p.targets) }
        let start = Network.seeded(plain, seed: 3, initialization: .playground)
        let settings = TrainingSettings(learningRate: 0.03, order: .textbook, trainBiases: true, batch: 10, shuffle: false, seed: 1)
        var featured = Trainer(try Network(a, weights: start.weights, biases: start.biases),
                               data: DataSet(training: Array(points.prefix(30)), test: Array(points.dropFirst(30))), settings: settings)
        var given = Trainer(start, data: DataSet(training: Array(valued.prefix(30)), test: Array(valued.dropFirst(30))), settings: settings)
        featured.train(epochs: 20)
        given.train(epochs: 20)
        #expect(featured.network.weights == given.network.weights && featured.trainingError.exact == given.trainingError.exact)
        #expect(featured.testError?.exact == given.testError?.exact)
        #expect(ForwardPass(featured.network, points[5]).outs[0] == valued[5].inputs)
        let map = OutputMap(featured.network, layer: 2, neuron: 0, columns: 3, rows: 2, x: -3 ... 3, y: -1 ... 1)
        let centre = map.centre(column: 1, row: 0)
        let expected = ForwardPass(given.network, Sample(inputs: features.map { $0.value(centre.x, centre.y) }, targets: [0])).outputs[0]
        #expect(map.value(column: 1, row: 0) == expected, "the map computes the features of each point")
    }

    @Test func featureListsAreReadEveryWayTheyAreWritten() throws {
        #expect(try Feature.list("x1, x2^2,x1*x2, sin(x1),x1²,sinY").get() == [.x1, .x2Squared, .x1TimesX2, .sinX1, .x1Squared, .sinX2])
        #expect(Feature.list("x1,x3").failureDescription?.contains("\"x3\" is not a feature") == true)
        #expect(Feature.list("x1,x1").failureDescription == "x1 is given twice")
        var a = try! Architecture(layers: [2, 1])
        #expect(throws: Architecture.Refusal.self) { try a.compute([.x1, .x2, .sinX1]) }
    }
}

extension Result {
    var failureDescription: String? { if case .failure(let error) = self { "\(error)" } else { nil } }
}
