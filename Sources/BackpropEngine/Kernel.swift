import Foundation

/// The fast path of `Trainer`: the arithmetic of `ForwardPass` and `Step`,
/// every sum from its first term in the same order (so bit-identical to them), over one flat
/// scratch buffer sized once, and the data flattened once, so nothing is allocated per update.
///
/// The samples of a batch are computed side by side: a neuron's values for the batch's
/// samples sit next to each other (neuron n, sample r at n·capacity + r), so every loop over
/// weights runs over a whole batch at once instead of once per sample.
struct Kernel: Sendable {
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
        inputs = data.training.flatMap { architecture.inputLayer($0.inputs) }
        targets = data.training.flatMap(\.targets)
        testInputs = data.test.flatMap { architecture.inputLayer($0.inputs) }
        testTargets = data.test.flatMap(\.targets)
        scratch = [Double](repeating: 0, count: shape.scratchCount)
        rows = [Int](repeating: 0, count: capacity)
    }

    /// One update of `w` and `b` from the training samples `batch`; false, changing nothing,
    /// if a number of the result would not be finite. `forwardDone`: the scratch already
    /// holds the forward pass of `w`, `b` over `batch` (the loss was just computed over the
    /// same samples in the same order).
    mutating func update(_ w: inout [Double], _ b: inout [Double], batch: ArraySlice<Int>, η: Double, order: UpdateOrder,
                         trainBiases: Bool, penalty: Regularization? = nil, dead: inout [Bool], forwardDone: Bool = false) -> Bool {
        for (r, index) in batch.enumerated() { rows[r] = index }
        let shape = shape, count = batch.count, published = order == .published
        let finite = inputs.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { t in
            rows.withUnsafeBufferPointer { rows in w.withUnsafeBufferPointer { w in b.withUnsafeBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { s in
                    if !forwardDone { shape.forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count) }
                    return shape.backward(s, t, rows, w.baseAddress!, b.baseAddress!,
                                          into: s.baseAddress! + shape.nextWeights, s.baseAddress! + shape.nextBiases,
                                          count: count, η: η, published: published,
                                          trainBiases: trainBiases)
                }
            } } }
        } }
        guard finite, penalty == nil && dead.isEmpty || penalize(w, η: η, penalty, dead: &dead) else { return false }
        for k in 0 ..< shape.weightCount { w[k] = scratch[shape.nextWeights + k] }
        for k in 0 ..< shape.biasCount { b[k] = scratch[shape.nextBiases + k] }
        return true
    }

    /// The penalty after the data step the scratch holds for weights `w`: each live weight's
    /// next value less η·λ·R′(w); with clipping, one pushed across 0 becomes 0 and dead; a
    /// dead weight stays 0. False, marking none dead, if a number is not finite.
    private mutating func penalize(_ w: [Double], η: Double, _ penalty: Regularization?, dead: inout [Bool]) -> Bool {
        let next = shape.nextWeights
        var died: [Int] = []
        for k in 0 ..< shape.weightCount {
            if !dead.isEmpty, dead[k] {
                scratch[next + k] = w[k]
                continue
            }
            guard let penalty else { continue }
            let (value, dies) = penalty.applied(to: scratch[next + k], before: w[k], η: η)
            guard value.isFinite else { return false }
            scratch[next + k] = value
            if dies { died.append(k) }
        }
        for k in died { dead[k] = true }
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
        let shape = shape, published = order == .published
        return inputs.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { t in
            rows.withUnsafeBufferPointer { rows in w.withUnsafeMutableBufferPointer { w in b.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { s in
                    // The post's network on its one sample: its shape known when compiled.
                    if shape.isPost {
                        return Self.postEpochs(s, x, t, rows, w, b, η: η, published: published, trainBiases: trainBiases,
                                               forwardDone: forwardDone, losses: losses)
                    }
                    return shape.epochs(s, x, t, rows, w, b, count: count, η: η, published: published, trainBiases: trainBiases,
                                        forwardDone: forwardDone, losses: losses)
                }
            } } }
        } }
    }

    /// `wholeBatchEpochs` of the post's network on its one sample, over a copy of the scratch
    /// and the network on the stack: of a size known when compiled and never seen outside,
    /// the compiler keeps them in registers.
    private static func postEpochs(_ s: UnsafeMutableBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>,
                                   _ t: UnsafeBufferPointer<Double>, _ rows: UnsafeBufferPointer<Int>,
                                   _ w: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>, η: Double,
                                   published: Bool, trainBiases: Bool, forwardDone: Bool,
                                   losses: UnsafeMutableBufferPointer<Double>) -> Int {
        let post = PostLayout(), n = post.scratchCount, weights = post.weightCount, biases = post.biasCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n + weights + biases) { local in
            for k in 0 ..< n { local[k] = s[k] }
            for k in 0 ..< weights { local[n + k] = w[k] }
            for k in 0 ..< biases { local[n + weights + k] = b[k] }
            let done = post.epochs(UnsafeMutableBufferPointer(rebasing: local[0 ..< n]), x, t, rows,
                                   UnsafeMutableBufferPointer(rebasing: local[n ..< n + weights]),
                                   UnsafeMutableBufferPointer(rebasing: local[n + weights ..< n + weights + biases]),
                                   count: 1, η: η, published: published, trainBiases: trainBiases, forwardDone: forwardDone,
                                   losses: losses)
            for k in 0 ..< n { s[k] = local[k] }
            for k in 0 ..< weights { w[k] = local[n + k] }
            for k in 0 ..< biases { b[k] = local[n + weights + k] }
            return done
        }
    }

    /// The weights and biases before the last update `wholeBatchEpochs` took.
    var previousParameters: (weights: [Double], biases: [Double]) {
        (Array(scratch[shape.previousWeights ..< shape.previousWeights + shape.weightCount]),
         Array(scratch[shape.previousBiases ..< shape.previousBiases + shape.biasCount]))
    }

    /// The mean loss over the training samples (or the test samples), as
    /// `Trainer.meanLoss` computes it: the samples' losses added in their order.
    mutating func meanLoss(_ w: [Double], _ b: [Double], test: Bool = false) -> Double {
        var total = 0.0
        let samples = forEachChunk(w, b, test: test) { shape, s, t, rows, count in total = shape.loss(s, t, rows, count: count, adding: total) }
        return samples > 0 ? total / Double(samples) : 0
    }

    /// The fraction of the training (or test) samples whose outputs are on their targets'
    /// side, as `Network.accuracy` counts it.
    mutating func accuracy(_ w: [Double], _ b: [Double], test: Bool, activation: Activation) -> Double {
        var right = 0
        let samples = forEachChunk(w, b, test: test) { shape, s, t, rows, count in
            let c = shape.capacity, nL = shape.layers[shape.layers.count - 1], last = shape.outs + shape.nodeOffset[shape.layers.count - 1] * c
            for r in 0 ..< count where Network.isRight(nL, output: { s[last + $0 * c + r] }, target: { t[rows[r] * nL + $0] },
                                                       activation: activation) {
                right += 1
            }
        }
        return Double(right) / Double(max(1, samples))
    }

    /// Runs the forward pass over the training (or test) samples a scratch-full at a time,
    /// handing each chunk to `body`; returns how many samples there were.
    private mutating func forEachChunk(_ w: [Double], _ b: [Double], test: Bool,
                                       _ body: (KernelShape, UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>,
                                                UnsafeBufferPointer<Int>, Int) -> Void) -> Int {
        let samples = (test ? testInputs.count : inputs.count) / shape.layers[0], c = capacity, shape = shape
        for start in stride(from: 0, to: samples, by: c) {
            let count = min(c, samples - start)
            for r in 0 ..< count { rows[r] = start + r }
            (test ? testInputs : inputs).withUnsafeBufferPointer { x in (test ? testTargets : targets).withUnsafeBufferPointer { t in
                rows.withUnsafeBufferPointer { rows in w.withUnsafeBufferPointer { w in b.withUnsafeBufferPointer { b in
                    scratch.withUnsafeMutableBufferPointer { s in
                        shape.forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count)
                        body(shape, s, t, rows, count)
                    }
                } } }
            } }
        }
        return samples
    }
}

/// What the kernel's passes read of a network's shape. `KernelShape` reads it from the
/// architecture; `PostLayout` knows the post's when compiled, so that every loop and switch
/// of the passes folds into straight-line arithmetic like the post's own (the same
/// operations in the same order: bit for bit the same numbers).
private protocol KernelLayout {
    /// Layers, the input layer included.
    var depth: Int { get }
    /// Neurons in layer `l`.
    func size(_ l: Int) -> Int
    /// Layer `l`'s first neuron; `node(depth)` is the neuron count.
    func node(_ l: Int) -> Int
    /// Layer `l`'s first weight and first bias (l ≥ 1; `bias(depth)` is the bias count).
    func weight(_ l: Int) -> Int
    func bias(_ l: Int) -> Int
    func activation(_ l: Int) -> Activation
    var outputActivation: Activation { get }
    var loss: Loss { get }
    var perNeuron: Bool { get }
    var weightCount: Int { get }
    var biasCount: Int { get }
    /// Values per neuron in the scratch: samples computed side by side.
    var capacity: Int { get }
    /// How many samples a pass given `count` computes.
    func samples(_ count: Int) -> Int
}

/// Any architecture's shape, as the kernel reads it.
private struct KernelShape: KernelLayout, Sendable {
    let layers: [Int]
    let activations: [Activation]
    let loss: Loss, outputActivation: Activation, perNeuron: Bool
    /// Per layer l: its first neuron, its first weight and its first bias.
    let nodeOffset: [Int], weightOffset: [Int], biasOffset: [Int]
    let weightCount: Int, biasCount: Int
    let capacity: Int
    /// Whether this is the post's network on its one sample: `PostLayout` then.
    let isPost: Bool

    init(_ a: Architecture, capacity: Int) {
        layers = a.layers
        activations = (0 ..< a.layers.count).map { $0 == 0 ? .linear : a.activation(ofLayer: $0) }
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
        isPost = a == PostLayout.architecture && capacity == 1
    }

    var depth: Int { layers.count }
    func size(_ l: Int) -> Int { layers[l] }
    func node(_ l: Int) -> Int { nodeOffset[l] }
    func weight(_ l: Int) -> Int { weightOffset[l] }
    func bias(_ l: Int) -> Int { biasOffset[l] }
    func activation(_ l: Int) -> Activation { activations[l] }
    func samples(_ count: Int) -> Int { count }
}

/// The post's network (2-2-2, logistic, ½-squared, shared biases) on its one sample.
private struct PostLayout: KernelLayout {
    static let architecture = Architecture.post
    var depth: Int { 3 }
    func size(_ l: Int) -> Int { 2 }
    func node(_ l: Int) -> Int { 2 * l }
    func weight(_ l: Int) -> Int { 4 * (l - 1) }
    func bias(_ l: Int) -> Int { l - 1 }
    func activation(_ l: Int) -> Activation { l == 0 ? .linear : .logistic }
    var outputActivation: Activation { .logistic }
    var loss: Loss { .halfSquared }
    var perNeuron: Bool { false }
    var weightCount: Int { 8 }
    var biasCount: Int { 2 }
    var capacity: Int { 1 }
    func samples(_ count: Int) -> Int { 1 }
}

/// Where each region of the scratch starts, and the passes.
extension KernelLayout {
    var outs: Int { node(depth) * capacity }
    var deltas: Int { 2 * outs }
    var nextWeights: Int { 3 * outs }
    var nextBiases: Int { nextWeights + weightCount }
    var biasGradient: Int { nextBiases + biasCount }
    var previousWeights: Int { biasGradient + biasCount }
    var previousBiases: Int { previousWeights + weightCount }
    var scratchCount: Int { previousBiases + biasCount }

    /// `Kernel.wholeBatchEpochs` over the scratch.
    @inline(__always)
    func epochs(_ s: UnsafeMutableBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>,
                                _ t: UnsafeBufferPointer<Double>, _ rows: UnsafeBufferPointer<Int>,
                                _ w: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>, count: Int, η: Double,
                                published: Bool, trainBiases: Bool, forwardDone: Bool,
                                losses: UnsafeMutableBufferPointer<Double>) -> Int {
        let count = samples(count), n = Double(count), nw = s.baseAddress! + nextWeights, nb = s.baseAddress! + nextBiases
        if !forwardDone { forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count) }
        var done = 0
        while done < losses.count {
            guard backward(s, t, rows, w.baseAddress!, b.baseAddress!, into: nw, nb, count: count, η: η, published: published,
                           trainBiases: trainBiases) else { break }
            // The new network's forward pass scores it and starts the next update.
            forward(s, x, rows, nw, nb, count: count)
            // A mean of one is the value itself, bit for bit: no division then.
            let total = loss(s, t, rows, count: count), loss = count == 1 ? total : total / n
            guard loss.isFinite else {
                // Leave the scratch holding the forward pass of the network kept.
                forward(s, x, rows, w.baseAddress!, b.baseAddress!, count: count)
                break
            }
            if done == losses.count - 1 {
                for k in 0 ..< weightCount { s[previousWeights + k] = w[k] }
                for k in 0 ..< biasCount { s[previousBiases + k] = b[k] }
            }
            for k in 0 ..< weightCount { w[k] = nw[k] }
            for k in 0 ..< biasCount { b[k] = nb[k] }
            losses[done] = loss
            done += 1
        }
        return done
    }

    /// The forward pass of the samples `rows[0 ..< count]`, side by side, with weights `w`
    /// and biases `b` (which may point into the scratch's next-weights region).
    @inline(__always)
    func forward(_ s: UnsafeMutableBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>,
                                 _ rows: UnsafeBufferPointer<Int>, _ w: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                 count: Int) {
        let c = capacity, n0 = size(0), nets = 0, outs = node(depth) * c, count = samples(count)
        for i in 0 ..< n0 {
            for r in 0 ..< count { s[outs + i * c + r] = x[rows[r] * n0 + i] }
        }
        for l in 1 ..< depth {
            let below = node(l - 1), here = node(l), fanIn = size(l - 1)
            let weights = weight(l), biases = bias(l), out = outs + below * c
            for j in 0 ..< size(l) {
                let net = nets + (here + j) * c, row = weights + j * fanIn, bias = b[biases + (perNeuron ? j : 0)]
                if count == 1 {
                    var sum = w[row] * s[out]
                    for i in 1 ..< fanIn { sum += w[row + i] * s[out + i * c] }
                    s[net] = sum + bias
                    continue
                }
                // A batch: the samples' sums side by side, each still added in the order i = 0, 1, ….
                let first = w[row], base = s.baseAddress!
                for r in 0 ..< count { s[net + r] = first * s[out + r] }
                for i in 1 ..< fanIn { Self.add(w[row + i], times: base + (out + i * c), to: base + net, count: count) }
                for r in 0 ..< count { s[net + r] += bias }
            }
            Self.activate(s, activation(l), from: here * c, neurons: size(l), capacity: c, count: count, nets: nets, outs: outs)
        }
    }

    /// The backward pass of the samples the scratch holds the forward pass of, writing the
    /// updated weights and biases to their regions; false if one of them is not finite.
    @inline(__always)
    func backward(_ s: UnsafeMutableBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>,
                                  _ rows: UnsafeBufferPointer<Int>, _ w: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                  into nw: UnsafeMutablePointer<Double>, _ nb: UnsafeMutablePointer<Double>,
                                  count: Int, η: Double, published: Bool, trainBiases: Bool) -> Bool {
        let count = samples(count), n = Double(count), single = count == 1, L = depth - 1, c = capacity
        let outs = node(depth) * c, deltas = 2 * outs, gradB = 3 * outs + weightCount + biasCount
        for k in 0 ..< biasCount {
            if trainBiases { s[gradB + k] = 0 } else { nb[k] = b[k] }
        }
        for l in stride(from: L, through: 1, by: -1) {
            let here = node(l), width = size(l)
            if l == L {
                Self.outputDeltas(s, t, rows, count: count, capacity: c, first: here * c, outputs: width, loss: loss,
                                  activation: outputActivation, nets: 0, outs: outs, deltas: deltas)
            } else {
                // Published: the layer above already updated; textbook: as it was.
                let above = node(l + 1), fanOut = size(l + 1), weights = weight(l + 1)
                let source = published ? UnsafePointer(nw) : w, δAbove = deltas + above * c, f = activation(l)
                for j in 0 ..< width {
                    let δ = deltas + (here + j) * c
                    if count > 1 {
                        // A batch: Σ δ_above·w side by side over the samples, in the order k = 0, 1, ….
                        let first = source[weights + j], base = s.baseAddress!
                        for r in 0 ..< count { s[δ + r] = s[δAbove + r] * first }
                        for k in 1 ..< fanOut {
                            Self.add(source[weights + k * width + j], times: base + (δAbove + k * c), to: base + δ, count: count)
                        }
                        for r in 0 ..< count {
                            let k = (here + j) * c + r
                            s[δ + r] *= f.derivative(net: s[k], out: s[outs + k])
                        }
                        continue
                    }
                    for r in 0 ..< count {
                        var sum = s[δAbove + r] * source[weights + j]
                        for k in 1 ..< fanOut { sum += s[δAbove + k * c + r] * source[weights + k * width + j] }
                        // δ = Σ δ_above·w · ∂out/∂net, multiplied here, not re-read from memory.
                        let k = (here + j) * c + r
                        s[δ + r] = sum * f.derivative(net: s[k], out: s[outs + k])
                    }
                }
            }
            let below = node(l - 1), fanIn = size(l - 1), weights = weight(l), biases = bias(l)
            for j in 0 ..< width {
                let δ = deltas + (here + j) * c
                for i in 0 ..< fanIn {
                    let out = outs + (below + i) * c
                    var sum = s[δ] * s[out]
                    for r in 1 ..< count { sum += s[δ + r] * s[out + r] }
                    let k = weights + j * fanIn + i
                    // A mean of one is the value itself, bit for bit: no division then.
                    nw[k] = w[k] - η * (single ? sum : sum / n)
                }
                guard trainBiases else { continue }
                var sum = s[δ]
                for r in 1 ..< count { sum += s[δ + r] }
                s[gradB + biases + (perNeuron ? j : 0)] += single ? sum : sum / n
            }
            if trainBiases {
                for k in biases ..< bias(l + 1) { nb[k] = b[k] - η * s[gradB + k] }
            }
        }
        // Finite numbers add up to a finite sum unless it overflows; any other adds up to ±∞ or NaN.
        var sum = nb[0]
        for k in 0 ..< weightCount { sum += nw[k] }
        for k in 1 ..< biasCount { sum += nb[k] }
        guard !sum.isFinite else { return true }
        for k in 0 ..< weightCount where !nw[k].isFinite { return false }
        for k in 0 ..< biasCount where !nb[k].isFinite { return false }
        return true
    }

    /// `total` plus the loss of each of the samples `rows[0 ..< count]` whose forward pass
    /// the scratch holds, added sample by sample in order.
    @inline(__always)
    func loss(_ s: UnsafeMutableBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>,
                              _ rows: UnsafeBufferPointer<Int>, count: Int, adding total: Double = 0) -> Double {
        let c = capacity, nL = size(depth - 1), last = (node(depth) + node(depth - 1)) * c, count = samples(count)
        var total = total
        for r in 0 ..< count {
            var value = loss.term(output: s[last + r], target: t[rows[r] * nL], activation: outputActivation)
            for k in 1 ..< nL {
                value += loss.term(output: s[last + k * c + r], target: t[rows[r] * nL + k], activation: outputActivation)
            }
            total += value
        }
        return total
    }

    /// y[r] += a·x[r] for r < count, each value as `y[r] += a * x[r]` computes it. Apart from
    /// the scratch's subscripts, the compiler checks the two rows for overlap once and runs
    /// the loop in vector registers (2-3000-3000-1's first loss, batch all: 11.6 s → 4.4 s).
    @inline(__always)
    static func add(_ a: Double, times x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, count: Int) {
        var r = 0
        while r < count {
            y[r] += x[r] * a
            r &+= 1
        }
    }

    /// out = f(net) for `neurons` neurons from `first`; one loop per activation, not a switch
    /// per value: this is the hot path.
    @inline(__always)
    static func activate(_ s: UnsafeMutableBufferPointer<Double>, _ activation: Activation, from first: Int, neurons: Int,
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

    /// δ_o for the output layer, as `Step.outputDeltas` computes it.
    @inline(__always)
    static func outputDeltas(_ s: UnsafeMutableBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>,
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
