/// Every value the forward pass computes for one sample: the nets and outputs of each layer
/// (layer 0's outputs are the inputs) and the sample's loss.
public struct ForwardPass: Sendable, Equatable {
    /// nets[l] and outs[l] for l = 0…L (nets[0] is empty).
    public let nets: [[Double]]
    public let outs: [[Double]]
    /// The sample's loss: for half-squared, Σ ½(t − o)², the post's E_total.
    public let loss: Double

    public init(_ network: Network, _ sample: Sample) {
        let a = network.architecture
        (nets, outs) = Self.layers(network, sample.inputs)
        loss = a.loss.value(outputs: outs[a.outputLayer], targets: sample.targets, activation: a.outputActivation)
    }

    /// Every layer's nets and outs for `inputs`.
    static func layers(_ network: Network, _ inputs: [Double]) -> (nets: [[Double]], outs: [[Double]]) {
        let a = network.architecture
        var nets: [[Double]] = [[]], outs = [a.inputLayer(inputs)]
        for l in 1 ... a.outputLayer {
            let below = outs[l - 1], offset = a.weightOffset(layer: l), n = below.count
            // Each neuron's row of weights is contiguous: w·x summed from i = 0 up, then the bias.
            let layer = network.weights.withUnsafeBufferPointer { w in
                (0 ..< a.layers[l]).map { j in
                    let row = offset + j * n
                    var sum = w[row] * below[0]
                    for i in 1 ..< max(1, n) { sum += w[row + i] * below[i] }
                    return sum + network.bias(layer: l, neuron: j)
                }
            }
            nets.append(layer)
            outs.append(a.activation(ofLayer: l).outputs(layer))
        }
        return (nets, outs)
    }

    public var outputs: [Double] { outs[outs.count - 1] }
}

/// One update of a layered network from a batch of samples, in either order: every δ, the
/// mean gradient and the updated network.
///
/// Textbook: every δ from the weights before the update. Published: each layer is updated
/// first (with its mean gradient over the batch), and the layer below computes its δ's, for
/// every sample of the batch, with the layer above already updated — the post's script.
public struct Step: Sendable, Equatable {
    /// The penalty on the weights, the weights dead before this update, and η.
    public let penalty: Regularization?, dead: [Bool], learningRate: Double

    /// −η·λ·R′(w) of weight `k` (nil without a penalty or for a dead weight).
    public func penaltyChange(of k: Int) -> Double? {
        guard let penalty, !(dead.indices.contains(k) && dead[k]) else { return nil }
        return -learningRate * penalty.rate * penalty.slope(before.weights[k])
    }

    public let before: Network, after: Network
    public let forwards: [ForwardPass]
    /// deltas[s][l][j] = ∂E/∂net of neuron j of layer l for sample s (deltas[s][0] is empty).
    public let deltas: [[[Double]]]
    /// The mean gradient over the batch, flat like the weights and biases.
    public let weightGradient: [Double], biasGradient: [Double]
    public let order: UpdateOrder

    public init(_ network: Network, batch: [Sample], learningRate η: Double, order: UpdateOrder,
                trainBiases: Bool, penalty: Regularization? = nil, dead: [Bool] = []) {
        let a = network.architecture, count = Double(batch.count)
        let forwards = batch.map { ForwardPass(network, $0) }
        var next = network
        var weightGradient = [Double](repeating: 0, count: a.weightCount)
        var biasGradient = [Double](repeating: 0, count: a.biasCount)
        var deltas = forwards.map { f in f.nets.map { [Double](repeating: 0, count: $0.count) } }
        for l in stride(from: a.outputLayer, through: 1, by: -1) {
            for (s, f) in forwards.enumerated() {
                deltas[s][l] = l == a.outputLayer
                    ? Self.outputDeltas(f, batch[s], a)
                    : Self.hiddenDeltas(f, deltas[s][l + 1], order == .published ? next : network, layer: l)
            }
            let offset = a.weightOffset(layer: l), n = a.layers[l - 1]
            let below = forwards.map { $0.outs[l - 1] }, layerDeltas = deltas.map { $0[l] }
            // Each weight's Σ_s δ_j·out_i added from s = 0 up, a sample at a time over whole rows.
            weightGradient.withUnsafeMutableBufferPointer { g in
                for s in 0 ..< batch.count {
                    for j in 0 ..< a.layers[l] {
                        let δ = layerDeltas[s][j], row = offset + j * n
                        below[s].withUnsafeBufferPointer { out in
                            if s == 0 {
                                for i in 0 ..< n { g[row + i] = δ * out[i] }
                            } else {
                                for i in 0 ..< n { g[row + i] += δ * out[i] }
                            }
                        }
                    }
                }
                for k in offset ..< offset + a.layers[l] * n { g[k] /= count }
            }
            for j in 0 ..< a.layers[l] {
                var sum = layerDeltas[0][j]
                for s in 1 ..< max(1, batch.count) { sum += layerDeltas[s][j] }
                biasGradient[a.biasIndex(layer: l, neuron: j)] += sum / count
            }
            for k in offset ..< offset + a.layers[l] * n {
                next.weights[k] = network.weights[k] - η * weightGradient[k]
            }
            if trainBiases {
                for k in a.biasOffset(layer: l) ..< a.biasOffset(layer: l + 1) {
                    next.biases[k] = network.biases[k] - η * biasGradient[k]
                }
            }
        }
        // The penalty after the data step, as the trainer applies it; a dead weight stays 0.
        for k in next.weights.indices where penalty != nil || dead.indices.contains(k) && dead[k] {
            next.weights[k] = dead.indices.contains(k) && dead[k] ? network.weights[k]
                : penalty!.applied(to: next.weights[k], before: network.weights[k], η: η).value
        }
        self.penalty = penalty
        self.dead = dead
        learningRate = η
        before = network
        after = next
        self.order = order
        self.forwards = forwards
        self.deltas = deltas
        self.weightGradient = weightGradient
        self.biasGradient = biasGradient
    }

    /// The weights a hidden layer's δ's were computed with: the layer above already updated
    /// (published) or as it was (textbook).
    public var weightsBehindDeltas: Network { order == .published ? after : before }

    /// One term of ∂E/∂out_j for neuron j of hidden layer l and sample s: δ_k·w_kj through
    /// neuron k of the layer above, with the weights the δ's used.
    public func term(sample s: Int, layer l: Int, neuron j: Int, via k: Int) -> Double {
        deltas[s][l + 1][k] * weightsBehindDeltas.weight(layer: l + 1, to: k, from: j)
    }

    /// One sample's share of a weight's gradient: δ_j·out_i (the batch's gradient is their
    /// mean).
    public func sampleGradient(sample s: Int, weight index: Int) -> Double {
        let ends = before.architecture.weightEnds(index)
        return deltas[s][ends.layer][ends.to] * forwards[s].outs[ends.layer - 1][ends.from]
    }

    /// ∂E/∂out_j = Σ_k δ_k·w_kj, the sum δ_j was made from, added in the same order.
    public func dE_dout(sample s: Int, layer l: Int, neuron j: Int) -> Double {
        var sum = term(sample: s, layer: l, neuron: j, via: 0)
        for k in deltas[s][l + 1].indices.dropFirst() { sum += term(sample: s, layer: l, neuron: j, via: k) }
        return sum
    }

    /// δ_o = ∂E/∂net_o: −(t − o)·f′(net) for half-squared; o − t for cross-entropy; through
    /// the softmax Jacobian for half-squared softmax.
    static func outputDeltas(_ f: ForwardPass, _ sample: Sample, _ a: Architecture) -> [Double] {
        let o = f.outputs, t = sample.targets, nets = f.nets[a.outputLayer]
        switch (a.loss, a.outputActivation) {
        case (.crossEntropy, _):
            return o.indices.map { o[$0] - t[$0] }
        case (.halfSquared, .softmax):
            let dE_dout = o.indices.map { -(t[$0] - o[$0]) }
            let weighted = o.indices.reduce(0.0) { $0 + dE_dout[$1] * o[$1] }
            return o.indices.map { o[$0] * (dE_dout[$0] - weighted) }
        case (.halfSquared, let activation):
            return o.indices.map { -(t[$0] - o[$0]) * activation.derivative(net: nets[$0], out: o[$0]) }
        }
    }

    /// δ_j = (Σ_k δ_k · w_kj) · f′(net_j) for the neurons of hidden layer l.
    static func hiddenDeltas(_ f: ForwardPass, _ above: [Double], _ weights: Network, layer l: Int) -> [Double] {
        let a = weights.architecture, activation = a.activation(ofLayer: l)
        let offset = a.weightOffset(layer: l + 1), n = a.layers[l]
        // w_kj sits at row k of the layer above, column j: each sum is added from k = 0 up, a
        // row at a time.
        var sums = [Double](repeating: 0, count: n)
        weights.weights.withUnsafeBufferPointer { w in
            for k in above.indices {
                let row = offset + k * n, δ = above[k]
                if k == 0 {
                    for j in 0 ..< n { sums[j] = δ * w[row + j] }
                } else {
                    for j in 0 ..< n { sums[j] += δ * w[row + j] }
                }
            }
        }
        return (0 ..< n).map { j in sums[j] * activation.derivative(net: f.nets[l][j], out: f.outs[l][j]) }
    }
}
