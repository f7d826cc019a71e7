import Foundation

/// The `--config` JSON schema: any subset of the network's numbers and the training settings.
///
/// Keys: `inputs` [i1, i2], `targets` [t1, t2], `hiddenWeights` [w1, w2, w3, w4],
/// `outputWeights` [w5, w6, w7, w8], `hiddenBias`, `outputBias`, `learningRate`,
/// `order` ("published" | "textbook"), `trainBiases`.
public struct PostConfig: Codable, Equatable, Sendable {
    public var inputs: [Double]?
    public var targets: [Double]?
    public var hiddenWeights: [Double]?
    public var outputWeights: [Double]?
    public var hiddenBias: Double?
    public var outputBias: Double?
    public var learningRate: Double?
    public var order: UpdateOrder?
    public var trainBiases: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inputs, targets, hiddenWeights, outputWeights, hiddenBias, outputBias
        case learningRate, order, trainBiases
    }

    public init() {}

    /// Every key, stating a run of the post's 2-2-2 shape (shared biases, one sample) in full.
    public init(_ trainer: Trainer) {
        let w = trainer.network.weights, b = trainer.network.biases, sample = trainer.data.training[0]
        inputs = sample.inputs
        targets = sample.targets
        hiddenWeights = Array(w[0 ..< 4])
        outputWeights = Array(w[4 ..< 8])
        hiddenBias = b[0]
        outputBias = b[1]
        learningRate = trainer.settings.learningRate
        order = trainer.settings.order
        trainBiases = trainer.settings.trainBiases
    }

    /// The one trainer on the post's network, with the numbers and settings this file states
    /// over the post's own.
    public func trainer() -> Trainer {
        var w = Network.post.weights, b = Network.post.biases, sample = DataSet.post.training[0]
        var settings = TrainingSettings()
        if let v = inputs { sample = Sample(inputs: v, targets: sample.targets) }
        if let v = targets { sample = Sample(inputs: sample.inputs, targets: v) }
        if let v = hiddenWeights { w.replaceSubrange(0 ..< 4, with: v) }
        if let v = outputWeights { w.replaceSubrange(4 ..< 8, with: v) }
        if let v = hiddenBias { b[0] = v }
        if let v = outputBias { b[1] = v }
        if let v = learningRate { settings.learningRate = v }
        if let v = order { settings.order = v }
        if let v = trainBiases { settings.trainBiases = v }
        return Trainer(Network(unchecked: .post, weights: w, biases: b), data: DataSet(training: [sample]), settings: settings)
    }

    /// Decodes and validates a configuration; a `ConfigError` names what is wrong and where.
    public static func decode(_ data: Data) throws(ConfigError) -> PostConfig {
        if let comma = firstTrailingComma(data) {
            throw ConfigError("invalid JSON: trailing comma before \(comma.closer) at \(lineAndColumn(ofOffset: comma.offset, in: data))")
        }
        let config: PostConfig
        do {
            config = try JSONDecoder().decode(PostConfig.self, from: data)
        } catch let error as ConfigError {
            throw error
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw ConfigError("the top level must be a JSON object {…}")
        } catch {
            throw ConfigError("invalid JSON: " + syntaxErrorDescription(data))
        }
        if let key = firstDuplicateTopLevelKey(data) {
            throw ConfigError("key \"\(key)\" appears more than once")
        }
        return config
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw ConfigError("unknown key \"\(unknown.stringValue)\" (known keys: "
                + CodingKeys.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        func numbers(_ key: CodingKeys, count: Int, naming: String) throws -> [Double]? {
            let value = try? container.decodeIfPresent([Double].self, forKey: AnyKey(key.rawValue))
            guard let value, value.count == count else {
                if !container.contains(AnyKey(key.rawValue)) { return nil }
                let got = if let value = try? container.decode([Double].self, forKey: AnyKey(key.rawValue)) {
                    value.count == 1 ? "1 number" : "\(value.count) numbers"
                } else if (try? container.nestedUnkeyedContainer(forKey: AnyKey(key.rawValue))) != nil {
                    "an entry that is not a finite number"
                } else {
                    "something that is not an array"
                }
                throw ConfigError("key \"\(key.rawValue)\" must be an array of \(count) finite numbers \(naming), got \(got)")
            }
            return value
        }
        func number(_ key: CodingKeys) throws -> Double? {
            guard container.contains(AnyKey(key.rawValue)) else { return nil }
            guard let value = try? container.decode(Double.self, forKey: AnyKey(key.rawValue)) else {
                throw ConfigError("key \"\(key.rawValue)\" must be a finite number")
            }
            return value
        }
        inputs = try numbers(.inputs, count: 2, naming: "[i1, i2]")
        targets = try numbers(.targets, count: 2, naming: "[target_o1, target_o2]")
        hiddenWeights = try numbers(.hiddenWeights, count: 4, naming: "[w1, w2, w3, w4]")
        outputWeights = try numbers(.outputWeights, count: 4, naming: "[w5, w6, w7, w8]")
        hiddenBias = try number(.hiddenBias)
        outputBias = try number(.outputBias)
        learningRate = try number(.learningRate)
        if let η = learningRate, !(η.isFinite && η > 0) {
            throw ConfigError("key \"learningRate\" must be a finite number above 0, got \(η)")
        }
        if container.contains(AnyKey("order")) {
            let text = try? container.decode(String.self, forKey: AnyKey("order"))
            guard let text, let value = UpdateOrder(rawValue: text) else {
                let got = text.map { ", got \"\($0.prefix(40))\"" } ?? ", got a value that is not a string"
                throw ConfigError("key \"order\" must be \"published\" or \"textbook\"" + got)
            }
            order = value
        }
        if container.contains(AnyKey("trainBiases")) {
            guard let value = try? container.decode(Bool.self, forKey: AnyKey("trainBiases")) else {
                throw ConfigError("key \"trainBiases\" must be true or false")
            }
            trainBiases = value
        }
    }
}

/// What is wrong with a configuration, in one line.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

private struct AnyKey: CodingKey {
    let stringValue: String
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}
