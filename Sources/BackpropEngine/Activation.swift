import Foundation

/// What a layer's neurons compute from their net input, with the derivative in its own form.
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// 1/(1+e^(−net)), the post's; ∂out/∂net = out(1 − out).
    case logistic
    /// ∂out/∂net = 1 − out².
    case tanh
    /// max(0, net); ∂out/∂net = [net > 0].
    case relu
    /// net; ∂out/∂net = 1.
    case linear
    /// e^(net_k) / Σ e^(net_j) over the layer; outputs only.
    case softmax

    /// The layer's outputs for its nets.
    func outputs(_ nets: [Double]) -> [Double] {
        guard self == .softmax else { return nets.map(value) }
        let top = nets.max() ?? 0
        let exponentials = nets.map { exp($0 - top) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    /// One neuron's output for its net (element-wise activations; softmax needs the layer).
    @inline(__always)
    func value(_ net: Double) -> Double {
        switch self {
        case .logistic: BackpropEngine.logistic(net)
        case .tanh: hyperbolicTangent(net)
        case .relu: max(0, net)
        case .linear, .softmax: net
        }
    }

    /// ∂out/∂net of one neuron. For softmax this is only the diagonal of its Jacobian; the
    /// output δ handles softmax whole.
    @inline(__always)
    public func derivative(net: Double, out: Double) -> Double {
        switch self {
        case .logistic: out * (1 - out)
        case .tanh: 1 - out * out
        case .relu: net > 0 ? 1 : 0
        case .linear: 1
        case .softmax: out * (1 - out)
        }
    }

    /// The derivative as explain prints it.
    public var derivativeForm: String {
        switch self {
        case .logistic: "out(1 − out)"
        case .tanh: "1 − out²"
        case .relu: "[net > 0]"
        case .linear: "1"
        case .softmax: "out_k([k = j] − out_j)"
        }
    }
}

/// The loss of one sample.
public enum Loss: String, CaseIterable, Sendable, Codable {
    /// Σ ½(t − o)², the post's.
    case halfSquared = "half-squared"
    /// Binary per output for logistic outputs, categorical for softmax (targets one-hot, or at
    /// least summing to 1); either way δ = o − t.
    case crossEntropy = "cross-entropy"

    /// The loss of outputs `o` against targets `t`, summed over the outputs.
    func value(outputs o: [Double], targets t: [Double], activation: Activation) -> Double {
        var total = term(output: o[0], target: t[0], activation: activation)
        for k in o.indices.dropFirst() { total += term(output: o[k], target: t[k], activation: activation) }
        return total
    }

    /// One output's share of the loss.
    @inline(__always)
    public func term(output o: Double, target t: Double, activation: Activation) -> Double {
        switch (self, activation) {
        case (.halfSquared, _): 0.5 * (t - o) * (t - o)
        case (.crossEntropy, .softmax): t == 0 ? 0 : -t * log(o)
        case (.crossEntropy, _): (t == 0 ? 0 : -t * log(o)) + (t == 1 ? 0 : -(1 - t) * log(1 - o))
        }
    }
}

/// How biases are laid out: one per non-input layer (the post's) or one per neuron.
public enum BiasMode: String, CaseIterable, Sendable, Codable {
    case shared
    case perNeuron = "per-neuron"
}

/// The logistic function, 1 / (1 + e^(−x)).
@inlinable
public func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
