import BackpropEngine

/// The derivation of ∂E_total/∂(selected parameter) for the step the current iteration takes,
/// laid out as the post lays it out: each factor's symbol, its form and its value. Hidden
/// weights show both update orders side by side.
struct ExplainPane {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, p = state.selection
        let step = state.derived.next, other = state.derived.otherOrder
        canvas.fill(rect)
        canvas.box(rect, title: "Explain ∂E_total/∂\(p.rawValue) · next step from iteration \(Format.count(trainer.iteration)) · ↑↓ · Esc",
                   Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        switch p {
        case .w5, .w6, .w7, .w8: output(p, step, &writer)
        case .w1, .w2, .w3, .w4: hidden(p, step, other, &writer)
        case .b1, .b2: bias(p, step, other, &writer)
        }
        canvas = writer.canvas
    }

    private func output(_ p: Parameter, _ step: BackwardPass, _ w: inout LineWriter) {
        let o = p == .w5 || p == .w6 ? "o1" : "o2", h = p == .w5 || p == .w7 ? "h1" : "h2"
        let term = step.chain(p)[0], f = step.forward
        let out = o == "o1" ? f.out_o1 : f.out_o2, target = o == "o1" ? step.before.target_o1 : step.before.target_o2
        w.line("∂E_total/∂\(p.rawValue) = ∂E_total/∂out_\(o) · ∂out_\(o)/∂net_\(o) · ∂net_\(o)/∂\(p.rawValue)", .title)
        w.blank()
        w.value("∂E_total/∂out_\(o) = −(target − out) = −(\(Format.shortTerm(target)) − \(Format.term(out)))", term.dE_dout)
        w.value("∂out_\(o)/∂net_\(o) = out_\(o)(1 − out_\(o))", term.dout_dnet)
        w.value("∂net_\(o)/∂\(p.rawValue) = out_\(h)", term.dnet_dparameter)
        w.blank()
        w.value("∂E_total/∂\(p.rawValue) = \(Format.term(term.dE_dout)) × \(Format.term(term.dout_dnet)) × \(Format.term(term.dnet_dparameter))",
                step.gradient[p], .accent)
        update(p, step, &w)
    }

    private func hidden(_ p: Parameter, _ step: BackwardPass, _ other: BackwardPass, _ w: inout LineWriter) {
        let h = p == .w1 || p == .w2 ? "h1" : "h2", i = p == .w1 || p == .w3 ? "i1" : "i2"
        let (first, second) = h == "h1" ? ("w5", "w7") : ("w6", "w8")
        let orders = ordered(step, other)
        w.line("∂E_total/∂\(p.rawValue) = ∂E_total/∂out_\(h) · ∂out_\(h)/∂net_\(h) · ∂net_\(h)/∂\(p.rawValue)", .title)
        heading(orders, step, &w)
        func values(_ value: (BackwardPass) -> Double) -> [String] { orders.map { Format.number(value($0)) } }
        w.columns("\(first) used (published: w⁺, textbook: original)", values { h == "h1" ? $0.w5_used : $0.w6_used })
        w.columns("\(second) used", values { h == "h1" ? $0.w7_used : $0.w8_used })
        w.columns("∂E_o1/∂out_\(h) = δ_o1 · \(first)", values { h == "h1" ? $0.dE_o1_dout_h1 : $0.dE_o1_dout_h2 })
        w.columns("∂E_o2/∂out_\(h) = δ_o2 · \(second)", values { h == "h1" ? $0.dE_o2_dout_h1 : $0.dE_o2_dout_h2 })
        w.columns("∂E_total/∂out_\(h) = ∂E_o1/∂out_\(h) + ∂E_o2/∂out_\(h)", values { $0.chain(p)[0].dE_dout })
        w.columns("∂out_\(h)/∂net_\(h) = out_\(h)(1 − out_\(h))", values { $0.chain(p)[0].dout_dnet })
        w.columns("∂net_\(h)/∂\(p.rawValue) = \(i)", values { $0.chain(p)[0].dnet_dparameter })
        w.columns("∂E_total/∂\(p.rawValue) = product of the three", values { $0.gradient[p] }, .accent)
        w.columns("\(p.rawValue)⁺ = \(p.rawValue) − η·∂E_total/∂\(p.rawValue)", values { $0.after[p] }, .accent)
        w.blank()
        w.line("Why two orders: the post's text takes the original w5…w8 (textbook), but its", .muted)
        w.line("printed errors come from a script that had already updated them (published).", .muted)
        w.line("No one order matches every figure it prints; o switches the order.", .muted)
    }

    private func bias(_ p: Parameter, _ step: BackwardPass, _ other: BackwardPass, _ w: inout LineWriter) {
        let nodes = p == .b1 ? ["h1", "h2"] : ["o1", "o2"]
        let orders = ordered(step, other)
        w.line("∂E_total/∂\(p.rawValue) = Σ over the neurons it feeds of ∂E_total/∂out · ∂out/∂net · 1", .title)
        heading(orders, step, &w)
        func values(_ value: (BackwardPass) -> Double) -> [String] { orders.map { Format.number(value($0)) } }
        for (index, node) in nodes.enumerated() {
            w.columns("via \(node): ∂E_total/∂out_\(node)", values { $0.chain(p)[index].dE_dout })
            w.columns("  × ∂out_\(node)/∂net_\(node) = δ_\(node)", values { $0.chain(p)[index].product })
        }
        w.columns("∂E_total/∂\(p.rawValue) = δ_\(nodes[0]) + δ_\(nodes[1])", values { $0.gradient[p] }, .accent)
        if step.settings.trainBiases {
            w.columns("\(p.rawValue)⁺ = \(p.rawValue) − η·∂E_total/∂\(p.rawValue)", values { $0.after[p] }, .accent)
        }
        w.blank()
        if !step.settings.trainBiases { w.line("\(p.rawValue) is not trained (as in the post); b trains the biases.", .muted) }
        if p == .b1 {
            w.line("δ_h1 and δ_h2 use w5…w8: the updated ones in published order,", .muted)
            w.line("the original ones in textbook order.", .muted)
        }
    }

    /// The two orders, published first.
    private func ordered(_ step: BackwardPass, _ other: BackwardPass) -> [BackwardPass] {
        [step, other].sorted { $0.settings.order == .published && $1.settings.order == .textbook }
    }

    /// The order names over the value columns, ◂ on the run's own, and what ◂ means.
    private func heading(_ orders: [BackwardPass], _ step: BackwardPass, _ w: inout LineWriter) {
        w.columns("◂ marks this run's order (o switches)",
                  orders.map { $0.settings.order.rawValue + ($0.settings.order == step.settings.order ? " ◂" : "") }, .muted)
    }

    private func update(_ p: Parameter, _ step: BackwardPass, _ w: inout LineWriter) {
        let η = step.settings.learningRate
        w.value("\(p.rawValue)⁺ = \(p.rawValue) − η·∂E_total/∂\(p.rawValue) = \(Format.term(step.before[p])) − \(Format.shortTerm(η)) × \(Format.term(step.gradient[p]))",
                step.after[p], .accent)
    }
}

/// Writes lines top to bottom in an area, with values right-aligned in one or more columns.
struct LineWriter {
    var canvas: Canvas
    let area: Rect
    var y: Int

    static let columnWidth = 14

    init(canvas: Canvas, area: Rect) {
        self.canvas = canvas
        self.area = area
        y = area.y
    }

    /// Whether long lines continue on the next rows (between words) instead of ending in "…".
    var wraps = false

    mutating func line(_ text: String, _ role: Role = .plain) {
        let pieces = wraps ? WalkPane.wrap(text, width: area.width - 1, glyphs: canvas.glyphs) : [text]
        for piece in pieces {
            guard y < area.y + area.height else { return }
            canvas.put(" " + piece, x: area.x, y: y, Style(role, bold: role == .title), limit: area.x + area.width)
            y += 1
        }
    }

    mutating func blank() { y += 1 }

    /// A formula, then " = value" after it.
    mutating func value(_ formula: String, _ value: Double, _ role: Role = .plain) {
        line(formula + " = " + Format.number(value), role)
    }

    /// A label with values right-aligned in columns at the right edge.
    mutating func columns(_ label: String, _ values: [String], _ role: Role = .plain) {
        guard y < area.y + area.height else { return }
        let right = area.x + area.width - 1
        let start = right - Self.columnWidth * values.count
        canvas.put(" " + label, x: area.x, y: y, Style(role), limit: start)
        for (index, value) in values.enumerated() {
            // Aligned as drawn: an ASCII terminal writes ≠ as != and … as ...
            let shown = canvas.glyphs.render(value)
            canvas.put(Format.right(shown, Self.columnWidth), x: start + index * Self.columnWidth, y: y, Style(role, bold: role != .plain))
        }
        y += 1
    }
}
