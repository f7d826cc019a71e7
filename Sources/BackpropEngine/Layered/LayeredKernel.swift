import Foundation

/// The fast path of `LayeredTrainer`: the arithmetic of `LayeredForward` and `LayeredStep`,
/// every sum in the same order (so bit-identical to them), over one flat scratch buffer
/// sized once, and the data flattened once, so nothing is allocated per update.
///
/// The samples of a batch are computed side by side: a neuron's values for the batch's
/// samples sit next to each other (neuron n, sample r at n·capacity + r), so every loop over
/// weights runs over a whole batch at once instead of once per sample.
struct LayeredKernel: Sendable {
    private let shape: KernelShape
    /// How many samples are computed side by side: the batch, and up to 32 of the samples at
    /// once for the loss (no more than there are: a small data set stays compact).
    let capacity: Int
    /// The data, flat: sample s's inputs at s·n0, its targets at s·nL.
    private let inputs: [Double], targets: [Double]
    private let testInputs: [Double], testTargets: [Double]
    /// Scratch, one region after another: nets, outs and deltas (`capacity` values per
    /// neuron), the next weights, the next biases, the bias gradient, and the weights and
    /// biases before the last update of `wholeBatchEpochs`.
    private var scratch: [Double]
    /// The samples being computed side by side.
    private var rows: [Int]

    init(_ architecture: Architecture, data: DataSet, batch: Int) {
        capacity = max(batch, min(32, max(data.training.count, data.test.count)))
        shape = KernelShape(architecture, capacity: capacity)
        inputs = data.training.flatMap(\.inputs)
        targets = data.training.flatMap(\.targets)
        testInputs = data.test.flatMap(\.inputs)
        testTargets = data.test.flatMap(\.targets)
        scratch = [Double](repeating: 0, count: shape.scratchCount)
        rows = [Int](repeating: 0, count: capacity)
    }

    /// One update of `w` and `b` from the training samples `batch`; false, changing nothing,
    /// if a number of the result would not be finite. `forwardDone`: the scratch already
    /// holds the forward pass of `w`, `b` over `batch` (the loss was just computed over the
    /// same samples in the same order).
    mutating func update(_ w: inout [Double], _ b: inout [Double], batch: ArraySlice<Int>, η: Double, order: UpdateOrder,
                         trainBiases: Bool, forwardDone: Bool = false) -> Bool {
        for (r, index) in batch.enumerated() { rows[r] = index }
        let shape = shape, count = batch.count, published = order == .published
        let finite = inputs.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { t in
            rows.withUnsafeBufferPointer { rows in w.withUnsafeBufferPointer { w in b.withUnsafeBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { s in
                    if !forwardDone { shape.forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count) }
                    return shape.backward(s, t, rows, w.baseAddress!, b.baseAddress!, count: count, η: η, published: published,
                                          trainBiases: trainBiases)
                }
            } } }
        } }
        guard finite else { return false }
        for k in 0 ..< shape.weightCount { w[k] = scratch[shape.nextWeights + k] }
        for k in 0 ..< shape.biasCount { b[k] = scratch[shape.nextBiases + k] }
        return true
    }

    /// Up to `losses.count` updates, each on every training sample in their own order (epochs
    /// of one batch), writing each new network's mean loss to `losses`, all in one pass over
    /// the scratch: the forward pass that scores an update is the next one's. Stops before an
    /// update whose numbers or loss would not be finite; returns how many it took. The
    /// network before the last update taken is kept for `previous`. The scratch must hold
    /// the forward pass of `w`, `b` when `forwardDone`.
    mutating func wholeBatchEpochs(_ w: inout [Double], _ b: inout [Double], η: Double, order: UpdateOrder, trainBiases: Bool,
                                   forwardDone: Bool, losses: UnsafeMutableBufferPointer<Double>) -> Int {
        let count = inputs.count / shape.layers[0]
        for r in 0 ..< count { rows[r] = r }
        let shape = shape, published = order == .published, n = Double(count)
        return inputs.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { t in
            rows.withUnsafeBufferPointer { rows in w.withUnsafeMutableBufferPointer { w in b.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { s in
                    let nextW = s.baseAddress! + shape.nextWeights, nextB = s.baseAddress! + shape.nextBiases
                    if !forwardDone { shape.forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count) }
                    for step in 0 ..< losses.count {
                        guard shape.backward(s, t, rows, w.baseAddress!, b.baseAddress!, count: count, η: η, published: published,
                                             trainBiases: trainBiases) else { return step }
                        // The new network's forward pass scores it and starts the next update.
                        shape.forward(s, x, rows, nextW, nextB, count: count)
                        // A mean of one is the value itself, bit for bit: no division then.
                        let total = shape.loss(s, t, rows, count: count), loss = count == 1 ? total : total / n
                        guard loss.isFinite else {
                            // Leave the scratch holding the forward pass of `w` again.
                            shape.forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count)
                            return step
                        }
                        if step == losses.count - 1 {
                            for k in 0 ..< shape.weightCount { s[shape.previousWeights + k] = w[k] }
                            for k in 0 ..< shape.biasCount { s[shape.previousBiases + k] = b[k] }
                        }
                        for k in 0 ..< shape.weightCount { w[k] = nextW[k] }
                        for k in 0 ..< shape.biasCount { b[k] = nextB[k] }
                        losses[step] = loss
                    }
                    return losses.count
                }
            } } }
        } }
    }

    /// The weights and biases before the last update `wholeBatchEpochs` took.
    var previousParameters: (weights: [Double], biases: [Double]) {
        (Array(scratch[shape.previousWeights ..< shape.previousWeights + shape.weightCount]),
         Array(scratch[shape.previousBiases ..< shape.previousBiases + shape.biasCount]))
    }

    /// The mean loss over the training samples (or the test samples), as
    /// `LayeredTrainer.meanLoss` computes it: the samples' losses added in their order.
    mutating func meanLoss(_ w: [Double], _ b: [Double], test: Bool = false) -> Double {
        let samples = (test ? testInputs.count : inputs.count) / shape.layers[0], c = capacity, shape = shape
        guard samples > 0 else { return 0 }
        var total = 0.0
        for start in stride(from: 0, to: samples, by: c) {
            let count = min(c, samples - start)
            for r in 0 ..< count { rows[r] = start + r }
            total = (test ? testInputs : inputs).withUnsafeBufferPointer { x in (test ? testTargets : targets).withUnsafeBufferPointer { t in
                rows.withUnsafeBufferPointer { rows in w.withUnsafeBufferPointer { w in b.withUnsafeBufferPointer { b in
                    scratch.withUnsafeMutableBufferPointer { s in
                        shape.forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count)
                        return shape.loss(s, t, rows, count: count, adding: total)
                    }
                } } }
            } }
        }
        return total / Double(samples)
    }
}

/// The layer sizes, activations and offsets the kernel's passes read, and where each region
/// of the scratch starts.
private struct KernelShape: Sendable {
    let layers: [Int]
    let activation: [Activation]
    let loss: Loss, outputActivation: Activation, perNeuron: Bool
    /// Per layer l: its first neuron, its first weight and its first bias.
    let nodeOffset: [Int], weightOffset: [Int], biasOffset: [Int]
    let weightCount: Int, biasCount: Int
    let capacity: Int

    init(_ a: Architecture, capacity: Int) {
        layers = a.layers
        activation = (0 ..< a.layers.count).map { $0 == 0 ? .linear : a.activation(ofLayer: $0) }
        loss = a.loss
        outputActivation = a.outputActivation
        perNeuron = a.bias == .perNeuron
        var offsets = [0]
        for size in a.layers { offsets.append(offsets[offsets.count - 1] + size) }
        nodeOffset = offsets
        weightOffset = (0 ... a.layers.count).map { $0 == 0 ? 0 : a.weightOffset(layer: $0) }
        biasOffset = (0 ... a.layers.count).map { $0 == 0 ? 0 : a.biasOffset(layer: $0) }
        weightCount = a.weightCount
        biasCount = a.biasCount
        self.capacity = capacity
    }

    var nets: Int { 0 }
    var outs: Int { nodeOffset[layers.count] * capacity }
    var deltas: Int { 2 * outs }
    var nextWeights: Int { 3 * outs }
    var nextBiases: Int { nextWeights + weightCount }
    var biasGradient: Int { nextBiases + biasCount }
    var previousWeights: Int { biasGradient + biasCount }
    var previousBiases: Int { previousWeights + weightCount }
    var scratchCount: Int { previousBiases + biasCount }

    /// The forward pass of the samples `rows[0 ..< count]`, side by side, with weights `w`
    /// and biases `b` (which may point into the scratch's next-weights region).
    func forward(_ s: UnsafeMutableBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, _ rows: UnsafeBufferPointer<Int>,
                 _ w: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) {
        let c = capacity, n0 = layers[0], nets = nets, outs = outs
        for i in 0 ..< n0 {
            for r in 0 ..< count { s[outs + i * c + r] = x[rows[r] * n0 + i] }
        }
        for l in 1 ..< layers.count {
            let below = nodeOffset[l - 1], here = nodeOffset[l], fanIn = layers[l - 1]
            let weights = weightOffset[l], biases = biasOffset[l]
            let out = outs + below * c
            for j in 0 ..< layers[l] {
                let net = nets + (here + j) * c, row = weights + j * fanIn, bias = b[biases + (perNeuron ? j : 0)]
                for r in 0 ..< count {
                    var sum = 0.0
                    for i in 0 ..< fanIn { sum += w[row + i] * s[out + i * c + r] }
                    s[net + r] = sum + bias
                }
            }
            Self.activate(s, activation[l], from: here * c, neurons: layers[l], capacity: c, count: count, nets: nets, outs: outs)
        }
    }

    /// The backward pass of the samples the scratch holds the forward pass of, writing the
    /// updated weights and biases to their regions; false if one of them is not finite.
    func backward(_ s: UnsafeMutableBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, _ rows: UnsafeBufferPointer<Int>,
                  _ w: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int, η: Double, published: Bool,
                  trainBiases: Bool) -> Bool {
        let n = Double(count), single = count == 1, L = layers.count - 1, c = capacity
        let outs = outs, deltas = deltas, nextW = nextWeights, nextB = nextBiases, gradB = biasGradient
        for k in 0 ..< biasCount {
            s[gradB + k] = 0
            s[nextB + k] = b[k]
        }
        for l in stride(from: L, through: 1, by: -1) {
            let here = nodeOffset[l], size = layers[l]
            if l == L {
                Self.outputDeltas(s, t, rows, count: count, capacity: c, first: here * c, outputs: size, loss: loss,
                                  activation: outputActivation, nets: 0, outs: outs, deltas: deltas)
            } else {
                // Published: the layer above already updated; textbook: as it was.
                let above = nodeOffset[l + 1], fanOut = layers[l + 1], weights = weightOffset[l + 1]
                let source = published ? UnsafePointer(s.baseAddress! + nextW) : w
                let δAbove = deltas + above * c
                for j in 0 ..< size {
                    let δ = deltas + (here + j) * c
                    for r in 0 ..< count {
                        var sum = 0.0
                        for k in 0 ..< fanOut { sum += s[δAbove + k * c + r] * source[weights + k * size + j] }
                        s[δ + r] = sum
                    }
                }
                Self.multiplyByDerivative(s, activation[l], from: here * c, neurons: size, capacity: c, count: count,
                                          nets: 0, outs: outs, deltas: deltas)
            }
            let below = nodeOffset[l - 1], fanIn = layers[l - 1], weights = weightOffset[l], biases = biasOffset[l]
            for j in 0 ..< size {
                let δ = deltas + (here + j) * c
                for i in 0 ..< fanIn {
                    let out = outs + (below + i) * c
                    var sum = 0.0
                    for r in 0 ..< count { sum += s[δ + r] * s[out + r] }
                    let k = weights + j * fanIn + i
                    // A mean of one is the value itself, bit for bit: no division then.
                    s[nextW + k] = w[k] - η * (single ? sum : sum / n)
                }
                var sum = 0.0
                for r in 0 ..< count { sum += s[δ + r] }
                s[gradB + biases + (perNeuron ? j : 0)] += single ? sum : sum / n
            }
            if trainBiases {
                for k in biases ..< biasOffset[l + 1] { s[nextB + k] = b[k] - η * s[gradB + k] }
            }
        }
        for k in 0 ..< weightCount + biasCount where !s[nextW + k].isFinite { return false }
        return true
    }

    /// `total` plus the loss of each of the samples `rows[0 ..< count]` whose forward pass
    /// the scratch holds, added sample by sample in order.
    func loss(_ s: UnsafeMutableBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, _ rows: UnsafeBufferPointer<Int>,
              count: Int, adding total: Double = 0) -> Double {
        let nL = layers[layers.count - 1], last = outs + nodeOffset[layers.count - 1] * capacity, c = capacity
        var total = total
        for r in 0 ..< count {
            var value = 0.0
            for k in 0 ..< nL {
                value += loss.term(output: s[last + k * c + r], target: t[rows[r] * nL + k], activation: outputActivation)
            }
            total += value
        }
        return total
    }

    /// out = f(net) for `neurons` neurons from `first`; one loop per activation, not a switch
    /// per value: this is the hot path.
    @inline(__always)
    private static func activate(_ s: UnsafeMutableBufferPointer<Double>, _ activation: Activation, from first: Int, neurons: Int,
                                 capacity c: Int, count: Int, nets: Int, outs: Int) {
        switch activation {
        case .logistic:
            for j in 0 ..< neurons { for k in first + j * c ..< first + j * c + count { s[outs + k] = logistic(s[nets + k]) } }
        case .tanh:
            for j in 0 ..< neurons { for k in first + j * c ..< first + j * c + count { s[outs + k] = hyperbolicTangent(s[nets + k]) } }
        case .relu:
            for j in 0 ..< neurons { for k in first + j * c ..< first + j * c + count { s[outs + k] = max(0, s[nets + k]) } }
        case .linear:
            for j in 0 ..< neurons { for k in first + j * c ..< first + j * c + count { s[outs + k] = s[nets + k] } }
        case .softmax:
            for r in 0 ..< count {
                var top = s[nets + first + r]
                for j in 0 ..< neurons { top = max(top, s[nets + first + j * c + r]) }
                var sum = 0.0
                for j in 0 ..< neurons {
                    s[outs + first + j * c + r] = exp(s[nets + first + j * c + r] - top)
                    sum += s[outs + first + j * c + r]
                }
                for j in 0 ..< neurons { s[outs + first + j * c + r] /= sum }
            }
        }
    }

    /// δ ·= ∂out/∂net for `neurons` neurons from `first`.
    @inline(__always)
    private static func multiplyByDerivative(_ s: UnsafeMutableBufferPointer<Double>, _ activation: Activation, from first: Int,
                                             neurons: Int, capacity c: Int, count: Int, nets: Int, outs: Int, deltas: Int) {
        for j in 0 ..< neurons {
            let start = first + j * c
            switch activation {
            case .tanh: for k in start ..< start + count { s[deltas + k] *= 1 - s[outs + k] * s[outs + k] }
            case .logistic: for k in start ..< start + count { s[deltas + k] *= s[outs + k] * (1 - s[outs + k]) }
            default:
                for k in start ..< start + count {
                    s[deltas + k] *= activation.derivative(net: s[nets + k], out: s[outs + k])
                }
            }
        }
    }

    /// δ_o for the output layer, as `LayeredStep.outputDeltas` computes it.
    @inline(__always)
    private static func outputDeltas(_ s: UnsafeMutableBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>,
                                     _ rows: UnsafeBufferPointer<Int>, count: Int, capacity c: Int, first: Int, outputs nL: Int,
                                     loss: Loss, activation outputActivation: Activation, nets: Int, outs: Int, deltas: Int) {
        let outs = outs + first, nets = nets + first, deltas = deltas + first
        for r in 0 ..< count {
            let target = rows[r] * nL
            switch (loss, outputActivation) {
            case (.crossEntropy, _):
                for k in 0 ..< nL { s[deltas + k * c + r] = s[outs + k * c + r] - t[target + k] }
            case (.halfSquared, .softmax):
                var weighted = 0.0
                for k in 0 ..< nL { weighted += -(t[target + k] - s[outs + k * c + r]) * s[outs + k * c + r] }
                for k in 0 ..< nL { s[deltas + k * c + r] = s[outs + k * c + r] * (-(t[target + k] - s[outs + k * c + r]) - weighted) }
            case (.halfSquared, .logistic):
                for k in 0 ..< nL {
                    let out = s[outs + k * c + r]
                    s[deltas + k * c + r] = -(t[target + k] - out) * (out * (1 - out))
                }
            case (.halfSquared, let activation):
                for k in 0 ..< nL {
                    s[deltas + k * c + r] = -(t[target + k] - s[outs + k * c + r])
                        * activation.derivative(net: s[nets + k * c + r], out: s[outs + k * c + r])
                }
            }
        }
    }
}
