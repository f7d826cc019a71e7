import Foundation

/// The `--config` schema v2: any layered network, its data and where training stands. A file
/// with a `layers` key is v2; every other file is the post's v1 schema (`PostConfig`).
///
/// Keys: `layers`, `weights` (flat, post numbering), `biases`, `bias` ("shared" |
/// "per-neuron"), `activation`, `outputActivation`, `loss`, `learningRate`, `order`,
/// `trainBiases`, `batch` (a number or "all"), `shuffle`, `seed`, `samples` and
/// `testSamples` ([{"inputs": […], "targets": […]}]), and where a run stopped:
/// `iteration`, `epoch`, `position` (samples of the epoch already trained on).
public struct RunConfig: Codable, Equatable, Sendable {
    public var layers: [Int]
    public var weights: [Double]?
    public var biases: [Double]?
    public var bias: BiasMode?
    public var activation: Activation?
    public var outputActivation: Activation?
    public var loss: Loss?
    public var learningRate: Double?
    public var order: UpdateOrder?
    public var trainBiases: Bool?
    public var batch: Batch?
    public var shuffle: Bool?
    public var seed: UInt64?
    public var samples: [Sample]?
    public var testSamples: [Sample]?
    public var iteration: Int?
    public var epoch: Int?
    public var position: Int?
    /// Playground's batching, its penalty, and the weights its L1 has made dead.
    public var carriesPartialBatch: Bool?
    public var regularization: Regularization?
    public var dead: [Int]?
    /// The inputs' names where they are features (a Playground link's: x1², sin(x1)).
    public var inputNames: [String]?
    /// The features the inputs are, computed from each sample's point (its two numbers).
    public var features: [Feature]?

    /// The largest iteration, epoch or position a file may state: far past any run (2^53
    /// updates take centuries), and low enough that no count computed from it overflows.
    public static let largestCount = 1 << 53

    /// The largest file `--config` reads (1 MiB): a configuration is a small JSON object.
    public static let largestFileBytes = 1 << 20

    /// A batch size, or "all".
    public enum Batch: Codable, Equatable, Sendable {
        case size(Int)
        case all

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self), text == "all" { self = .all; return }
            guard let size = try? container.decode(Int.self), size >= 1 else {
                throw ConfigError("key \"batch\" must be a number of 1 or more, or \"all\"")
            }
            self = .size(size)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .size(let size): try container.encode(size)
            case .all: try container.encode("all")
            }
        }

        public var size: Int? { if case .size(let size) = self { size } else { nil } }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case layers, weights, biases, bias, activation, outputActivation, loss, learningRate, order, trainBiases
        case batch, shuffle, seed, samples, testSamples, iteration, epoch, position, carriesPartialBatch, regularization, dead, inputNames, features
    }

    /// Everything needed to continue `trainer` exactly where it stands.
    public init(_ trainer: Trainer) {
        let a = trainer.start.architecture, s = trainer.settings
        layers = a.layers
        weights = trainer.network.weights
        biases = trainer.network.biases
        bias = a.bias
        activation = a.activation
        outputActivation = a.outputActivation
        loss = a.loss
        learningRate = s.learningRate
        order = s.order
        trainBiases = s.trainBiases
        batch = s.batch.map { .size($0) } ?? .all
        shuffle = s.shuffle
        seed = s.seed
        samples = trainer.data.training
        testSamples = trainer.data.test.isEmpty ? nil : trainer.data.test
        iteration = trainer.iteration
        epoch = trainer.epoch
        position = trainer.position
        carriesPartialBatch = s.carriesPartialBatch ? true : nil
        regularization = s.regularization
        let dead = trainer.dead.indices.filter { trainer.dead[$0] }
        self.dead = dead.isEmpty ? nil : dead
        features = a.features
        inputNames = a.features == nil ? a.inputNames : nil
    }

    /// Decodes and checks a v2 configuration; the error names what is wrong and where.
    public static func decode(_ data: Data) throws(ConfigError) -> RunConfig {
        do {
            return try JSONDecoder().decode(RunConfig.self, from: data)
        } catch let error as ConfigError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            // The keys whose value is more than a number or a name say what it looks like.
            let shapes = ["regularization": #"an object such as {"kind": "l2", "rate": 0.001, "clipsAtZero": false}"#,
                          "batch": #"a size or "all""#, "samples": #"a list of {"inputs": […], "targets": […]}"#,
                          "testSamples": #"a list of {"inputs": […], "targets": […]}"#]
            let key = Self.path(context.codingPath)
            throw ConfigError("key \"\(key)\" has the wrong type" + (shapes[key].map { " (expected \($0))" } ?? ""))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConfigError("key \"\(Self.path(context.codingPath + [key]))\" is missing")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // A value of the right JSON type that is not one of the key's: a name, a whole number, a count.
            let allowed: [String: String] = [
                "activation": Activation.allCases.map(\.rawValue).joined(separator: ", "),
                "outputActivation": Activation.allCases.map(\.rawValue).joined(separator: ", "),
                "order": UpdateOrder.allCases.map(\.rawValue).joined(separator: ", "), "loss": Loss.allCases.map(\.rawValue).joined(separator: ", "),
                "bias": BiasMode.allCases.map(\.rawValue).joined(separator: ", "), "seed": "a whole number of 0 or more",
            ]
            let key = path(context.codingPath), name = context.codingPath.first?.stringValue ?? ""
            throw ConfigError("key \"\(key)\" has a value it cannot take (expected \(allowed[name] ?? "a whole number"))")
        } catch {
            throw ConfigError("invalid JSON")
        }
    }

    /// A coding path as a file writes it: samples[0].inputs[1].
    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("") { path, key in key.intValue.map { path + "[\($0)]" } ?? (path.isEmpty ? key.stringValue : path + "." + key.stringValue) }
    }

    public init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyConfigKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = keys.allKeys.first(where: { !known.contains($0.stringValue) }) {
            let v1 = Set(PostConfig.CodingKeys.allCases.map(\.rawValue)).contains(unknown.stringValue)
            throw ConfigError("unknown key \"\(unknown.stringValue)\""
                + (v1 ? " with \"layers\" (it belongs to the post's 2-2-2 schema; use weights and biases)"
                    : " (known keys: " + CodingKeys.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Whole numbers are decoded one key at a time, so that a fraction or a sign names its key.
        func whole<T: Decodable>(_ key: CodingKeys, _ what: String) throws -> T? {
            guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else { return nil }
            guard let value = try? container.decode(T.self, forKey: key) else { throw ConfigError("key \"\(key.rawValue)\" must be \(what)") }
            return value
        }
        guard let layers: [Int] = try whole(.layers, "a list of whole layer sizes, such as [2, 3, 1]") else {
            throw ConfigError("key \"layers\" is missing")
        }
        self.layers = layers
        weights = try container.decodeIfPresent([Double].self, forKey: .weights)
        biases = try container.decodeIfPresent([Double].self, forKey: .biases)
        bias = try container.decodeIfPresent(BiasMode.self, forKey: .bias)
        activation = try container.decodeIfPresent(Activation.self, forKey: .activation)
        outputActivation = try container.decodeIfPresent(Activation.self, forKey: .outputActivation)
        loss = try container.decodeIfPresent(Loss.self, forKey: .loss)
        learningRate = try container.decodeIfPresent(Double.self, forKey: .learningRate)
        order = try container.decodeIfPresent(UpdateOrder.self, forKey: .order)
        trainBiases = try container.decodeIfPresent(Bool.self, forKey: .trainBiases)
        batch = try container.decodeIfPresent(Batch.self, forKey: .batch)
        shuffle = try container.decodeIfPresent(Bool.self, forKey: .shuffle)
        seed = try whole(.seed, "a whole number of 0 or more")
        samples = try container.decodeIfPresent([Sample].self, forKey: .samples)
        testSamples = try container.decodeIfPresent([Sample].self, forKey: .testSamples)
        iteration = try whole(.iteration, "a whole number of 0 or more")
        epoch = try whole(.epoch, "a whole number of 0 or more")
        position = try whole(.position, "a whole number of 0 or more")
        carriesPartialBatch = try container.decodeIfPresent(Bool.self, forKey: .carriesPartialBatch)
        regularization = try container.decodeIfPresent(Regularization.self, forKey: .regularization)
        dead = try whole(.dead, "a list of weight indices")
        inputNames = try container.decodeIfPresent([String].self, forKey: .inputNames)
        if let names = try container.decodeIfPresent([String].self, forKey: .features) {
            features = try names.enumerated().map { (index, name) throws(ConfigError) -> Feature in
                guard let feature = Feature(rawValue: name) else {
                    throw ConfigError("key \"features[\(index)]\" is \(name.debugDescription), not one of \(Feature.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return feature
            }
        }
        if let features, let twice = features.enumerated().first(where: { features[..<$0.offset].contains($0.element) }) {
            throw ConfigError("key \"features\" names \(twice.element.rawValue) twice")
        }
        if let inputNames, inputNames.count != layers.first {
            throw ConfigError("key \"inputNames\" names \(inputNames.count) inputs; the layers have \(layers.first ?? 0)")
        }
        if let dead, let weights = try? architecture().weightCount {
            if let bad = dead.first(where: { !(0 ..< weights).contains($0) }) {
                throw ConfigError("key \"dead\" holds \(bad), not a weight index (0 to \(weights - 1))")
            }
            if Set(dead).count != dead.count { throw ConfigError("key \"dead\" names a weight twice") }
        }
        if let rate = regularization?.rate, !(rate.isFinite && rate >= 0) {
            throw ConfigError("key \"regularization.rate\" must be a finite number of 0 or more, got \(rate)")
        }
        if let η = learningRate, !(η.isFinite && η > 0) {
            throw ConfigError("key \"learningRate\" must be a finite number above 0, got \(η)")
        }
        for (key, values) in [("weights", weights), ("biases", biases)] where values?.allSatisfy(\.isFinite) == false {
            throw ConfigError("key \"\(key)\" must hold finite numbers only")
        }
        for (key, value) in [("iteration", iteration), ("epoch", epoch), ("position", position)] where (value ?? 0) < 0 {
            throw ConfigError("key \"\(key)\" must be 0 or more")
        }
        for (key, value) in [("iteration", iteration), ("epoch", epoch), ("position", position)] where (value ?? 0) > Self.largestCount {
            throw ConfigError("key \"\(key)\" must be at most 2^53 (9,007,199,254,740,992), got \(value ?? 0)")
        }
    }

    /// The architecture this file describes.
    public func architecture() throws(ConfigError) -> Architecture {
        var a: Architecture
        do {
            a = try Architecture(layers: layers, activation: activation ?? .logistic, outputActivation: outputActivation ?? .logistic,
                                 loss: loss ?? .halfSquared, bias: bias ?? .shared)
        } catch {
            throw ConfigError("key \"layers\" \(layers.map(String.init).joined(separator: ",")): \(error.description)")
        }
        a.inputNames = inputNames
        if let features {
            do { try a.compute(features) } catch { throw ConfigError("key \"features\": \(error.description)") }
        }
        return a
    }

    /// The network this file states, or nil when it gives no weights (the caller then makes
    /// seeded ones); refused when a count does not fit the layers.
    public func network() throws(ConfigError) -> Network? {
        let a = try architecture()
        guard weights != nil || biases != nil else { return nil }
        do {
            return try Network(a, weights: weights ?? [Double](repeating: 0, count: a.weightCount),
                                      biases: biases ?? [Double](repeating: 0, count: a.biasCount))
        } catch {
            throw ConfigError(error.description)
        }
    }
}

/// Any key, to find the unknown ones.
struct AnyConfigKey: CodingKey {
    let stringValue: String
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// A `--config` file of either schema: the post's 2-2-2 (v1) or a layered run (v2, the files
/// with a `layers` key).
public enum ConfigContents: Sendable, Equatable {
    case post(PostConfig)
    case layered(RunConfig)

    public static func decode(_ data: Data) throws(ConfigError) -> ConfigContents {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard object?["layers"] != nil else { return .post(try PostConfig.decode(data)) }
        if let comma = firstTrailingComma(data) {
            throw ConfigError("invalid JSON: trailing comma before \(comma.closer) at \(lineAndColumn(ofOffset: comma.offset, in: data))")
        }
        if let key = firstDuplicateTopLevelKey(data) { throw ConfigError("key \"\(key)\" appears more than once") }
        return .layered(try RunConfig.decode(data))
    }
}
