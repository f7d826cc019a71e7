import Foundation

/// The fast path of `LayeredTrainer`: the arithmetic of `LayeredForward` and `LayeredStep`,
/// in the same order (so bit-identical to them), over one flat scratch buffer sized once per
/// architecture and batch, and the data flattened once, so nothing is allocated per update.
struct LayeredKernel: Sendable {
    private let layers: [Int]
    private let activation: [Activation]
    private let loss: Loss, outputActivation: Activation, perNeuron: Bool
    /// Per layer l: where its neurons start in a sample's row, and its weights and biases.
    private let nodeOffset: [Int], weightOffset: [Int], biasOffset: [Int]
    private let nodes: Int, weightCount: Int, biasCount: Int
    /// The size of each of the nets, outs and deltas regions: a row per sample of a batch.
    private let area: Int
    /// The data, flat: sample s's inputs at s·n0, its targets at s·nL.
    private let inputs: [Double], targets: [Double]
    private let testInputs: [Double], testTargets: [Double]
    /// Scratch, one region after another: nets, outs and deltas (a row of `nodes` per
    /// sample of the batch), the next weights, the next biases, the bias gradient.
    private var scratch: [Double]

    init(_ architecture: Architecture, data: DataSet, batch: Int) {
        let a = architecture
        layers = a.layers
        activation = (0 ..< a.layers.count).map { $0 == 0 ? .linear : a.activation(ofLayer: $0) }
        loss = a.loss
        outputActivation = a.outputActivation
        perNeuron = a.bias == .perNeuron
        var offsets = [0]
        for size in a.layers { offsets.append(offsets[offsets.count - 1] + size) }
        nodeOffset = offsets
        nodes = offsets[offsets.count - 1]
        weightOffset = (0 ... a.layers.count).map { $0 == 0 ? 0 : a.weightOffset(layer: $0) }
        biasOffset = (0 ... a.layers.count).map { $0 == 0 ? 0 : a.biasOffset(layer: $0) }
        weightCount = a.weightCount
        biasCount = a.biasCount
        inputs = data.training.flatMap(\.inputs)
        targets = data.training.flatMap(\.targets)
        testInputs = data.test.flatMap(\.inputs)
        testTargets = data.test.flatMap(\.targets)
        area = nodes * max(1, batch)
        scratch = [Double](repeating: 0, count: 3 * area + weightCount + 2 * biasCount)
    }

    /// One update of `w` and `b` from the training samples `batch`; false, changing nothing,
    /// if a number of the result would not be finite.
    mutating func update(_ w: inout [Double], _ b: inout [Double], batch: ArraySlice<Int>, η: Double, order: UpdateOrder,
                         trainBiases: Bool) -> Bool {
        let rows = batch.count, count = Double(rows), L = layers.count - 1, nodes = nodes
        let layers = layers, activation = activation, nodeOffset = nodeOffset, weightOffset = weightOffset, biasOffset = biasOffset
        let perNeuron = perNeuron, published = order == .published, loss = loss, outputActivation = outputActivation
        let n0 = layers[0], nL = layers[L], weightCount = weightCount, biasCount = biasCount
        let nets = 0, outs = area, deltas = 2 * area
        let nextW = 3 * area, nextB = nextW + weightCount, gradB = nextB + biasCount
        let finite = inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { t in
                w.withUnsafeBufferPointer { w in
                    b.withUnsafeBufferPointer { b in
                        scratch.withUnsafeMutableBufferPointer { s in
                            for (row, index) in batch.enumerated() {
                                Self.forward(s, row * nodes, x, index * n0, w, b, layers, activation, nodeOffset, weightOffset,
                                             biasOffset, perNeuron, nets: nets, outs: outs)
                            }
                            for k in 0 ..< biasCount {
                                s[gradB + k] = 0
                                s[nextB + k] = b[k]
                            }
                            for l in stride(from: L, through: 1, by: -1) {
                                let here = nodeOffset[l], size = layers[l]
                                for (row, index) in batch.enumerated() {
                                    let base = row * nodes + here
                                    if l == L {
                                        Self.outputDeltas(s, base, t, index * nL, nL, loss, outputActivation, nets: nets, outs: outs,
                                                          deltas: deltas)
                                    } else {
                                        let above = row * nodes + nodeOffset[l + 1], fanOut = layers[l + 1]
                                        // Published: the layer above already updated; textbook: as it was.
                                        let source = published ? UnsafeBufferPointer(rebasing: s[nextW ..< nextB]) : w
                                        let weights = weightOffset[l + 1], derivative = activation[l]
                                        for j in 0 ..< size {
                                            var sum = 0.0
                                            for k in 0 ..< fanOut { sum += s[deltas + above + k] * source[weights + k * size + j] }
                                            s[deltas + base + j] = sum * derivative.derivative(net: s[nets + base + j], out: s[outs + base + j])
                                        }
                                    }
                                }
                                let below = nodeOffset[l - 1], fanIn = layers[l - 1], weights = weightOffset[l], biases = biasOffset[l]
                                for j in 0 ..< size {
                                    for i in 0 ..< fanIn {
                                        var sum = 0.0
                                        for row in 0 ..< rows { sum += s[deltas + row * nodes + here + j] * s[outs + row * nodes + below + i] }
                                        let k = weights + j * fanIn + i
                                        s[nextW + k] = w[k] - η * (sum / count)
                                    }
                                    var sum = 0.0
                                    for row in 0 ..< rows { sum += s[deltas + row * nodes + here + j] }
                                    s[gradB + biases + (perNeuron ? j : 0)] += sum / count
                                }
                                if trainBiases {
                                    for k in biases ..< biasOffset[l + 1] { s[nextB + k] = b[k] - η * s[gradB + k] }
                                }
                            }
                            for k in 0 ..< weightCount + biasCount where !s[nextW + k].isFinite { return false }
                            return true
                        }
                    }
                }
            }
        }
        guard finite else { return false }
        for k in 0 ..< weightCount { w[k] = scratch[nextW + k] }
        for k in 0 ..< biasCount { b[k] = scratch[nextB + k] }
        return true
    }

    /// The forward pass of the sample at `x[input…]` into row `base` of the scratch.
    @inline(__always)
    private static func forward(_ s: UnsafeMutableBufferPointer<Double>, _ base: Int, _ x: UnsafeBufferPointer<Double>, _ input: Int,
                                _ w: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ layers: [Int],
                                _ activation: [Activation], _ nodeOffset: [Int], _ weightOffset: [Int], _ biasOffset: [Int],
                                _ perNeuron: Bool, nets: Int, outs: Int) {
        for i in 0 ..< layers[0] { s[outs + base + i] = x[input + i] }
        for l in 1 ..< layers.count {
            let below = base + nodeOffset[l - 1], here = base + nodeOffset[l], fanIn = layers[l - 1]
            let weights = weightOffset[l], biases = biasOffset[l]
            for j in 0 ..< layers[l] {
                var sum = 0.0
                let row = weights + j * fanIn
                for i in 0 ..< fanIn { sum += w[row + i] * s[outs + below + i] }
                s[nets + here + j] = sum + b[biases + (perNeuron ? j : 0)]
            }
            let start = here, end = here + layers[l]
            // One loop per activation, not a switch per neuron: this is the hot path.
            switch activation[l] {
            case .logistic: for k in start ..< end { s[outs + k] = logistic(s[nets + k]) }
            case .tanh: for k in start ..< end { s[outs + k] = Foundation.tanh(s[nets + k]) }
            case .relu: for k in start ..< end { s[outs + k] = max(0, s[nets + k]) }
            case .linear: for k in start ..< end { s[outs + k] = s[nets + k] }
            case .softmax:
                var top = s[nets + start]
                for k in start ..< end { top = max(top, s[nets + k]) }
                var sum = 0.0
                for k in start ..< end {
                    s[outs + k] = exp(s[nets + k] - top)
                    sum += s[outs + k]
                }
                for k in start ..< end { s[outs + k] /= sum }
            }
        }
    }

    /// δ_o for the output row at `base`, as `LayeredStep.outputDeltas` computes it.
    @inline(__always)
    private static func outputDeltas(_ s: UnsafeMutableBufferPointer<Double>, _ base: Int, _ t: UnsafeBufferPointer<Double>, _ target: Int,
                                     _ count: Int, _ loss: Loss, _ activation: Activation, nets: Int, outs: Int, deltas: Int) {
        switch (loss, activation) {
        case (.crossEntropy, _):
            for k in 0 ..< count { s[deltas + base + k] = s[outs + base + k] - t[target + k] }
        case (.halfSquared, .softmax):
            var weighted = 0.0
            for k in 0 ..< count { weighted += -(t[target + k] - s[outs + base + k]) * s[outs + base + k] }
            for k in 0 ..< count { s[deltas + base + k] = s[outs + base + k] * (-(t[target + k] - s[outs + base + k]) - weighted) }
        case (.halfSquared, let activation):
            for k in 0 ..< count {
                s[deltas + base + k] = -(t[target + k] - s[outs + base + k])
                    * activation.derivative(net: s[nets + base + k], out: s[outs + base + k])
            }
        }
    }

    /// The mean loss over the training samples (or the test samples), as
    /// `LayeredTrainer.meanLoss` computes it.
    mutating func meanLoss(_ w: [Double], _ b: [Double], test: Bool = false) -> Double {
        let layers = layers, activation = activation, nodeOffset = nodeOffset, weightOffset = weightOffset, biasOffset = biasOffset
        let perNeuron = perNeuron, loss = loss, outputActivation = outputActivation
        let n0 = layers[0], nL = layers[layers.count - 1], last = nodeOffset[layers.count - 1]
        let outs = area, samples = (test ? testInputs.count : inputs.count) / n0
        let x = test ? testInputs : inputs, targets = test ? testTargets : self.targets
        guard samples > 0 else { return 0 }
        return x.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { t in
                w.withUnsafeBufferPointer { w in
                    b.withUnsafeBufferPointer { b in
                        scratch.withUnsafeMutableBufferPointer { s in
                            var total = 0.0
                            for sample in 0 ..< samples {
                                Self.forward(s, 0, x, sample * n0, w, b, layers, activation, nodeOffset, weightOffset, biasOffset,
                                             perNeuron, nets: 0, outs: outs)
                                var value = 0.0
                                for k in 0 ..< nL {
                                    value += loss.term(output: s[outs + last + k], target: t[sample * nL + k], activation: outputActivation)
                                }
                                total += value
                            }
                            return total / Double(samples)
                        }
                    }
                }
            }
        }
    }
}
