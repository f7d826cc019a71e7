import Foundation

/// The fast path of `LayeredTrainer`: the arithmetic of `LayeredForward` and `LayeredStep`,
/// in the same order (so bit-identical to them), over flat buffers sized once per
/// architecture and batch, with nothing allocated per update.
struct LayeredKernel: Sendable {
    let architecture: Architecture
    /// Where layer l's neurons start in a sample's row of `nets`, `outs` and `deltas`.
    private let nodeOffset: [Int]
    private let nodes: Int
    private var nets: [Double], outs: [Double], deltas: [Double]
    private var nextWeights: [Double], nextBiases: [Double]
    private var biasGradient: [Double]

    init(_ architecture: Architecture, batch: Int) {
        self.architecture = architecture
        var offsets = [0]
        for size in architecture.layers { offsets.append(offsets[offsets.count - 1] + size) }
        nodeOffset = offsets
        nodes = offsets[offsets.count - 1]
        nets = [Double](repeating: 0, count: nodes * batch)
        outs = nets
        deltas = nets
        nextWeights = [Double](repeating: 0, count: architecture.weightCount)
        nextBiases = [Double](repeating: 0, count: architecture.biasCount)
        biasGradient = nextBiases
    }

    /// The forward pass of `sample` into row `row` of the buffers.
    private mutating func forward(_ w: [Double], _ b: [Double], _ sample: Sample, row: Int) {
        let a = architecture, base = row * nodes
        for i in sample.inputs.indices { outs[base + i] = sample.inputs[i] }
        for l in 1 ... a.outputLayer {
            let below = base + nodeOffset[l - 1], here = base + nodeOffset[l], fanIn = a.layers[l - 1]
            let weightBase = a.weightOffset(layer: l), biasBase = a.biasOffset(layer: l), perNeuron = a.bias == .perNeuron
            for j in 0 ..< a.layers[l] {
                var sum = 0.0
                let row = weightBase + j * fanIn
                for i in 0 ..< fanIn { sum += w[row + i] * outs[below + i] }
                nets[here + j] = sum + b[biasBase + (perNeuron ? j : 0)]
            }
            activate(a.activation(ofLayer: l), from: here, count: a.layers[l])
        }
    }

    private mutating func activate(_ activation: Activation, from start: Int, count: Int) {
        switch activation {
        case .logistic: for k in start ..< start + count { outs[k] = logistic(nets[k]) }
        case .tanh: for k in start ..< start + count { outs[k] = Foundation.tanh(nets[k]) }
        case .relu: for k in start ..< start + count { outs[k] = max(0, nets[k]) }
        case .linear: for k in start ..< start + count { outs[k] = nets[k] }
        case .softmax:
            var top = nets[start]
            for k in start ..< start + count { top = max(top, nets[k]) }
            var sum = 0.0
            for k in start ..< start + count {
                outs[k] = exp(nets[k] - top)
                sum += outs[k]
            }
            for k in start ..< start + count { outs[k] /= sum }
        }
    }

    /// One update of `w` and `b` from `batch` (indices into `samples`); false, changing
    /// nothing, if a number of the result would not be finite.
    mutating func update(_ w: inout [Double], _ b: inout [Double], batch: ArraySlice<Int>, samples: [Sample],
                         η: Double, order: UpdateOrder, trainBiases: Bool) -> Bool {
        let a = architecture, L = a.outputLayer, count = Double(batch.count)
        for (row, index) in batch.enumerated() { forward(w, b, samples[index], row: row) }
        for k in biasGradient.indices { biasGradient[k] = 0 }
        for k in nextBiases.indices { nextBiases[k] = b[k] }
        for l in stride(from: L, through: 1, by: -1) {
            let here = nodeOffset[l], size = a.layers[l]
            for (row, index) in batch.enumerated() {
                let base = row * nodes + here
                if l == L {
                    outputDeltas(samples[index].targets, base: base)
                } else {
                    let above = row * nodes + nodeOffset[l + 1], fanOut = a.layers[l + 1], weightBase = a.weightOffset(layer: l + 1)
                    let activation = a.activation(ofLayer: l)
                    for j in 0 ..< size {
                        var sum = 0.0
                        for k in 0 ..< fanOut {
                            let weight = order == .published ? nextWeights[weightBase + k * size + j] : w[weightBase + k * size + j]
                            sum += deltas[above + k] * weight
                        }
                        deltas[base + j] = sum * activation.derivative(net: nets[base + j], out: outs[base + j])
                    }
                }
            }
            let below = nodeOffset[l - 1], fanIn = a.layers[l - 1], weightBase = a.weightOffset(layer: l)
            let biasBase = a.biasOffset(layer: l), perNeuron = a.bias == .perNeuron
            for j in 0 ..< size {
                for i in 0 ..< fanIn {
                    var sum = 0.0
                    for row in 0 ..< batch.count { sum += deltas[row * nodes + here + j] * outs[row * nodes + below + i] }
                    let k = weightBase + j * fanIn + i
                    nextWeights[k] = w[k] - η * (sum / count)
                }
                var sum = 0.0
                for row in 0 ..< batch.count { sum += deltas[row * nodes + here + j] }
                biasGradient[biasBase + (perNeuron ? j : 0)] += sum / count
            }
            if trainBiases {
                for k in biasBase ..< a.biasOffset(layer: l + 1) { nextBiases[k] = b[k] - η * biasGradient[k] }
            }
        }
        var finite = true
        for value in nextWeights where !value.isFinite { finite = false }
        for value in nextBiases where !value.isFinite { finite = false }
        guard finite else { return false }
        swap(&w, &nextWeights)
        swap(&b, &nextBiases)
        return true
    }

    /// δ_o for row `base` of the output layer, as `LayeredStep.outputDeltas` computes it.
    private mutating func outputDeltas(_ t: [Double], base: Int) {
        let a = architecture, count = a.layers[a.outputLayer]
        switch (a.loss, a.outputActivation) {
        case (.crossEntropy, _):
            for k in 0 ..< count { deltas[base + k] = outs[base + k] - t[k] }
        case (.halfSquared, .softmax):
            var weighted = 0.0
            for k in 0 ..< count { weighted += -(t[k] - outs[base + k]) * outs[base + k] }
            for k in 0 ..< count { deltas[base + k] = outs[base + k] * (-(t[k] - outs[base + k]) - weighted) }
        case (.halfSquared, let activation):
            for k in 0 ..< count {
                deltas[base + k] = -(t[k] - outs[base + k]) * activation.derivative(net: nets[base + k], out: outs[base + k])
            }
        }
    }

    /// The mean loss over `samples`, as `LayeredTrainer.meanLoss` computes it.
    mutating func meanLoss(_ w: [Double], _ b: [Double], _ samples: [Sample]) -> Double {
        let a = architecture, base = nodeOffset[a.outputLayer], count = a.layers[a.outputLayer]
        var total = 0.0
        for sample in samples {
            forward(w, b, sample, row: 0)
            let t = sample.targets
            var loss = 0.0
            for k in 0 ..< count {
                let o = outs[base + k]
                switch (a.loss, a.outputActivation) {
                case (.halfSquared, _): loss += 0.5 * (t[k] - o) * (t[k] - o)
                case (.crossEntropy, .softmax): loss += t[k] == 0 ? 0 : -t[k] * log(o)
                case (.crossEntropy, _): loss += (t[k] == 0 ? 0 : -t[k] * log(o)) + (t[k] == 1 ? 0 : -(1 - t[k]) * log(1 - o))
                }
            }
            total += loss
        }
        return total / Double(max(1, samples.count))
    }
}
