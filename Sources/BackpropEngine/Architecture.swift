/// The shape of a layered network: layer sizes [n0, n1, …, nL] (inputs, hidden layers,
/// outputs), the hidden and output activations, the loss and the bias layout.
///
/// Weights are numbered the post's way, generalised: layer by layer, destination neuron by
/// destination neuron, source by source. For 2-2-2 that is exactly w1…w8.
public struct Architecture: Sendable, Equatable, Codable {
    public let layers: [Int]
    public let activation: Activation
    public let outputActivation: Activation
    public let loss: Loss
    public let bias: BiasMode
    /// The inputs' names where they are features computed from a point (Playground's x1²,
    /// sin(x1)); nil: i1, i2, ….
    public var inputNames: [String]?
    /// The features the input layer computes from each sample's point (x1, x2), one an input
    /// neuron, named by them; nil: the inputs are the sample's own numbers.
    public private(set) var features: [Feature]?

    /// These features as the input layer, which must have one neuron for each.
    public mutating func compute(_ features: [Feature]) throws(Refusal) {
        guard features.count == layers[0] else {
            throw Refusal(description: "\(features.count) feature\(features.count == 1 ? "" : "s") make \(features.count) inputs; the layers start with \(layers[0])")
        }
        self.features = features
        inputNames = features.map(\.name)
    }

    /// The numbers a sample holds: its point (x1, x2) when the inputs are features of it.
    public var sampleInputs: Int { features == nil ? layers[0] : 2 }

    /// The input layer's values for a sample's numbers: the features of its point, or the
    /// numbers themselves.
    public func inputLayer(_ inputs: [Double]) -> [Double] {
        guard let features else { return inputs }
        return features.map { $0.value(inputs[0], inputs[1]) }
    }

    /// Why an architecture is refused, in one line, and whether its sizes are why (or its
    /// activations and loss), so that a message names the option at fault.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        public var isAboutSizes = true
    }

    public init(layers: [Int], activation: Activation = .logistic, outputActivation: Activation = .logistic,
                loss: Loss = .halfSquared, bias: BiasMode = .shared) throws(Refusal) {
        guard layers.count >= 2 else {
            throw Refusal(description: "layers needs at least an input and an output size, got \(layers.count) size")
        }
        guard layers.count <= Self.largestLayerCount else {
            throw Refusal(description: "\(layers.count) layers; bptui trains at most \(Self.largestLayerCount)")
        }
        if let zero = layers.firstIndex(where: { $0 < 1 }) {
            throw Refusal(description: "layer \(zero) has size \(layers[zero]); every layer needs at least 1 neuron")
        }
        if activation == .softmax { throw Refusal(description: "softmax is for the output layer only", isAboutSizes: false) }
        if outputActivation == .softmax, layers[layers.count - 1] < 2 {
            throw Refusal(description: "softmax needs at least 2 outputs, got 1")
        }
        if loss == .crossEntropy, outputActivation != .logistic, outputActivation != .softmax {
            throw Refusal(description: "cross-entropy needs logistic or softmax outputs, got \(outputActivation.rawValue)", isAboutSizes: false)
        }
        // Counted with checks, so that no size from input can overflow what is computed from it.
        var weights = 0, neurons = layers[0]
        for l in 1 ..< layers.count {
            let (product, over) = layers[l].multipliedReportingOverflow(by: layers[l - 1])
            let (sum, past) = weights.addingReportingOverflow(product), (all, beyond) = neurons.addingReportingOverflow(layers[l])
            guard !over, !past, !beyond, sum <= Self.largestWeightCount, all <= Self.largestWeightCount else {
                throw Refusal(description: "over \(Self.largestWeightCount / 1_000_000) million weights, the most bptui trains")
            }
            (weights, neurons) = (sum, all)
        }
        self.layers = layers
        self.activation = activation
        self.outputActivation = outputActivation
        self.loss = loss
        self.bias = bias
    }

    /// The most layers a network may have, inputs and outputs included: the screen lays every
    /// one out, and each costs it time on every frame.
    public static let largestLayerCount = 1_000

    /// The most weights (and neurons) a network may have: 800 MB of weights, far past what
    /// trains at a useful speed here.
    public static let largestWeightCount = 100_000_000

    /// The post's 2-2-2 logistic network with half-squared loss and shared biases.
    public static let post = try! Architecture(layers: [2, 2, 2])

    /// The bytes a run of this network on `samples` samples, `batch` at a time, holds at the
    /// most: its numbers in every copy a run keeps (the network, the kernel's next and
    /// previous, the steps the panes show), the kernel's scratch and the samples twice.
    /// Computed before anything is allocated; nil where it would overflow.
    public func estimatedBytes(samples: Int, batch: Int) -> Int? {
        let parameters = weightCount + biasCount, neurons = layers.reduce(0, +), width = layers[0] + layers[outputLayer]
        // A batch is at most every sample; every product is checked (sizes come from input).
        let batch = min(batch, max(1, samples)), perSample = 8 * width + 160, capacity = max(32, batch)
        func product(_ factors: Int...) -> Int? {
            factors.reduce(Optional(1)) { result, factor in
                result.flatMap { let (value, over) = $0.multipliedReportingOverflow(by: factor); return over ? nil : value }
            }
        }
        let parts = [product(parameters, 80), product(neurons, 24, capacity), product(samples, 2, perSample), product(batch, 16, neurons)]
        var total = 0
        for part in parts {
            guard let part else { return nil }
            let (sum, past) = total.addingReportingOverflow(part)
            guard !past else { return nil }
            total = sum
        }
        return total
    }

    /// The index of the last layer, L.
    public var outputLayer: Int { layers.count - 1 }

    /// The activation of layer l (1…L).
    public func activation(ofLayer l: Int) -> Activation { l == outputLayer ? outputActivation : activation }

    /// Where layer l's (1…L) weights start in the flat list.
    public func weightOffset(layer l: Int) -> Int {
        (1 ..< l).reduce(0) { $0 + layers[$1] * layers[$1 - 1] }
    }

    /// Where layer l's (1…L) biases start in the flat list.
    public func biasOffset(layer l: Int) -> Int {
        bias == .shared ? l - 1 : (1 ..< l).reduce(0) { $0 + layers[$1] }
    }

    public var weightCount: Int { weightOffset(layer: layers.count) }
    public var biasCount: Int { biasOffset(layer: layers.count) }

    /// The flat index of the weight into neuron j of layer l from neuron i of layer l − 1.
    public func weightIndex(layer l: Int, to j: Int, from i: Int) -> Int {
        weightOffset(layer: l) + j * layers[l - 1] + i
    }

    /// The flat index of the bias neuron j of layer l adds.
    public func biasIndex(layer l: Int, neuron j: Int) -> Int {
        biasOffset(layer: l) + (bias == .shared ? 0 : j)
    }
}
