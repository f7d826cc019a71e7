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
        switch self {
        case .logistic: return nets.map(BackpropEngine.logistic)
        case .tanh: return nets.map(Foundation.tanh)
        case .relu: return nets.map { max(0, $0) }
        case .linear: return nets
        case .softmax:
            let top = nets.max() ?? 0
            let exponentials = nets.map { exp($0 - top) }
            let sum = exponentials.reduce(0, +)
            return exponentials.map { $0 / sum }
        }
    }

    /// ∂out/∂net of one neuron. For softmax this is only the diagonal of its Jacobian; the
    /// output δ handles softmax whole.
    func derivative(net: Double, out: Double) -> Double {
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
        var total = 0.0
        for k in o.indices {
            switch (self, activation) {
            case (.halfSquared, _): total += 0.5 * (t[k] - o[k]) * (t[k] - o[k])
            case (.crossEntropy, .softmax): total += t[k] == 0 ? 0 : -t[k] * log(o[k])
            case (.crossEntropy, _):
                total += (t[k] == 0 ? 0 : -t[k] * log(o[k])) + (t[k] == 1 ? 0 : -(1 - t[k]) * log(1 - o[k]))
            }
        }
        return total
    }
}

/// How biases are laid out: one per non-input layer (the post's) or one per neuron.
public enum BiasMode: String, CaseIterable, Sendable, Codable {
    case shared
    case perNeuron = "per-neuron"
}
