import BackpropEngine
import Foundation

/// A deliberately naive layered network for checking the engine: weight matrices W[l][j][i],
/// one sample at a time, every derivative written out the long way (the softmax Jacobian as a
/// matrix, cross-entropy through ∂E/∂o · ∂o/∂net), nothing shared with the engine's code.
struct NaiveReference {
    let layers: [Int]
    let hidden: Activation, output: Activation
    let loss: Loss
    let perNeuron: Bool
    var W: [[[Double]]]
    /// B[l][j]; with shared biases every j of a layer holds the same value.
    var B: [[Double]]

    init(_ network: Network) {
        let a = network.architecture
        layers = a.layers
        hidden = a.activation
        output = a.outputActivation
        loss = a.loss
        perNeuron = a.bias == .perNeuron
        W = [[]] + (1 ..< a.layers.count).map { l in
            (0 ..< a.layers[l]).map { j in (0 ..< a.layers[l - 1]).map { i in network.weight(layer: l, to: j, from: i) } }
        }
        B = [[]] + (1 ..< a.layers.count).map { l in (0 ..< a.layers[l]).map { network.bias(layer: l, neuron: $0) } }
    }

    func f(_ activation: Activation, _ nets: [Double]) -> [Double] {
        switch activation {
        case .logistic: return nets.map { 1 / (1 + exp(-$0)) }
        case .tanh: return nets.map { Foundation.tanh($0) }
        case .relu: return nets.map { $0 > 0 ? $0 : 0 }
        case .linear: return nets
        case .softmax:
            let e = nets.map { exp($0) }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }
    }

    /// ∂out_k/∂net_j as a full matrix.
    func jacobian(_ activation: Activation, nets: [Double], outs: [Double]) -> [[Double]] {
        outs.indices.map { k in
            outs.indices.map { j in
                switch activation {
                case .softmax: return outs[k] * ((k == j ? 1 : 0) - outs[j])
                case .logistic: return k == j ? outs[k] * (1 - outs[k]) : 0
                case .tanh: return k == j ? 1 - outs[k] * outs[k] : 0
                case .relu: return k == j ? (nets[k] > 0 ? 1 : 0) : 0
                case .linear: return k == j ? 1 : 0
                }
            }
        }
    }

    func forward(_ x: [Double]) -> (nets: [[Double]], outs: [[Double]]) {
        var nets: [[Double]] = [[]], outs = [x]
        for l in 1 ..< layers.count {
            let net = (0 ..< layers[l]).map { j in
                (0 ..< layers[l - 1]).reduce(0.0) { $0 + W[l][j][$1] * outs[l - 1][$1] } + B[l][j]
            }
            nets.append(net)
            outs.append(f(l == layers.count - 1 ? output : hidden, net))
        }
        return (nets, outs)
    }

    func error(_ sample: Sample) -> Double {
        let o = forward(sample.inputs).outs.last!, t = sample.targets
        switch (loss, output) {
        case (.halfSquared, _): return zip(o, t).reduce(0) { $0 + 0.5 * ($1.1 - $1.0) * ($1.1 - $1.0) }
        case (.crossEntropy, .softmax): return zip(o, t).reduce(0) { $0 - $1.1 * log($1.0) }
        case (.crossEntropy, _): return zip(o, t).reduce(0) { $0 - $1.1 * log($1.0) - (1 - $1.1) * log(1 - $1.0) }
        }
    }

    /// ∂E/∂o for one sample, before the output activation.
    func dE_dout(_ o: [Double], _ t: [Double]) -> [Double] {
        switch (loss, output) {
        case (.halfSquared, _): return o.indices.map { o[$0] - t[$0] }
        case (.crossEntropy, .softmax): return o.indices.map { -t[$0] / o[$0] }
        case (.crossEntropy, _): return o.indices.map { -t[$0] / o[$0] + (1 - t[$0]) / (1 - o[$0]) }
        }
    }

    /// One update from a batch: mean gradient, in textbook or published order.
    mutating func update(_ batch: [Sample], η: Double, published: Bool, trainBiases: Bool) {
        let passes = batch.map { forward($0.inputs) }
        let L = layers.count - 1
        let old = W
        var delta: [[[Double]]] = Array(repeating: Array(repeating: [], count: L + 1), count: batch.count)
        for l in stride(from: L, through: 1, by: -1) {
            for (s, pass) in passes.enumerated() {
                if l == L {
                    let g = dE_dout(pass.outs[L], batch[s].targets)
                    let J = jacobian(output, nets: pass.nets[L], outs: pass.outs[L])
                    delta[s][L] = (0 ..< layers[L]).map { j in (0 ..< layers[L]).reduce(0.0) { $0 + g[$1] * J[$1][j] } }
                } else {
                    let weightsAbove = published ? W[l + 1] : old[l + 1]
                    let back = (0 ..< layers[l]).map { j in
                        (0 ..< layers[l + 1]).reduce(0.0) { $0 + delta[s][l + 1][$1] * weightsAbove[$1][j] }
                    }
                    let J = jacobian(hidden, nets: pass.nets[l], outs: pass.outs[l])
                    delta[s][l] = (0 ..< layers[l]).map { j in back[j] * J[j][j] }
                }
            }
            let n = Double(batch.count)
            for j in 0 ..< layers[l] {
                for i in 0 ..< layers[l - 1] {
                    let mean = passes.indices.reduce(0.0) { $0 + delta[$1][l][j] * passes[$1].outs[l - 1][i] } / n
                    W[l][j][i] = old[l][j][i] - η * mean
                }
            }
            if trainBiases {
                let means = (0 ..< layers[l]).map { j in passes.indices.reduce(0.0) { $0 + delta[$1][l][j] } / n }
                if perNeuron {
                    for j in 0 ..< layers[l] { B[l][j] -= η * means[j] }
                } else {
                    let shared = B[l][0] - η * means.reduce(0, +)
                    B[l] = B[l].map { _ in shared }
                }
            }
        }
    }
}
