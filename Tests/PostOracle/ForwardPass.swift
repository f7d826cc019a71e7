import BackpropEngine

/// Every value the forward pass computes, named as in the post.
public struct PostForwardPass: Sendable, Equatable {
    public let net_h1: Double, out_h1: Double
    public let net_h2: Double, out_h2: Double
    public let net_o1: Double, out_o1: Double
    public let net_o2: Double, out_o2: Double
    public let E_o1: Double, E_o2: Double
    public let E_total: Double

    /// Runs the network on its own inputs and scores it against its targets.
    @inlinable @inline(__always)
    public init(_ n: PostNetwork) {
        net_h1 = n.w1 * n.i1 + n.w2 * n.i2 + n.b1
        out_h1 = logistic(net_h1)
        net_h2 = n.w3 * n.i1 + n.w4 * n.i2 + n.b1
        out_h2 = logistic(net_h2)
        net_o1 = n.w5 * out_h1 + n.w6 * out_h2 + n.b2
        out_o1 = logistic(net_o1)
        net_o2 = n.w7 * out_h1 + n.w8 * out_h2 + n.b2
        out_o2 = logistic(net_o2)
        E_o1 = 0.5 * (n.target_o1 - out_o1) * (n.target_o1 - out_o1)
        E_o2 = 0.5 * (n.target_o2 - out_o2) * (n.target_o2 - out_o2)
        E_total = E_o1 + E_o2
    }
}
