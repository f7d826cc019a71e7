import BackpropEngine

/// The chain rule of any weight or bias with live numbers, laid out as the post lays it out:
/// each factor's symbol, its form and its value; below the output layer, where the two
/// update orders differ, both side by side (◂ on the run's own). A batch is written for its
/// first sample, then the mean. For a neuron (Tab): its forward pass.
struct ExplainPane {
    let state: AppState

    /// Terms of a hidden neuron's sum written out; the rest are counted in a line.
    static let termsShown = 4

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let step = state.derived.next, a = state.architecture
        canvas.fill(rect)
        let subject = state.focus == .neurons ? "the forward pass of " + a.neuronName(layer: state.neuron.layer, neuron: state.neuron.index)
            : "∂E_total/∂" + state.parameter.name
        canvas.box(rect, title: "Explain \(subject) · next step from iteration \(Format.count(state.trainer.iteration)) · ↑↓ · Tab · Esc",
                   Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        writer.wraps = true
        if state.focus == .neurons {
            neuron(state.neuron, step, &writer)
        } else {
            parameter(state.parameter, &writer)
        }
        canvas = writer.canvas
    }

    private var a: Architecture { state.architecture }

    private func name(_ l: Int, _ j: Int) -> String { a.neuronName(layer: l, neuron: j) }

    /// The forward pass of a neuron for the batch's first sample: net = Σ w·x + b with every
    /// product, then out = f(net).
    private func neuron(_ n: Neuron, _ step: Step, _ w: inout LineWriter) {
        guard let f = step.forwards.first, let sample = step.forwards.indices.first.map({ state.derived.batch[$0] }) else { return }
        let me = name(n.layer, n.index)
        w.line("Forward pass of \(me) for the next batch's first sample, \(a.features == nil ? "inputs" : "point") (\(sample.inputs.map(Format.exact).joined(separator: ", ")))", .title)
        w.blank()
        guard n.layer > 0 else {
            w.value(a.features == nil ? "\(me) is an input: out_\(me)" : "\(me) is a feature of the point (x1, x2): out_\(me)", f.outs[0][n.index])
            return
        }
        let l = n.layer, below = a.layers[l - 1], network = step.before
        let biasIndex = a.biasIndex(layer: l, neuron: n.index)
        let symbols = (0 ..< below).map { "w\(a.weightIndex(layer: l, to: n.index, from: $0) + 1)·out_\(name(l - 1, $0))" }
        func given(_ value: Double) -> String { value < 0 ? "(\(Format.exact(value)))" : Format.exact(value) }
        let numbers = (0 ..< below).map { "\(given(network.weight(layer: l, to: n.index, from: $0)))·\(Format.term(f.outs[l - 1][$0]))" }
        w.line("net_\(me) = Σ w·out + b = " + (symbols + ["b\(biasIndex + 1)·1"]).joined(separator: " + "))
        w.value("        = " + (numbers + ["\(given(network.biases[biasIndex]))·1"]).joined(separator: " + "), f.nets[l][n.index])
        let activation = a.activation(ofLayer: l)
        w.value("out_\(me) = \(Self.formula(activation, me))", f.outs[l][n.index], .accent)
    }

    /// The step in each order, published first.
    private var orders: [Step] {
        ([state.derived.next] + (state.derived.otherOrder.map { [$0] } ?? [])).sorted { $0.order == .published && $1.order == .textbook }
    }

    /// `value` of each order's step, as the columns write it.
    private func values(_ value: (Step) -> Double) -> [String] { orders.map { Format.number(value($0)) } }

    /// ∂E_total/∂parameter for the next step, factor by factor, then the update.
    private func parameter(_ p: Parameter, _ w: inout LineWriter) {
        let step = state.derived.next, batch = step.forwards.count
        switch p {
        case .weight(let k):
            let ends = a.weightEnds(k)
            if ends.layer == a.outputLayer { outputWeight(k, ends, step, &w) } else { hiddenWeight(k, ends, &w) }
        case .bias(let k):
            bias(k, &w)
        }
        if batch > 1 {
            w.line("The batch's \(batch) samples each give such a term; the update takes their mean (the first sample is written).", .muted)
        }
    }

    /// An output weight: the same in both orders, written in one column as the post does.
    private func outputWeight(_ k: Int, _ ends: (layer: Int, to: Int, from: Int), _ step: Step, _ w: inout LineWriter) {
        let l = ends.layer, j = ends.to, me = name(l, j), wk = "w\(k + 1)", f = step.forwards[0]
        let out = f.outs[l][j], input = f.outs[l - 1][ends.from], δ = step.deltas[0][l][j], target = state.derived.batch[0].targets[j]
        let source = self.out(l - 1, ends.from), ofSample = step.forwards.count > 1 ? " of sample 1" : ""
        if a.loss == .halfSquared, a.outputActivation != .softmax {
            let derivative = a.outputActivation.derivative(net: f.nets[l][j], out: out), dE = -(target - out)
            w.line("∂E_total/∂\(wk) = ∂E_total/∂out_\(me) · ∂out_\(me)/∂net_\(me) · ∂net_\(me)/∂\(wk)", .title)
            w.blank()
            w.value("∂E_total/∂out_\(me) = −(target − out) = −(\(Format.shortTerm(target)) − \(Format.term(out)))", dE)
            w.value("∂out_\(me)/∂net_\(me) = \(Self.derivative(a.outputActivation, me))", derivative)
            w.value("∂net_\(me)/∂\(wk) = \(source)", input)
            w.blank()
            w.value("∂E_total/∂\(wk)\(ofSample) = \(Format.term(dE)) × \(Format.term(derivative)) × \(Format.term(input))",
                    step.sampleGradient(sample: 0, weight: k), .accent)
        } else {
            let form = a.loss == .crossEntropy ? "o − t = \(Format.term(out)) − \(Format.shortTerm(target))"
                : "out_k(∂E/∂out_k − Σ_m out_m·∂E/∂out_m) through the softmax, ∂E/∂out = −(t − o)"
            w.line("∂E_total/∂\(wk) = ∂E_total/∂net_\(me) · ∂net_\(me)/∂\(wk) = δ_\(me) · \(source)", .title)
            w.blank()
            w.value("δ_\(me) = ∂E_total/∂net_\(me) = \(form)", δ)
            w.value("∂net_\(me)/∂\(wk) = \(source)", input)
            w.blank()
            w.value("∂E_total/∂\(wk)\(ofSample) = \(Format.term(δ)) × \(Format.term(input))", step.sampleGradient(sample: 0, weight: k), .accent)
        }
        if step.forwards.count > 1 { w.value("∂E_total/∂\(wk) = the mean over the batch", step.weightGradient[k], .accent) }
        let η = state.trainer.settings.learningRate
        if step.dead.indices.contains(k), step.dead[k] {
            w.value("\(wk)⁺ = \(wk): dead, the L1 penalty made it 0 for good", step.after.weights[k], .accent)
        } else if let penalty = step.penalty, let change = step.penaltyChange(of: k) {
            let slope = penalty.kind == .l1 ? "sign(\(wk))" : wk
            w.value("\(wk)⁺ = \(wk) − η·∂E_total/∂\(wk) − η·λ·\(slope) = \(Format.term(step.before.weights[k])) − \(Format.shortTerm(η)) × \(Format.term(step.weightGradient[k])) + \(Format.term(change))"
                + (step.after.weights[k] == 0 ? " → 0, dead (it crossed 0)" : ""), step.after.weights[k], .accent)
        } else {
            w.value("\(wk)⁺ = \(wk) − η·∂E_total/∂\(wk) = \(Format.term(step.before.weights[k])) − \(Format.shortTerm(η)) × \(Format.term(step.weightGradient[k]))",
                    step.after.weights[k], .accent)
        }
        w.blank()
        w.line("The output layer's factors are the same in both update orders (\(step.order.rawValue) now; o switches).", .muted)
    }

    /// A hidden weight: ∂E_total/∂out as the sum over the layer above, whose weights the two
    /// orders take before or after their update, side by side.
    private func hiddenWeight(_ k: Int, _ ends: (layer: Int, to: Int, from: Int), _ w: inout LineWriter) {
        let l = ends.layer, j = ends.to, me = name(l, j), wk = "w\(k + 1)"
        w.line("∂E_total/∂\(wk) = ∂E_total/∂out_\(me) · ∂out_\(me)/∂net_\(me) · ∂net_\(me)/∂\(wk)", .title)
        heading(&w)
        let above = 0 ..< a.layers[l + 1], shown = above.prefix(Self.termsShown)
        let weightsAbove = above.map { a.weightIndex(layer: l + 1, to: $0, from: j) }
        for (n, m) in shown.enumerated() {
            w.columns("w\(weightsAbove[m] + 1) used" + (n == 0 ? " (published: w⁺, textbook: original)" : ""),
                      values { $0.weightsBehindDeltas.weights[weightsAbove[m]] })
        }
        var terms: [String] = []
        for m in shown {
            let term = l + 1 == a.outputLayer ? "∂E_\(name(l + 1, m))/∂out_\(me)" : "δ_\(name(l + 1, m))·w\(weightsAbove[m] + 1)"
            terms.append(term)
            w.columns("\(term) = δ_\(name(l + 1, m)) · w\(weightsAbove[m] + 1)", values { $0.term(sample: 0, layer: l, neuron: j, via: m) })
        }
        if above.count > shown.count { w.line("… and \(Format.plural(above.count - shown.count, "more term")) the same way", .muted) }
        w.columns("∂E_total/∂out_\(me) = " + terms.joined(separator: " + ") + (above.count > shown.count ? " + …" : ""),
                  values { $0.dE_dout(sample: 0, layer: l, neuron: j) })
        let activation = a.activation(ofLayer: l)
        w.columns("∂out_\(me)/∂net_\(me) = \(Self.derivative(activation, me))",
                  values { activation.derivative(net: $0.forwards[0].nets[l][j], out: $0.forwards[0].outs[l][j]) })
        w.columns("∂net_\(me)/∂\(wk) = \(out(l - 1, ends.from))", values { $0.forwards[0].outs[l - 1][ends.from] })
        let batch = state.derived.next.forwards.count > 1
        w.columns("∂E_total/∂\(wk)" + (batch ? " of sample 1" : "") + " = product of the three", values { $0.sampleGradient(sample: 0, weight: k) },
                  .accent)
        if state.derived.next.forwards.count > 1 { w.columns("∂E_total/∂\(wk) = the mean over the batch", values { $0.weightGradient[k] }, .accent) }
        // The penalty as its own term, and a dead weight as such, as for an output weight.
        let next = state.derived.next
        if next.dead.indices.contains(k), next.dead[k] {
            w.columns("\(wk)⁺ = \(wk): dead, the L1 penalty made it 0 for good", values { $0.after.weights[k] }, .accent)
        } else if let penalty = next.penalty, next.penaltyChange(of: k) != nil {
            let slope = penalty.kind == .l1 ? "sign(\(wk))" : wk
            w.columns("−η·λ·\(slope), the penalty's term", values { $0.penaltyChange(of: k) ?? 0 })
            w.columns("\(wk)⁺ = \(wk) − η·∂E_total/∂\(wk) − η·λ·\(slope)", values { $0.after.weights[k] }, .accent)
        } else {
            w.columns("\(wk)⁺ = \(wk) − η·∂E_total/∂\(wk)", values { $0.after.weights[k] }, .accent)
        }
        w.blank()
        if state.trainer.isThePostsNetwork {
            w.line("Why two orders: the post's text takes the original weights above (textbook), but its printed errors come "
                + "from a script that had already updated them (published). No one order matches every figure it prints; o switches the order.", .muted)
        } else {
            w.line("Published: each layer's δ's use the layer above already updated (the post's script); textbook: every "
                + "gradient from the weights before the update (plain gradient descent). o switches the order.", .muted)
        }
    }

    /// A bias: the δ of every neuron it feeds, their sum, the update, in both orders.
    private func bias(_ k: Int, _ w: inout LineWriter) {
        let owner = a.biasOwner(k), l = owner.layer, bk = "b\(k + 1)"
        let fed = owner.neuron.map { [$0] } ?? Array(0 ..< a.layers[l])
        let deltas = fed.map { "δ_\(name(l, $0))" }
        w.line("∂E_total/∂\(bk) = Σ over the neurons it feeds of ∂E_total/∂out · ∂out/∂net · 1", .title)
        heading(&w)
        for j in fed.prefix(Self.termsShown) {
            w.columns("δ_\(name(l, j)) = ∂E_total/∂net_\(name(l, j))", values { $0.deltas[0][l][j] })
        }
        if fed.count > Self.termsShown { w.line("… and \(Format.plural(fed.count - Self.termsShown, "more neuron")) the same way", .muted) }
        let sum = fed.count > Self.termsShown ? deltas.prefix(Self.termsShown).joined(separator: " + ") + " + …" : deltas.joined(separator: " + ")
        w.columns("∂E_total/∂\(bk) = \(sum)", values { $0.biasGradient[k] }, .accent)
        if state.trainer.settings.trainBiases {
            w.columns("\(bk)⁺ = \(bk) − η·∂E_total/∂\(bk)", values { $0.after.biases[k] }, .accent)
        } else {
            w.blank()
            w.line("\(bk) is not trained (as in the post); b trains the biases.", .muted)
        }
        if l < a.outputLayer {
            w.line("The δ's here use the weights above: updated ones in published order, the original ones in textbook order.", .muted)
        }
    }

    /// The order names over the value columns, ◂ on the run's own, and what ◂ means.
    private func heading(_ w: inout LineWriter) {
        let run = state.derived.next.order
        w.columns("◂ marks this run's order (o switches)", orders.map { $0.order.rawValue + ($0.order == run ? " ◂" : "") }, .muted)
    }

    /// "out_h1(1 − out_h1)": ∂out/∂net of a neuron in its activation's own form.
    static func derivative(_ activation: Activation, _ name: String) -> String {
        switch activation {
        case .logistic, .softmax: "out_\(name)(1 − out_\(name))"
        case .tanh: "1 − out_\(name)²"
        case .relu: "[net_\(name) > 0]"
        case .linear: "1"
        }
    }

    /// An input by its name (i1), any other neuron's output as out_h1.
    private func out(_ l: Int, _ j: Int) -> String { l == 0 ? name(l, j) : "out_" + name(l, j) }

    /// out = f(net) as the explain pane writes it.
    static func formula(_ activation: Activation, _ name: String) -> String {
        switch activation {
        case .logistic: "1/(1 + e^(−net_\(name)))"
        case .tanh: "tanh(net_\(name))"
        case .relu: "max(0, net_\(name))"
        case .linear: "net_\(name)"
        case .softmax: "e^(net_\(name)) / Σ e^(net)"
        }
    }
}
