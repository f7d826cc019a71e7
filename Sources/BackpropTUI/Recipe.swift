import BackpropEngine
import Foundation

/// Everything a general run is made from, by the names the command line gives its options:
/// `:layers 2,3,1` on the screen is `--layers 2,3,1` on the command line.
public struct Recipe: Sendable, Equatable {
    /// Where the samples come from: a built-in set (made from the options), or samples given
    /// once (a CSV file, a config file's samples) that only fit networks of their width.
    public enum Data: Sendable, Equatable {
        case builtIn(BuiltInData)
        case given(name: String, DataSet)
    }

    public var layers: [Int]
    public var activation: Activation, outputActivation: Activation, loss: Loss, bias: BiasMode
    public var data: Data
    public var samples: Int, noise: Double
    /// nil: 0.5 for Playground's sets, 0 otherwise.
    public var testFraction: Double?
    public var learningRate: Double, order: UpdateOrder, trainBiases: Bool
    /// nil: the whole training set.
    public var batch: Int?
    public var shuffle: Bool
    public var seed: UInt64
    /// Playground's batching (an epoch's partial batch joins the next epoch's first update).
    public var carriesPartialBatch: Bool
    public var regularization: Regularization?
    public var initialization: Initialization = .xavier
    /// The inputs' names from a file that gives no features; nil: i1, i2, ….
    public var inputNames: [String]?
    /// The features the inputs are, computed from each sample's point; nil: the samples' own.
    public var features: [Feature]?
    /// The seed of a generated set's points (nil: `seed` + 1), drawn anew by `G`.
    public var dataSeed: UInt64?
    /// The Playground link the run was opened from, whose points `G` draws anew.
    public var link: PlaygroundLink?

    /// The bias layout, bias training and order left nil take `defaults` for the problem.
    public init(layers: [Int], activation: Activation = .logistic, outputActivation: Activation = .logistic,
                loss: Loss = .halfSquared, bias: BiasMode? = nil, data: Data, samples: Int = 500, noise: Double = 0,
                testFraction: Double? = nil, learningRate: Double = 0.5, order: UpdateOrder? = nil, trainBiases: Bool? = nil,
                batch: Int? = 1, shuffle: Bool = false, seed: UInt64 = 1, carriesPartialBatch: Bool = false,
                regularization: Regularization? = nil) {
        let defaults = Self.defaults(forThePostsProblem: layers == [2, 2, 2] && data == .builtIn(.post))
        self.layers = layers
        self.activation = activation
        self.outputActivation = outputActivation
        self.loss = loss
        self.bias = bias ?? defaults.bias
        self.data = data
        self.samples = samples
        self.noise = noise
        self.testFraction = testFraction
        self.learningRate = learningRate
        self.order = order ?? defaults.order
        self.trainBiases = trainBiases ?? defaults.trainBiases
        self.batch = batch
        self.shuffle = shuffle
        self.seed = seed
        self.carriesPartialBatch = carriesPartialBatch
        self.regularization = regularization
    }

    /// The post's own run: its 2-2-2 network on its one sample, η 0.5.
    public static let post = Recipe(layers: [2, 2, 2], data: .builtIn(.post))

    /// The recipe of a run of the post's network (from a v1 `--config` file, say): its
    /// sample, the post's own when it is, and its settings.
    public static func post(_ trainer: Trainer) -> Recipe {
        let settings = trainer.settings
        return Recipe(layers: [2, 2, 2], bias: .shared,
                      data: trainer.firstData == .post ? .builtIn(.post) : .given(name: "the config's sample", trainer.firstData),
                      learningRate: trainer.firstLearningRate, order: settings.order, trainBiases: settings.trainBiases)
    }

    /// λ where a penalty is named without one: Playground's smallest.
    public static let defaultRegularizationRate = 0.001

    /// Whether this is the post's problem: its 2-2-2 network on its one sample.
    public var isThePostsProblem: Bool { layers == [2, 2, 2] && data == .builtIn(.post) }

    /// What a run takes where nothing says otherwise: the post's own settings for its problem
    /// (shared fixed biases, published order); for every other problem plain gradient descent
    /// as PyTorch and Playground do it (a trained bias per neuron, textbook order), which
    /// lets tanh fit functions that are not odd.
    public static func defaults(forThePostsProblem post: Bool) -> (bias: BiasMode, trainBiases: Bool, order: UpdateOrder) {
        post ? (.shared, false, .published) : (.perNeuron, true, .textbook)
    }

    /// Why a recipe or a change to it cannot be used, in one line.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        /// A run given up while it was made: nobody waits for it, so nobody is told.
        static let givenUp = Refusal(description: "given up")
    }

    public var settings: TrainingSettings {
        TrainingSettings(learningRate: learningRate, order: order, trainBiases: trainBiases, batch: batch, shuffle: shuffle, seed: seed,
                         carriesPartialBatch: carriesPartialBatch, regularization: regularization)
    }

    /// The samples the run trains and tests on, made or given.
    public var sampleCount: Int {
        switch data {
        case .builtIn(let set) where set.isGenerated: samples
        case .builtIn(let set): set == .post ? 1 : 4
        case .given(_, let set): set.training.count + set.test.count
        }
    }

    /// The architecture, refused when it is not one or would not fit in memory with its
    /// samples: the checks made before any data is.
    public func checkedArchitecture() throws(Refusal) -> Architecture {
        let architecture: Architecture
        do {
            architecture = try Architecture(layers: layers, activation: activation, outputActivation: outputActivation, loss: loss, bias: bias)
        } catch {
            throw Refusal(description: (error.isAboutSizes ? "layers \(layers.map(String.init).joined(separator: ",")): " : "") + error.description)
        }
        if let refusal = Self.memoryRefusal(architecture, samples: sampleCount, batch: batch ?? sampleCount) { throw refusal }
        var named = architecture
        if let features {
            do { try named.compute(features) } catch { throw Refusal(description: "features: \(error.description)") }
        } else if inputNames?.count == layers[0] {
            named.inputNames = inputNames
        }
        return named
    }

    /// Samples past which making a run takes longer than a frame (about 2 µs each): the
    /// screen makes it away from the loop, with Esc to give up.
    public static let samplesMadeAtOnce = 20_000

    /// Whether the screen makes this recipe's trainer away from its loop (`Effect.build`).
    var buildsSlowly: Bool { sampleCount > Self.samplesMadeAtOnce }

    /// A trainer at iteration 0: seeded weights (the post's for its shape), the data made.
    /// `givenUp` is asked between the stages of making it (a large run's take seconds each):
    /// once it says yes, the trainer is not made (`Refusal.givenUp`).
    public func trainer(givenUp: () -> Bool = { false }) throws(Refusal) -> Trainer {
        let architecture = try checkedArchitecture(), set = try data(for: architecture)
        if givenUp() { throw .givenUp }
        if let batch, batch > set.training.count {
            throw Refusal(description: "batch \(batch) is more than the \(set.training.count) training samples; batch all takes them all")
        }
        if let refusal = Self.updateRefusal(architecture, batch: min(batch ?? set.training.count, set.training.count)) { throw refusal }
        return Trainer(startingNetwork(architecture, on: set), data: set, settings: settings)
    }

    /// Seeded weights (the post's for its shape); for a run opened from a link, still on its
    /// points, Playground's own for this shape: those opening the link with it starts from.
    func startingNetwork(_ a: Architecture, on set: DataSet) -> Network {
        if initialization == .playground, let link, let seed = link.seed, case .success(let shaped) = link.reshaped(a) {
            let experiment = shaped.experiment(seed: seed)
            if experiment.data == set, let network = try? Network(a, weights: experiment.network.weights, biases: experiment.network.biases) {
                return network
            }
        }
        return .seeded(a, seed: seed, initialization: initialization)
    }

    /// The samples, made (a built-in set) or checked against `architecture` (given ones).
    func data(for architecture: Architecture) throws(Refusal) -> DataSet {
        let set: DataSet
        switch data {
        case .builtIn(let builtIn):
            if builtIn != .post, architecture.sampleInputs != 2 {
                throw Refusal(description: "data \(builtIn.rawValue) has 2 inputs; layers must start with 2")
            }
            do {
                set = try builtIn.make(outputs: layers[layers.count - 1], outputActivation: outputActivation, samples: samples,
                                       noise: noise, testFraction: testFraction, seed: dataSeed ?? seed &+ 1)
            } catch {
                throw Refusal(description: "data \(builtIn.rawValue): \(error.description)")
            }
        case .given(let name, let given):
            let inputs = given.training.first?.inputs.count ?? 0, targets = given.training.first?.targets.count ?? 0
            guard inputs == architecture.sampleInputs, targets == layers[layers.count - 1] else {
                let needs = architecture.features == nil ? "layers \(layers.map(String.init).joined(separator: ",")) need \(layers[0])"
                    : "features of a point need 2"
                throw Refusal(description: "\(name) has \(inputs) inputs and \(targets) targets; \(needs) and \(layers[layers.count - 1])")
            }
            set = given
        }
        guard !set.training.isEmpty else {
            throw Refusal(description: "test-fraction \(testFraction ?? 0) holds out all \(Format.count(set.test.count)) samples, leaving none to train on")
        }
        return set
    }

    /// The share of physical memory a run may take.
    public static var memoryBudget: Int { Int(min(ProcessInfo.processInfo.physicalMemory / 2, UInt64(Int.max))) }

    /// Why a run of `a` on `samples` samples would not fit in memory, if it would not.
    public static func memoryRefusal(_ a: Architecture, samples: Int, batch: Int) -> Refusal? {
        let budget = memoryBudget
        guard let bytes = a.estimatedBytes(samples: samples, batch: batch) else {
            return Refusal(description: "\(a.shapeName) on \(Format.count(samples)) samples is too large to count")
        }
        if bytes > budget {
            return Refusal(description: "\(Format.count(samples)) samples need ~\(Format.bytes(bytes)), over the \(Format.bytes(budget)) allowed (half the memory)")
        }
        let (work, over) = (a.weightCount + a.biasCount).multipliedReportingOverflow(by: samples)
        guard over || work > largestEpochWork else { return nil }
        return Refusal(description: "\(a.shapeName) on \(Format.count(samples)) samples: an epoch is ~\(Format.short(Double(a.weightCount + a.biasCount) * Double(samples))) "
            + "multiply-adds, hours here; bptui takes at most 1e11 an epoch (a minute or two)")
    }

    /// Why the screen cannot show updates of `a` on batches of `batch`, if it cannot: one update
    /// and the gradients shown beside it are one piece of work, and the screen answers no key
    /// while it runs.
    public static func updateRefusal(_ a: Architecture, batch: Int) -> Refusal? {
        let (work, over) = (a.weightCount + a.biasCount).multipliedReportingOverflow(by: max(1, batch))
        guard over || work > largestUpdateWork else { return nil }
        let most = max(1, largestUpdateWork / max(1, a.weightCount + a.biasCount))
        return Refusal(description: "\(a.shapeName) with a batch of \(Format.count(batch)): an update is ~\(Format.short(Double(a.weightCount + a.biasCount) * Double(batch))) "
            + "multiply-adds, seconds without a key answered; the screen takes batches up to \(Format.count(most)) for it (--headless trains any)")
    }

    /// The most multiply-adds one update on the screen may take: with the gradients shown
    /// beside it, under a second here.
    static let largestUpdateWork = 100_000_000

    /// The most multiply-adds one pass over the samples may take (the first error is one).
    static let largestEpochWork = 100_000_000_000

    /// The name of the data: "xor", "circle", or a file's name.
    public var dataName: String {
        switch data {
        case .builtIn(let builtIn): builtIn.rawValue
        case .given(let name, _): name
        }
    }
}

extension LearningObstacle {
    /// The obstacle in one line, with what to do about it.
    public var sentence: String {
        switch self {
        case .oddWithoutBiases(let hidden, let output):
            "cannot learn: biases fixed at 0 make a \(hidden == output ? hidden.rawValue : "\(hidden.rawValue)/\(output.rawValue)") "
                + "net odd — train-biases on"
        case .zeroOneTargetsOnTanh:
            "cannot learn: 0/1 targets on tanh outputs, whose classes are ±1"
        case .targetOutOfRange(let target, let activation):
            "cannot learn: target \(Format.short(target)) is outside what \(activation.rawValue) outputs give"
        }
    }
}

extension Recipe {
    /// A Playground link's run from `seed`: its trainer, and the recipe the `:` command line
    /// starts from (the link's points as given samples, its batching and penalty).
    public static func playground(_ link: PlaygroundLink, seed: String) throws(Refusal) -> (trainer: Trainer, recipe: Recipe) {
        if let refusal = memoryRefusal(link.architecture, samples: link.pointCount, batch: link.batchSize) {
            throw Refusal(description: "networkShape: \(refusal.description)")
        }
        guard link.batchSize <= link.trainingCount else {
            throw Refusal(description: "batchSize=\(link.batchSize): more than the \(link.trainingCount) training points, so Playground would never update")
        }
        let (network, _, data) = link.experiment(seed: seed)
        let a = network.architecture, settings = link.settings
        var recipe = Recipe(layers: a.layers, activation: a.activation, outputActivation: a.outputActivation, loss: a.loss,
                            bias: a.bias, data: .given(name: "Playground \(link.set.rawValue), seed \(seed)", data),
                            learningRate: settings.learningRate, order: settings.order, trainBiases: settings.trainBiases,
                            batch: settings.batch, carriesPartialBatch: true, regularization: settings.regularization)
        recipe.features = a.features
        recipe.link = link.reseeded(seed)
        recipe.initialization = .playground
        return (Trainer(network, data: data, settings: settings), recipe)
    }
}

extension Recipe {
    /// The same run on points drawn anew from the next seed (a link's: five decimals, as
    /// Playground draws one), the seed as the message names it; nil for fixed data.
    func regenerated() throws(Refusal) -> (recipe: Recipe, data: DataSet, seed: String)? {
        var changed = self
        if let link {
            // The next seed from this one (FNV-1a of its text), five decimals as Playground's.
            var random = SplitMix64(seed: (link.seed ?? "").utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
            let seed = String(format: "%.5f", Double(random.next() % 100_000) / 100_000)
            let made = link.experiment(seed: seed).data
            changed.data = .given(name: "Playground \(link.set.rawValue), seed \(seed)", made)
            changed.link = link.reseeded(seed)
            return (changed, made, seed)
        }
        guard case .builtIn(let set) = data, set.isGenerated else { return nil }
        changed.dataSeed = (dataSeed ?? seed &+ 1) &+ 1
        let made = try changed.data(for: changed.checkedArchitecture())
        return (changed, made, String(changed.dataSeed ?? 0))
    }
}

extension Recipe {
    /// The run as the Playground link that trains it, or what Playground lacks for it; nil for
    /// a run not opened from a link (Playground draws its own points and weights).
    /// `view`: the data view's test points and discretize as they now stand (the link's own
    /// when nil).
    public func playgroundLink(_ trainer: Trainer, view: (showTestData: Bool, discretize: Bool)? = nil) -> Result<String, PlaygroundLink.Lack>? {
        link.map { link in
            let viewed = view.map { link.viewing(showTestData: $0.showTestData, discretize: $0.discretize) } ?? link
            return viewed.training(trainer.start.architecture, trainer.settings).map { "https://playground.tensorflow.org/" + $0.hash }
        }
    }
}

extension PlaygroundLink.Lack {
    /// What Playground lacks, in a few words.
    public var sentence: String {
        switch self {
        case .inputs(let n): "Playground's inputs are features of 2 numbers, this run has \(n)"
        case .outputs(let n): "Playground has one output, this run \(n)"
        case .outputActivation(let given, let wanted): "Playground's output is \(wanted.rawValue), this run's \(given.rawValue)"
        case .loss(let loss): "Playground's loss is half-squared, this run's \(loss.rawValue)"
        case .sharedBiases: "Playground has a bias per neuron, this run shared biases"
        case .fixedBiases: "Playground trains its biases, this run keeps them fixed"
        case .publishedOrder: "Playground updates in textbook order, this run in the post's published order"
        case .shuffle: "Playground does not shuffle"
        case .wholeBatch: "Playground's batch is a number of points, not all"
        case .subgradientL1: "Playground's L1 sets a weight crossing 0 to 0; this run's is the subgradient"
        }
    }
}
