import BackpropEngine

/// One sub-step of an iteration told the post's way: the formula in symbols, the same with
/// the numbers put in, and its value; what it reads and writes, for the diagram; and the
/// name the post gives the figure.
public struct WalkStep: Sendable, Equatable {
    /// The part of the iteration it belongs to: "Forward pass", "The error", …
    public let section: String
    public let symbols: String
    public let numbers: String?
    public let value: Double?
    /// The figure's name, as the post's checkpoints name it: "net_h1", "w5⁺".
    public let name: String
    /// Why a number is what it is, where that needs saying (the published order's w⁺).
    public let note: String?
    public let reads: Set<WalkMark>, writes: Set<WalkMark>

    /// "net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.377500000".
    public var line: String {
        symbols + (numbers.map { " = " + $0 } ?? "") + (value.map { " = " + Format.number($0) } ?? "")
    }
}

/// What a sub-step reads or writes: a neuron, a weight, a bias.
public enum WalkMark: Sendable, Hashable {
    case neuron(Neuron), weight(Int), bias(Int)
}

/// The walk through one update of any network, sub-step by sub-step in the post's order:
/// the forward pass neuron by neuron, the error, the output layer's chain rule (its first
/// weight in full, the rest compactly), each hidden layer's the same way with δ as the sum
/// over the layer above, the biases when they train, and the update with the new error. A
/// batch is walked through its first sample in full, with the batch's mean gradient.
public struct Walk: Sendable, Equatable {
    public let steps: [WalkStep]

    /// The most weights and biases a walk goes through: a sub-step each, and more would be
    /// millions of lines, made before the first is shown.
    public static let largestParameters = 10_000

    /// Why `a` is too large to walk through, if it is.
    public static func refusal(_ a: Architecture) -> String? {
        let parameters = a.weightCount + a.biasCount
        guard parameters > largestParameters else { return nil }
        return "the walk takes networks of up to \(Format.count(largestParameters)) weights and biases, a sub-step each; "
            + "\(a.shapeName) has \(Format.count(parameters)) (e explains any one weight)"
    }

    /// The walk of `step`, whose batch is `batch`; `errorAfter` is the batch's error after the
    /// update (the engine's).
    public init(_ step: Step, batch: [Sample], learningRate η: Double, trainBiases: Bool, errorAfter: Double,
                namingTheSample: Bool = true) {
        var writer = WalkWriter(step: step, batch: batch, η: η)
        writer.forward(namingTheSample: namingTheSample)
        writer.error()
        for l in stride(from: step.before.architecture.outputLayer, through: 1, by: -1) {
            writer.layer(l)
            if trainBiases { writer.biases(l) }
        }
        writer.update(errorAfter: errorAfter, trainBiases: trainBiases)
        steps = writer.steps
    }
}

/// Writes a walk's sub-steps from an engine step: every value is the engine's.
struct WalkWriter {
    let step: Step, batch: [Sample], η: Double
    private(set) var steps: [WalkStep] = []
    private var section = ""

    init(step: Step, batch: [Sample], η: Double) {
        self.step = step
        self.batch = batch
        self.η = η
    }

    private var a: Architecture { step.before.architecture }
    private var first: ForwardPass { step.forwards[0] }
    private func name(_ l: Int, _ j: Int) -> String { a.neuronName(layer: l, neuron: j) }
    /// An input by its name (i1), any other neuron's output as out_h1.
    private func out(_ l: Int, _ j: Int) -> String { l == 0 ? name(l, j) : "out_" + name(l, j) }
    private var L: Int { a.outputLayer }

    private mutating func add(_ symbols: String, _ numbers: String?, _ value: Double?, name: String? = nil, note: String? = nil,
                              reads: Set<WalkMark> = [], writes: Set<WalkMark> = []) {
        steps.append(WalkStep(section: section, symbols: symbols, numbers: numbers, value: value, name: name ?? symbols,
                              note: note, reads: reads, writes: writes))
    }

    /// A given number (weight, input, target, η) as typed: exact and short where it can be.
    private func given(_ value: Double) -> String { value < 0 ? "(\(Format.exact(value)))" : Format.exact(value) }

    mutating func forward(namingTheSample: Bool) {
        let inputs = (a.features == nil ? "" : "point x1, x2 = ") + batch[0].inputs.map(Format.exact).joined(separator: ", ")
        section = batch.count > 1 ? "Forward pass of the batch's first sample (\(inputs))"
            : namingTheSample ? "Forward pass of the sample (\(inputs))" : "Forward pass"
        for l in 1 ... L {
            let activation = a.activation(ofLayer: l)
            // A softmax needs every net of its layer before any out.
            let order = activation == .softmax ? (0 ..< a.layers[l]).map { ($0, true) } + (0 ..< a.layers[l]).map { ($0, false) }
                : (0 ..< a.layers[l]).flatMap { [($0, true), ($0, false)] }
            for (j, isNet) in order {
                let me = name(l, j), bias = a.biasIndex(layer: l, neuron: j)
                let weights = (0 ..< a.layers[l - 1]).map { a.weightIndex(layer: l, to: j, from: $0) }
                let symbols = weights.enumerated().map { "w\($0.element + 1)·\(out(l - 1, $0.offset))" } + ["b\(bias + 1)·1"]
                let numbers = weights.enumerated().map { i, k in
                    "\(given(step.before.weights[k]))·\(l == 1 ? given(first.outs[0][i]) : Format.term(first.outs[l - 1][i]))"
                } + ["\(given(step.before.biases[bias]))·1"]
                let sources = Set((0 ..< a.layers[l - 1]).map { WalkMark.neuron(Neuron(layer: l - 1, index: $0)) })
                if isNet {
                    add("net_\(me) = " + symbols.joined(separator: " + "), numbers.joined(separator: " + "), first.nets[l][j],
                        name: "net_\(me)", reads: sources.union(weights.map { .weight($0) } + [.bias(bias)]),
                        writes: [.neuron(Neuron(layer: l, index: j))])
                    continue
                }
                let net = first.nets[l][j]
                add("out_\(me) = " + Self.formula(activation, "net_\(me)"),
                    activation == .softmax ? nil
                        : Self.formula(activation, activation == .logistic || activation == .linear ? Format.term(net) : Format.number(net)),
                    first.outs[l][j],
                    name: "out_\(me)", reads: [.neuron(Neuron(layer: l, index: j))], writes: [.neuron(Neuron(layer: l, index: j))])
            }
        }
    }

    mutating func error() {
        section = "The error"
        let outputs = (0 ..< a.layers[L]).map { Neuron(layer: L, index: $0) }
        var terms: [Double] = []
        for k in 0 ..< a.layers[L] {
            let t = batch[0].targets[k], o = first.outs[L][k], me = name(L, k)
            let term = a.loss.term(output: o, target: t, activation: a.outputActivation)
            terms.append(term)
            let (symbols, numbers) = switch (a.loss, a.outputActivation) {
            case (.halfSquared, _): ("E_\(me) = ½(target_\(me) − out_\(me))²", "½(\(given(t)) − \(Format.term(o)))²")
            case (.crossEntropy, .softmax): ("E_\(me) = −target_\(me)·ln(out_\(me))", "−\(given(t))·ln(\(Format.term(o)))")
            case (.crossEntropy, _): ("E_\(me) = −t·ln(out_\(me)) − (1 − t)·ln(1 − out_\(me))",
                                      "−\(given(t))·ln(\(Format.term(o))) − (1 − \(given(t)))·ln(1 − \(Format.term(o)))")
            }
            add(symbols, numbers, term, name: "E_\(me)", reads: [.neuron(outputs[k])])
        }
        let names = outputs.map { "E_" + name(L, $0.index) }
        add("E_total = " + names.joined(separator: " + "), terms.count > 1 ? terms.map { Format.term($0) }.joined(separator: " + ") : nil, first.loss,
            name: "E_total", reads: Set(outputs.map { .neuron($0) }))
        if batch.count > 1 {
            add("E_total of the batch = the mean over its \(batch.count) samples", nil, Trainer.meanLoss(step.before, batch),
                name: "E_total of the batch")
        }
    }

    /// Layer l's weights: the first in full, the rest compactly.
    mutating func layer(_ l: Int) {
        let range = a.weightOffset(layer: l) ..< a.weightOffset(layer: l + 1)
        let firstName = "w\(range.lowerBound + 1)"
        let rest = switch range.count {
        case 1: ""
        case 2: ", then w\(range.upperBound) the same way"
        default: ", then w\(range.lowerBound + 2)…w\(range.upperBound) the same way"
        }
        section = (l == L ? "Output layer" : L == 2 ? "Hidden layer" : "Hidden layer \(l)") + ": \(firstName) in full\(rest)"
        let ends = a.weightEnds(range.lowerBound), j = ends.to, i = ends.from, me = name(l, j)
        let neuron = WalkMark.neuron(Neuron(layer: l, index: j)), weight = WalkMark.weight(range.lowerBound)
        let out = first.outs[l][j], derivative = a.activation(ofLayer: l).derivative(net: first.nets[l][j], out: out)
        var factors: [String]
        if l == L {
            factors = outputChain(j, me)
        } else {
            factors = hiddenChain(l, j, me)
        }
        // Cross-entropy and softmax outputs give δ as one factor, the activation's slope inside it.
        let oneFactor = l == L && (a.loss == .crossEntropy || a.outputActivation == .softmax)
        if !oneFactor {
            add("∂out_\(me)/∂net_\(me) = " + a.activation(ofLayer: l).derivativeForm.replacingOccurrences(of: "out", with: "out_\(me)")
                .replacingOccurrences(of: "net", with: "net_\(me)"),
                Self.slope(a.activation(ofLayer: l), net: first.nets[l][j], out: out), derivative, name: "∂out_\(me)/∂net_\(me)",
                reads: [neuron])
            factors.append("∂out_\(me)/∂net_\(me)")
        }
        add("∂net_\(me)/∂\(firstName) = \(self.out(l - 1, i))", nil, first.outs[l - 1][i], name: "∂net_\(me)/∂\(firstName)",
            reads: [.neuron(Neuron(layer: l - 1, index: i))])
        factors.append("∂net_\(me)/∂\(firstName)")
        let sampleGradient = step.sampleGradient(sample: 0, weight: range.lowerBound)
        let values = (oneFactor ? [step.deltas[0][l][j]] : [lastValue(factors[0]), derivative]) + [first.outs[l - 1][i]]
        let symbol = batch.count > 1 ? "∂E/∂\(firstName) of the first sample" : "∂E_total/∂\(firstName)"
        add("\(symbol) = " + factors.joined(separator: " · "), values.map { Format.term($0) }.joined(separator: " · "),
            sampleGradient, name: symbol, reads: [neuron, weight])
        if batch.count > 1 {
            let others = (1 ..< batch.count).map { Format.term(step.sampleGradient(sample: $0, weight: range.lowerBound)) }
            add("∂E_total/∂\(firstName) = the mean over the batch's \(batch.count) samples", "(\(Format.term(sampleGradient)) + "
                + others.prefix(4).joined(separator: " + ") + (others.count > 4 ? " + …" : "") + ")/\(batch.count)",
                step.weightGradient[range.lowerBound], name: "∂E_total/∂\(firstName)", reads: [weight])
        }
        for k in range { update(k) }
    }

    /// ∂E_total/∂out_o and ∂out_o/∂net_o for the output neuron j (or δ_o at once where the
    /// loss and activation make it one factor); returns the factors' names.
    private mutating func outputChain(_ j: Int, _ me: String) -> [String] {
        let t = batch[0].targets[j], o = first.outs[L][j], neuron = WalkMark.neuron(Neuron(layer: L, index: j))
        switch (a.loss, a.outputActivation) {
        case (.crossEntropy, _):
            add("δ_\(me) = ∂E_total/∂net_\(me) = out_\(me) − target_\(me)", "\(Format.term(o)) − \(given(t))", step.deltas[0][L][j],
                name: "δ_\(me)", note: "cross-entropy with \(a.outputActivation.rawValue) outputs: the output's δ is simply o − t",
                reads: [neuron])
            return ["δ_\(me)"]
        case (.halfSquared, .softmax):
            add("δ_\(me) = ∂E_total/∂net_\(me), through the softmax: out_k(∂E/∂out_k − Σ_m out_m·∂E/∂out_m)", nil,
                step.deltas[0][L][j], name: "δ_\(me)", reads: [neuron])
            return ["δ_\(me)"]
        case (.halfSquared, _):
            add("∂E_total/∂out_\(me) = −(target_\(me) − out_\(me))", "−(\(given(t)) − \(Format.term(o)))", -(t - o),
                name: "∂E_total/∂out_\(me)", reads: [neuron])
            return ["∂E_total/∂out_\(me)"]
        }
    }

    /// δ of the layer above, each term of ∂E/∂out_j, and their sum; returns the factor's name.
    private mutating func hiddenChain(_ l: Int, _ j: Int, _ me: String) -> [String] {
        let above = 0 ..< a.layers[l + 1], published = step.order == .published
        for k in above {
            let them = name(l + 1, k)
            add("δ_\(them) = ∂E_total/∂net_\(them)", nil, step.deltas[0][l + 1][k], name: "δ_\(them)",
                reads: [.neuron(Neuron(layer: l + 1, index: k))])
        }
        var names: [String] = []
        for k in above {
            let them = name(l + 1, k), index = a.weightIndex(layer: l + 1, to: k, from: j)
            let used = step.weightsBehindDeltas.weights[index], original = step.before.weights[index]
            // E_o1/∂out_h1 is the post's name where each output's error is its own; a softmax
            // couples the outputs, so there the term is named by the path.
            let symbol = l + 1 == L && a.outputActivation != .softmax ? "∂E_\(them)/∂out_\(me)" : "∂E/∂out_\(me) through \(them)"
            names.append(symbol)
            let note = published && used != original
                ? "w\(index + 1) here is the already updated \(Format.number(used)), not the original \(Format.exact(original)): the post's "
                + "script updates the layer above first (published order); its text uses the original (textbook order)"
                : nil
            add("\(symbol) = δ_\(them) · w\(index + 1)", "\(Format.term(step.deltas[0][l + 1][k])) · \(given(used))",
                step.term(sample: 0, layer: l, neuron: j, via: k), name: symbol, note: note,
                reads: [.neuron(Neuron(layer: l + 1, index: k)), .weight(index)])
        }
        let values = above.map { Format.term(step.term(sample: 0, layer: l, neuron: j, via: $0)) }
        add("∂E_total/∂out_\(me) = " + names.joined(separator: " + "), values.count > 1 ? values.joined(separator: " + ") : nil,
            step.dE_dout(sample: 0, layer: l, neuron: j), name: "∂E_total/∂out_\(me)", reads: [.neuron(Neuron(layer: l, index: j))])
        return ["∂E_total/∂out_\(me)"]
    }

    /// The value of the step named `name` (the last one of that name).
    private func lastValue(_ name: String) -> Double { steps.last { $0.name == name }?.value ?? .nan }

    /// w⁺ = w − η·∂E/∂w with its gradient as one figure.
    private mutating func update(_ k: Int) {
        let w = "w\(k + 1)", gradient = step.weightGradient[k]
        if step.dead.indices.contains(k), step.dead[k] {
            add("\(w)⁺ = \(w)", nil, step.after.weights[k], name: "\(w)⁺", note: "dead: the L1 penalty made it 0 for good",
                reads: [.weight(k)], writes: [.weight(k)])
            return
        }
        let penalty = step.penaltyChange(of: k).map { " + \(Format.term($0))" } ?? ""
        let symbols = step.penalty.map { " − η·λ·" + ($0.kind == .l1 ? "sign(\(w))" : w) } ?? ""
        add("\(w)⁺ = \(w) − η·∂E_total/∂\(w)" + symbols, "\(given(step.before.weights[k])) − \(given(η))·\(Format.term(gradient))" + penalty,
            step.after.weights[k], name: "\(w)⁺", note: step.after.weights[k] == 0 && !penalty.isEmpty ? "L1 pushed it across 0: it is 0 and dead" : nil,
            reads: [.weight(k)], writes: [.weight(k)])
    }

    mutating func biases(_ l: Int) {
        section = "Biases of " + (l == L ? "the output layer" : L == 2 ? "the hidden layer" : "hidden layer \(l)")
        for k in a.biasOffset(layer: l) ..< a.biasOffset(layer: l + 1) {
            let b = "b\(k + 1)", gradient = step.biasGradient[k]
            let owner = a.biasOwner(k), neurons = owner.neuron.map { [$0] } ?? Array(0 ..< a.layers[l])
            let sum = neurons.map { "δ_" + name(l, $0) }.joined(separator: " + ")
            if batch.count == 1 {
                add("∂E_total/∂\(b) = \(sum)", neurons.count > 1 ? neurons.map { Format.term(step.deltas[0][l][$0]) }.joined(separator: " + ") : nil,
                    gradient, name: "∂E_total/∂\(b)", reads: Set(neurons.map { .neuron(Neuron(layer: l, index: $0)) }))
            } else {
                add("∂E_total/∂\(b) = the mean over the batch of \(sum)", nil, gradient, name: "∂E_total/∂\(b)",
                    reads: Set(neurons.map { .neuron(Neuron(layer: l, index: $0)) }))
            }
            add("\(b)⁺ = \(b) − η·∂E_total/∂\(b)", "\(given(step.before.biases[k])) − \(given(η))·\(Format.term(gradient))",
                step.after.biases[k], name: "\(b)⁺", reads: [.bias(k)], writes: [.bias(k)])
        }
    }

    /// The last sub-step: every weight (and trained bias) takes its w⁺ at once, and the
    /// error after it, with its change.
    mutating func update(errorAfter: Double, trainBiases: Bool) {
        section = "The update"
        let before = batch.count == 1 ? first.loss : Trainer.meanLoss(step.before, batch)
        let weights = Set((0 ..< a.weightCount).map { WalkMark.weight($0) })
        let biases = !trainBiases ? "" : a.biasCount == 1 ? " and b1" : a.biasCount == 2 ? " and b1, b2" : " and b1 … b\(a.biasCount)"
        let which = batch.count > 1 ? " of the batch" : ""
        add("every weight takes its w⁺: w1 … w\(a.weightCount)\(biases); then E_total\(which)", nil, errorAfter,
            name: "E_total after 1 update",
            note: "its change: \(Format.term(errorAfter)) − \(Format.term(before)) = \(Format.number(errorAfter - before))",
            writes: trainBiases ? weights.union((0 ..< a.biasCount).map { .bias($0) }) : weights)
    }

    /// f′ with the numbers put in: out(1 − out), 1 − out², [net > 0], 1.
    static func slope(_ activation: Activation, net: Double, out: Double) -> String? {
        switch activation {
        case .logistic, .softmax: "\(Format.term(out))·(1 − \(Format.term(out)))"
        case .tanh: "1 − \(Format.term(out))²"
        case .relu: "[\(Format.term(net)) > 0]"
        case .linear: nil
        }
    }

    /// out = f(net) in symbols or numbers: 1/(1 + e^(−x)), tanh(x), max(0, x), x, softmax.
    static func formula(_ activation: Activation, _ x: String) -> String {
        switch activation {
        case .logistic: "1/(1 + e^(−\(x)))"
        case .tanh: "tanh(\(x))"
        case .relu: "max(0, \(x))"
        case .linear: x
        case .softmax: "e^(\(x))/Σ_k e^(net_k)"
        }
    }
}
