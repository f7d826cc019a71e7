import BackpropEngine

/// One term of a chain-rule product: ∂E/∂out · ∂out/∂net · ∂net/∂parameter.
public struct ChainTerm: Sendable, Equatable {
    /// ∂E_total/∂out of the neuron the parameter feeds.
    public let dE_dout: Double
    /// ∂out/∂net = out(1 − out) of that neuron.
    public let dout_dnet: Double
    /// ∂net/∂parameter: the input the weight multiplies, or 1 for a bias.
    public let dnet_dparameter: Double

    public var product: Double { dE_dout * dout_dnet * dnet_dparameter }
}

/// One backpropagation step from a network: every chain-rule factor, delta, gradient and the
/// updated network, named as in the post.
public struct PostBackwardPass: Sendable, Equatable {
    public let forward: PostForwardPass
    public let settings: PostSettings
    /// The network before the update, and after it.
    public let before: PostNetwork, after: PostNetwork

    /// ∂E_total/∂out_o1 = −(target_o1 − out_o1), and the same for o2.
    public let dE_dout_o1: Double, dE_dout_o2: Double
    /// ∂out/∂net = out(1 − out) for each neuron.
    public let dout_o1_dnet_o1: Double, dout_o2_dnet_o2: Double
    public let dout_h1_dnet_h1: Double, dout_h2_dnet_h2: Double
    /// δ_o = ∂E_total/∂net_o.
    public let δ_o1: Double, δ_o2: Double
    /// The output weights the hidden deltas use: the original ones in textbook order,
    /// the updated ones in published order.
    public let w5_used: Double, w6_used: Double, w7_used: Double, w8_used: Double
    /// ∂E_o1/∂out_h1 = δ_o1 · w5 and its siblings, then their sums ∂E_total/∂out_h.
    public let dE_o1_dout_h1: Double, dE_o2_dout_h1: Double
    public let dE_o1_dout_h2: Double, dE_o2_dout_h2: Double
    public let dE_dout_h1: Double, dE_dout_h2: Double
    /// δ_h = ∂E_total/∂net_h.
    public let δ_h1: Double, δ_h2: Double
    /// ∂E_total/∂parameter for all ten parameters (biases too, trained or not).
    public let gradient: Gradients

    /// Takes one step from `n` under `settings`.
    public init(_ n: PostNetwork, settings: PostSettings) {
        self.init(n, forward: PostForwardPass(n), settings: settings)
    }

    /// Takes one step from `n`, whose forward pass is already known. Always inlined, so that a
    /// caller that reads only `after` (bulk training) pays for none of the other values.
    @inline(__always)
    public init(_ n: PostNetwork, forward f: PostForwardPass, settings: PostSettings) {
        let η = settings.learningRate
        forward = f
        self.settings = settings
        before = n

        dE_dout_o1 = -(n.target_o1 - f.out_o1)
        dE_dout_o2 = -(n.target_o2 - f.out_o2)
        dout_o1_dnet_o1 = f.out_o1 * (1 - f.out_o1)
        dout_o2_dnet_o2 = f.out_o2 * (1 - f.out_o2)
        δ_o1 = dE_dout_o1 * dout_o1_dnet_o1
        δ_o2 = dE_dout_o2 * dout_o2_dnet_o2

        var next = n
        next.w5 = n.w5 - η * (δ_o1 * f.out_h1)
        next.w6 = n.w6 - η * (δ_o1 * f.out_h2)
        next.w7 = n.w7 - η * (δ_o2 * f.out_h1)
        next.w8 = n.w8 - η * (δ_o2 * f.out_h2)

        let published = settings.order == .published
        w5_used = published ? next.w5 : n.w5
        w6_used = published ? next.w6 : n.w6
        w7_used = published ? next.w7 : n.w7
        w8_used = published ? next.w8 : n.w8
        dE_o1_dout_h1 = δ_o1 * w5_used
        dE_o2_dout_h1 = δ_o2 * w7_used
        dE_o1_dout_h2 = δ_o1 * w6_used
        dE_o2_dout_h2 = δ_o2 * w8_used
        dE_dout_h1 = dE_o1_dout_h1 + dE_o2_dout_h1
        dE_dout_h2 = dE_o1_dout_h2 + dE_o2_dout_h2
        dout_h1_dnet_h1 = f.out_h1 * (1 - f.out_h1)
        dout_h2_dnet_h2 = f.out_h2 * (1 - f.out_h2)
        δ_h1 = dE_dout_h1 * dout_h1_dnet_h1
        δ_h2 = dE_dout_h2 * dout_h2_dnet_h2

        next.w1 = n.w1 - η * (δ_h1 * n.i1)
        next.w2 = n.w2 - η * (δ_h1 * n.i2)
        next.w3 = n.w3 - η * (δ_h2 * n.i1)
        next.w4 = n.w4 - η * (δ_h2 * n.i2)

        gradient = Gradients(
            w1: δ_h1 * n.i1, w2: δ_h1 * n.i2, w3: δ_h2 * n.i1, w4: δ_h2 * n.i2,
            w5: δ_o1 * f.out_h1, w6: δ_o1 * f.out_h2, w7: δ_o2 * f.out_h1, w8: δ_o2 * f.out_h2,
            b1: δ_h1 + δ_h2, b2: δ_o1 + δ_o2
        )
        if settings.trainBiases {
            next.b1 = n.b1 - η * gradient.b1
            next.b2 = n.b2 - η * gradient.b2
        }
        after = next
    }

    /// How much the step changed `parameter`: its value after minus its value before.
    public func change(_ parameter: PostParameter) -> Double { after[parameter] - before[parameter] }

    /// The chain-rule terms whose products sum to ∂E_total/∂parameter: one for a weight,
    /// two for a bias (it feeds two neurons).
    public func chain(_ parameter: PostParameter) -> [ChainTerm] {
        let f = forward
        let o1 = (dE_dout_o1, dout_o1_dnet_o1), o2 = (dE_dout_o2, dout_o2_dnet_o2)
        let h1 = (dE_dout_h1, dout_h1_dnet_h1), h2 = (dE_dout_h2, dout_h2_dnet_h2)
        func term(_ node: (Double, Double), _ input: Double) -> ChainTerm {
            ChainTerm(dE_dout: node.0, dout_dnet: node.1, dnet_dparameter: input)
        }
        switch parameter {
        case .w1: return [term(h1, before.i1)]
        case .w2: return [term(h1, before.i2)]
        case .w3: return [term(h2, before.i1)]
        case .w4: return [term(h2, before.i2)]
        case .w5: return [term(o1, f.out_h1)]
        case .w6: return [term(o1, f.out_h2)]
        case .w7: return [term(o2, f.out_h1)]
        case .w8: return [term(o2, f.out_h2)]
        case .b1: return [term(h1, 1), term(h2, 1)]
        case .b2: return [term(o1, 1), term(o2, 1)]
        }
    }
}

/// ∂E_total/∂parameter for each of the ten parameters.
public struct Gradients: Sendable, Equatable {
    public let w1: Double, w2: Double, w3: Double, w4: Double
    public let w5: Double, w6: Double, w7: Double, w8: Double
    public let b1: Double, b2: Double

    public init(w1: Double, w2: Double, w3: Double, w4: Double, w5: Double, w6: Double, w7: Double, w8: Double,
                b1: Double, b2: Double) {
        self.w1 = w1; self.w2 = w2; self.w3 = w3; self.w4 = w4
        self.w5 = w5; self.w6 = w6; self.w7 = w7; self.w8 = w8
        self.b1 = b1; self.b2 = b2
    }

    /// The gradient whose every entry is `value(parameter)`.
    public init(_ value: (PostParameter) -> Double) {
        self.init(w1: value(.w1), w2: value(.w2), w3: value(.w3), w4: value(.w4), w5: value(.w5), w6: value(.w6),
                  w7: value(.w7), w8: value(.w8), b1: value(.b1), b2: value(.b2))
    }

    public subscript(parameter: PostParameter) -> Double {
        switch parameter {
        case .w1: w1
        case .w2: w2
        case .w3: w3
        case .w4: w4
        case .w5: w5
        case .w6: w6
        case .w7: w7
        case .w8: w8
        case .b1: b1
        case .b2: b2
        }
    }
}
