import Foundation

/// An input feature Playground computes from a point (x1, x2), in Playground's order.
public enum Feature: String, CaseIterable, Sendable, Codable {
    case x1, x2, x1Squared = "x1^2", x2Squared = "x2^2", x1TimesX2 = "x1*x2", sinX1 = "sin(x1)", sinX2 = "sin(x2)"

    /// The link's key for the feature.
    public var key: String {
        switch self {
        case .x1: "x"
        case .x2: "y"
        case .x1Squared: "xSquared"
        case .x2Squared: "ySquared"
        case .x1TimesX2: "xTimesY"
        case .sinX1: "sinX"
        case .sinX2: "sinY"
        }
    }

    /// How the screen names the input: x1, x1², x1x2, sin(x1).
    public var name: String {
        switch self {
        case .x1, .x2: rawValue
        case .x1Squared: "x1²"
        case .x2Squared: "x2²"
        case .x1TimesX2: "x1x2"
        case .sinX1: "sin(x1)"
        case .sinX2: "sin(x2)"
        }
    }

    /// A feature by how it is written: `x1^2` (as files write it), `x1²` (as the screen
    /// does) or `xSquared` (as a link does).
    public init?(written text: String) {
        guard let found = Self.allCases.first(where: { [$0.rawValue, $0.name, $0.key].contains(text) }) else { return nil }
        self = found
    }

    /// A comma-separated list of features, each once, or why not.
    public static func list(_ text: String) -> Result<[Feature], Refusal> {
        var features: [Feature] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let feature = Feature(written: part) else {
                return .failure(Refusal(description: "\(part.debugDescription) is not a feature (\(allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            guard !features.contains(feature) else { return .failure(Refusal(description: "\(part) is given twice")) }
            features.append(feature)
        }
        return features.isEmpty ? .failure(Refusal(description: "no feature given: x1,x2,x1^2,…")) : .success(features)
    }

    /// Why a list of features is refused.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public func value(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .x1: x
        case .x2: y
        case .x1Squared: x * x
        case .x2Squared: y * y
        case .x1TimesX2: x * y
        case .sinX1: sin(x)
        case .sinX2: sin(y)
        }
    }
}

/// A TensorFlow Playground link: the experiment its hash fixes (`#activation=tanh&…`).
public struct PlaygroundLink: Sendable, Equatable {
    public internal(set) var activation: Activation = .tanh
    public internal(set) var regularization: Regularization.Kind?
    public internal(set) var regularizationRate = 0.0
    public internal(set) var batchSize = 10
    public private(set) var dataset: PlaygroundSet = .circle
    public private(set) var regressionDataset: PlaygroundSet = .plane
    public private(set) var isRegression = false
    public internal(set) var learningRate = 0.03
    /// Percent, as the link writes it.
    public private(set) var noise = 0.0
    public internal(set) var hiddenLayers = [4, 2]
    public internal(set) var seed: String?
    public private(set) var percentTraining = 50.0
    public internal(set) var features: [Feature] = [.x1, .x2]
    public private(set) var initZero = false
    /// The page's views: test points on the map, and the output's sign only.
    public internal(set) var showTestData = false, discretize = false

    /// Why a link cannot be opened, naming the key.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Keys that only change Playground's page: accepted, and without effect here.
    static let pageKeys: Set<String> = ["collectStats", "tutorial", "hideText", "cosX", "cosY"]

    /// Parses a link or its hash (`#…`), percent-encoding decoded. A key that is missing or
    /// blank keeps Playground's default; an unknown key, a key given twice or a value
    /// Playground cannot use is refused.
    public init(_ text: String) throws(Refusal) {
        var hash = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let mark = hash.firstIndex(of: "#") else {
            throw Refusal(description: "the link has no # part: a Playground link looks like https://playground.tensorflow.org/#activation=tanh&…")
        }
        hash = hash[hash.index(after: mark)...]
        var features = Set(features), hidden = Set<String>(), seen = Set<String>()
        for pair in hash.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.removingPercentEncoding ?? String($0) }
            let key = parts[0], value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            // No key or value of Playground's is this long: a message echoes only its start.
            guard key.count <= Self.longestText else { throw Self.unknown(key) }
            guard value.count <= Self.longestText else {
                throw Refusal(description: "\(key)=\(Self.start(of: value)): longer than any value of Playground's")
            }
            guard seen.insert(key).inserted else { throw Refusal(description: "key \(key) is given twice; give it once") }
            if key.hasSuffix("_hide") {
                if value == "true" { hidden.insert(String(key.dropLast(5))) }
                continue
            }
            if let feature = Feature.allCases.first(where: { $0.key == key }) {
                if !value.isEmpty { if value == "false" { features.remove(feature) } else { features.insert(feature) } }
                continue
            }
            // A blank value keeps the default, except networkShape, where it means no hidden layer.
            guard !value.isEmpty || key == "networkShape" else {
                guard Self.keys.contains(key) || Self.pageKeys.contains(key) else { throw Self.unknown(key) }
                continue
            }
            try set(key, value)
        }
        // Playground drops an input feature whose control is hidden.
        self.features = Feature.allCases.filter { features.contains($0) && !hidden.contains($0.key) }
        guard !self.features.isEmpty else { throw Refusal(description: "the link turns every input feature off (x, y, …): the network would have no input") }
        do {
            _ = try Architecture(layers: [self.features.count] + hiddenLayers + [1], bias: .perNeuron)
        } catch {
            throw Refusal(description: "networkShape=\(hiddenLayers.map(String.init).joined(separator: ",")): \(error.description)")
        }
    }

    static let keys: Set<String> = ["activation", "regularization", "regularizationRate", "batchSize", "dataset", "regDataset",
                                    "problem", "learningRate", "noise", "networkShape", "seed", "percTrainData", "initZero",
                                    "showTestData", "discretize"]

    /// Longer than any key or value of Playground's.
    static let longestText = 64

    /// The first characters of a text too long to echo, with "…" where it goes on.
    static func start(of text: String) -> String { text.count <= longestText ? text : text.prefix(24) + "…" }

    static func unknown(_ key: String) -> Refusal {
        Refusal(description: "key \(start(of: key).debugDescription) is not one of Playground's (\(keys.union(Feature.allCases.map(\.key)).sorted().joined(separator: ", ")))")
    }

    private mutating func set(_ key: String, _ value: String) throws(Refusal) {
        func choice<T>(_ options: [String: T]) throws(Refusal) -> T {
            guard let found = options[value] else {
                throw Refusal(description: "\(key)=\(value): Playground offers \(options.keys.sorted().joined(separator: ", "))")
            }
            return found
        }
        func number(_ range: ClosedRange<Double>, _ what: String) throws(Refusal) -> Double {
            guard let number = Double(value), number.isFinite, range.contains(number) else {
                throw Refusal(description: "\(key)=\(value): expected \(what)")
            }
            return number
        }
        switch key {
        case "activation":
            activation = try choice(["relu": .relu, "tanh": .tanh, "sigmoid": .logistic, "linear": .linear])
        case "regularization":
            regularization = try choice(["none": Regularization.Kind?.none, "L1": .l1, "L2": .l2])
        case "regularizationRate": regularizationRate = try number(0 ... .greatestFiniteMagnitude, "a rate of 0 or more")
        case "batchSize": batchSize = Int(try number(1 ... 1_000_000, "a whole number of points from 1"))
            guard Double(batchSize) == Double(value) else { throw Refusal(description: "\(key)=\(value): expected a whole number of points from 1") }
        case "dataset": dataset = try choice(["circle": .circle, "xor": .xor, "gauss": .gauss, "spiral": .spiral])
        case "regDataset": regressionDataset = try choice(["reg-plane": .plane, "reg-gauss": .multiGauss])
        case "problem": isRegression = try choice(["classification": false, "regression": true])
        case "learningRate": learningRate = try number(.leastNonzeroMagnitude ... .greatestFiniteMagnitude, "a rate above 0")
        case "noise": noise = try number(0 ... 50, "a percent from 0 to 50")
        case "percTrainData": percentTraining = try number(1 ... 100, "a percent from 1 to 100")
        case "networkShape":
            var sizes: [Int] = []
            for size in value.split(separator: ",", omittingEmptySubsequences: false) where !value.isEmpty {
                guard let n = Int(size.trimmingCharacters(in: .whitespaces)), n >= 1 else {
                    throw Refusal(description: "networkShape=\(value): expected hidden layer sizes of 1 or more, such as 4,2")
                }
                sizes.append(n)
            }
            hiddenLayers = sizes
        case "seed": seed = value
        case "initZero": initZero = value != "false"
        case "showTestData": showTestData = value != "false"
        case "discretize": discretize = value != "false"
        default: guard Self.pageKeys.contains(key) else { throw Self.unknown(key) }
        }
    }

    /// The data set the link trains on.
    public var set: PlaygroundSet { isRegression ? regressionDataset : dataset }

    /// The points Playground makes: 500 (classification) or 1,200 (regression).
    public var pointCount: Int { isRegression ? 1_200 : 500 }

    /// How many of the shuffled points train (the rest test).
    public var trainingCount: Int { Int((Double(pointCount) * percentTraining / 100).rounded(.down)) }

    public var architecture: Architecture {
        // Sizes were checked when parsed; a link's shape is at least one input and one output.
        var a = try! Architecture(layers: [features.count] + hiddenLayers + [1], activation: activation,
                                  outputActivation: isRegression ? .linear : .tanh, loss: .halfSquared, bias: .perNeuron)
        try! a.compute(features)
        return a
    }

    public var settings: TrainingSettings {
        TrainingSettings(learningRate: learningRate, order: .textbook, trainBiases: true, batch: batchSize, shuffle: false,
                         carriesPartialBatch: true,
                         regularization: regularization.map { Regularization(kind: $0, rate: regularizationRate, clipsAtZero: true) })
    }

    /// The experiment, drawn as Playground draws it from one seedrandom stream: the points,
    /// their shuffle, then the weights (each neuron's, in order, uniform in [−0.5, 0.5)),
    /// every bias 0.1 (with initZero every number 0). `seed` is the link's, or one given for
    /// a link without.
    public func experiment(seed: String) -> (network: Network, points: (training: [LabelledPoint], test: [LabelledPoint]), data: DataSet) {
        var random = SeedRandom(seed: seed)
        var points = set.points(pointCount, noise: noise / 100, random: &random)
        points.playgroundShuffle(using: &random)
        let training = Array(points.prefix(trainingCount)), test = Array(points.dropFirst(trainingCount))
        let a = architecture
        let weights = initZero ? [Double](repeating: 0, count: a.weightCount) : (0 ..< a.weightCount).map { _ in random.unit() - 0.5 }
        let biases = [Double](repeating: initZero ? 0 : 0.1, count: a.biasCount)
        func samples(_ points: [LabelledPoint]) -> [Sample] {
            points.map { p in Sample(inputs: [p.x, p.y], targets: [p.label]) }
        }
        return (Network(unchecked: a, weights: weights, biases: biases), (training, test),
                DataSet(training: samples(training), test: samples(test)))
    }
}
