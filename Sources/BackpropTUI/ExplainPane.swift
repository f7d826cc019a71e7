import BackpropEngine

/// The chain rule of any weight or bias with live numbers, or a neuron's forward pass. An
/// output neuron's δ comes from the loss's derivative; a hidden neuron's δ is the sum over
/// the next layer, δ_j = (Σ_k δ_k·w_kj)·f′(net_j), every term with its number. A batch lists
/// its samples' terms (the first few) and their mean; both update orders end it.
struct ExplainPane {
    let state: AppState

    /// Samples of a batch written out in full; the rest are summed up in a line.
    static let samplesShown = 3

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let step = state.derived.next, a = state.architecture
        canvas.fill(rect)
        let subject = state.focus == .neurons ? a.neuronName(layer: state.neuron.layer, neuron: state.neuron.index) : state.parameter.name
        canvas.box(rect, title: "Explain \(subject) · next update from iteration \(Format.count(state.trainer.iteration)) · ↑↓ · Tab · Esc",
                   Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        writer.wraps = true
        if state.focus == .neurons {
            neuron(state.neuron, step, &writer)
        } else {
            parameter(state.parameter, step, &writer)
        }
        canvas = writer.canvas
    }

    private var a: Architecture { state.architecture }

    private func name(_ l: Int, _ j: Int) -> String { a.neuronName(layer: l, neuron: j) }

    /// The forward pass of a neuron for the batch's first sample: net = Σ w·x + b with every
    /// product, then out = f(net).
    private func neuron(_ n: Neuron, _ step: LayeredStep, _ w: inout LineWriter) {
        guard let f = step.forwards.first, let sample = step.forwards.indices.first.map({ state.derived.batch[$0] }) else { return }
        let me = name(n.layer, n.index)
        w.line("Forward pass of \(me) for the next batch's first sample, inputs (\(sample.inputs.map(Format.exact).joined(separator: ", ")))", .title)
        w.blank()
        guard n.layer > 0 else {
            w.value("\(me) is an input: out_\(me)", f.outs[0][n.index])
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

    /// ∂E/∂parameter for the next update, sample by sample, then its mean and the update in
    /// both orders.
    private func parameter(_ p: LayeredParameter, _ step: LayeredStep, _ w: inout LineWriter) {
        let (l, to, from): (Int, Int?, Int?) = switch p {
        case .weight(let index): { let ends = a.weightEnds(index); return (ends.layer, ends.to, ends.from) }()
        case .bias(let index): { let owner = a.biasOwner(index); return (owner.layer, owner.neuron, nil) }()
        }
        let targets = to.map { [$0] } ?? Array(0 ..< a.layers[l])
        if let to, let from {
            w.line("\(p.name): \(name(l - 1, from)) → \(name(l, to)) · ∂E/∂\(p.name) = mean over the batch of δ_\(name(l, to)) · out_\(name(l - 1, from))", .title)
        } else {
            let sum = targets.map { "δ_\(name(l, $0))" }.joined(separator: " + ")
            w.line("\(p.name): bias of \(targets.map { name(l, $0) }.joined(separator: ", ")) · ∂E/∂\(p.name) = mean over the batch of \(sum)", .title)
        }
        w.line(deltaForm(l), .muted)
        for (s, forward) in step.forwards.enumerated().prefix(Self.samplesShown) {
            let inputs = forward.outs[0].map(Format.short).joined(separator: ", ")
            w.line("sample \(s + 1) of \(step.forwards.count), inputs (\(inputs)):", .label)
            for j in targets { deltaLine(l, j, sample: s, step, &w) }
            if let to, let from {
                let δ = step.deltas[s][l][to], out = forward.outs[l - 1][from]
                w.value("  δ_\(name(l, to)) · out_\(name(l - 1, from)) = \(Format.term(δ)) · \(Format.term(out))", δ * out)
            }
        }
        if step.forwards.count > Self.samplesShown {
            w.line("… and \(Format.plural(step.forwards.count - Self.samplesShown, "more sample")) the same way", .muted)
        }
        let gradient = step.gradient(of: p), η = state.trainer.settings.learningRate
        w.value("∂E/∂\(p.name) = the mean of \(Format.plural(step.forwards.count, "sample's term", "samples' terms"))", gradient, .accent)
        w.value("\(p.name)⁺ = \(p.name) − η·∂E/∂\(p.name) = \(Format.term(p.value(in: step.before))) − \(Format.short(η))·\(Format.term(gradient))",
                p.value(in: step.after), .accent)
        let other = state.derived.otherOrder, order = state.trainer.settings.order
        let otherName = order == .published ? "textbook" : "published"
        if other.gradient(of: p) != gradient || p.value(in: other.after) != p.value(in: step.after) {
            w.blank()
            w.value("\(otherName) order instead: ∂E/∂\(p.name)", other.gradient(of: p))
            w.value("\(otherName) order instead: \(p.name)⁺", p.value(in: other.after))
            w.line("published: each layer's δ's use the layer above already updated (the post's script);", .muted)
            w.line("textbook: every δ from the weights before the update (plain gradient descent). o switches.", .muted)
        } else if l == a.outputLayer {
            w.blank()
            w.line("The output layer's δ's are the same in both orders (\(order.rawValue) now; o switches).", .muted)
        }
    }

    /// δ's form for layer l: from the loss at the outputs, a sum over the next layer below.
    private func deltaForm(_ l: Int) -> String {
        if l == a.outputLayer {
            switch (a.loss, a.outputActivation) {
            case (.crossEntropy, _): return "δ_o = o − t (cross-entropy with \(a.outputActivation.rawValue) outputs)"
            case (.halfSquared, .softmax): return "δ_o = ∂E/∂net through the softmax: out_k(∂E/∂out_k − Σ_m out_m·∂E/∂out_m), ∂E/∂out = −(t − o)"
            case (.halfSquared, let f):
                let form = f.derivativeForm.contains(" ") && !f.derivativeForm.hasPrefix("out(") ? "(\(f.derivativeForm))" : f.derivativeForm
                return "δ_o = ∂E/∂out · ∂out/∂net = −(t − o) · \(form)"
            }
        }
        return "δ_j = (Σ_k δ_k·w_kj) · f′(net_j), f′ = \(a.activation(ofLayer: l).derivativeForm)"
            + (state.trainer.settings.order == .published ? "; w_kj already updated (published order)" : "")
    }

    /// One sample's δ of neuron j in layer l, its terms written out.
    private func deltaLine(_ l: Int, _ j: Int, sample s: Int, _ step: LayeredStep, _ w: inout LineWriter) {
        let f = step.forwards[s], δ = step.deltas[s][l][j], me = name(l, j)
        let out = f.outs[l][j], derivative = a.activation(ofLayer: l).derivative(net: f.nets[l][j], out: out)
        if l == a.outputLayer {
            let target = state.derived.batch[s].targets[j]
            if a.loss == .crossEntropy {
                w.value("  δ_\(me) = o − t = \(Format.term(out)) − \(Format.shortTerm(target))", δ)
            } else if a.outputActivation == .softmax {
                w.value("  δ_\(me) (softmax, t = \(Format.short(target)), out = \(Format.term(out)))", δ)
            } else {
                w.value("  δ_\(me) = −(\(Format.shortTerm(target)) − \(Format.term(out))) · \(Format.term(derivative))", δ)
            }
            return
        }
        let above = state.trainer.settings.order == .published ? step.after : step.before
        let terms = (0 ..< a.layers[l + 1]).map { k in
            "\(Format.term(step.deltas[s][l + 1][k]))·\(Format.term(above.weight(layer: l + 1, to: k, from: j)))"
        }
        w.value("  δ_\(me) = (\(terms.joined(separator: " + "))) · \(Format.term(derivative))", δ)
    }

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
