/// A network of any layer sizes: its architecture and its numbers, flat in post numbering
/// (weights layer by layer, destination-major, source-minor; biases layer by layer).
public struct Network: Sendable, Equatable {
    public let architecture: Architecture
    public var weights: [Double]
    public var biases: [Double]

    /// Why a network's numbers do not fit its architecture.
    public struct Mismatch: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ architecture: Architecture, weights: [Double], biases: [Double]) throws(Mismatch) {
        guard weights.count == architecture.weightCount else {
            throw Mismatch(description: "layers \(architecture.layers.map(String.init).joined(separator: ",")) need "
                + "\(architecture.weightCount) weights, got \(weights.count)")
        }
        guard biases.count == architecture.biasCount else {
            throw Mismatch(description: "layers \(architecture.layers.map(String.init).joined(separator: ",")) with "
                + "\(architecture.bias.rawValue) biases need \(architecture.biasCount) biases, got \(biases.count)")
        }
        self.architecture = architecture
        self.weights = weights
        self.biases = biases
    }

    /// Numbers already known to fit `architecture`.
    init(unchecked architecture: Architecture, weights: [Double], biases: [Double]) {
        self.architecture = architecture
        self.weights = weights
        self.biases = biases
    }

    /// The post's network: w1…w8 and b1, b2 as the post starts them.
    public static let post = Network(unchecked: .post, weights: [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
                                            biases: [0.35, 0.60])

    /// The weight into neuron j of layer l from neuron i of layer l − 1.
    public func weight(layer l: Int, to j: Int, from i: Int) -> Double {
        weights[architecture.weightIndex(layer: l, to: j, from: i)]
    }

    /// The bias neuron j of layer l adds.
    public func bias(layer l: Int, neuron j: Int) -> Double {
        biases[architecture.biasIndex(layer: l, neuron: j)]
    }

    public var isFinite: Bool { weights.allSatisfy(\.isFinite) && biases.allSatisfy(\.isFinite) }
}

/// One training sample: the inputs and the outputs wanted for them.
public struct Sample: Sendable, Equatable, Codable {
    public let inputs: [Double]
    public let targets: [Double]

    public init(inputs: [Double], targets: [Double]) {
        self.inputs = inputs
        self.targets = targets
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case inputs, targets }

    /// As synthesized, but a key other than inputs and targets is refused, not ignored.
    public init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyConfigKey.self)
        if let unknown = keys.allKeys.first(where: { CodingKeys(rawValue: $0.stringValue) == nil }) {
            throw ConfigError("key \"\(RunConfig.path(keys.codingPath + [unknown]))\" is not one of a sample's (inputs, targets)")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try container.decode([Double].self, forKey: .inputs)
        targets = try container.decode([Double].self, forKey: .targets)
    }
}
