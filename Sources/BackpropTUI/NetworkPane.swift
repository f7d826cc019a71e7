import BackpropEngine

/// The network diagram: i1, i2 → h1, h2 → o1, o2, every weight on its edge with its value and
/// its last change, each neuron's output (and net when there is room), biases and targets.
struct NetworkPane {
    let state: AppState
    let roomy: Bool

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer
        let source = state.configName ?? "A Step by Step Backpropagation Example"
        canvas.box(rect, title: "bptui · \(source) · iteration \(Format.count(trainer.iteration))")
        let area = rect.inner
        let n = trainer.network, f = trainer.forward
        let decimals = roomy ? 9 : 6
        let valueWidth = decimals + 3
        let nodeWidth = 3 + valueWidth - 1
        let edgeWidth = 5 + valueWidth + 4
        let contentWidth = 3 * nodeWidth + 2 * edgeWidth + (roomy ? 12 : 7)
        let left = area.x + max(0, (area.width - contentWidth) / 2)
        let hiddenX = left + nodeWidth + edgeWidth
        let outputX = hiddenX + nodeWidth + edgeWidth
        let top = area.y + (roomy ? 1 : 0)
        if roomy {
            let heading = Style(.muted)
            canvas.put("inputs", x: left, y: area.y, heading)
            canvas.put("hidden (logistic)", x: hiddenX, y: area.y, heading)
            canvas.put("outputs (logistic)", x: outputX, y: area.y, heading)
        }

        let marks = state.walk.map { (reads: $0.current.reads, writes: $0.current.writes) }
        func highlight(_ mark: WalkMark) -> Style? {
            guard let marks else { return nil }
            if marks.writes.contains(mark) { return Style(.current, bold: true, reverse: true) }
            return marks.reads.contains(mark) ? Style(.accent, bold: true, reverse: true) : nil
        }
        func node(_ name: String, _ value: Double, x: Int, y: Int) {
            let layer = name.hasPrefix("i") ? 0 : name.hasPrefix("h") ? 1 : 2, index = name.hasSuffix("1") ? 0 : 1
            canvas.put(name, x: x, y: y, highlight(.neuron(Neuron(layer: layer, index: index))) ?? Style(.label, bold: true))
            canvas.put(Format.fit(value, width: valueWidth - 1, decimals: decimals), x: x + 3, y: y)
        }
        func edge(_ parameter: Parameter, x: Int, y: Int, lead: String, tail: String) {
            var column = canvas.put(lead, x: x, y: y, Style(.muted))
            let selected = parameter == state.selection && state.walk == nil
            let mark = WalkMark.weight(Parameter.weights.firstIndex(of: parameter) ?? 0)
            column = canvas.put(parameter.rawValue, x: column, y: y, highlight(mark) ?? Style(.label, bold: true, reverse: selected))
            let value = n[parameter]
            let text = Format.right(Format.fit(value, width: valueWidth, decimals: decimals), valueWidth)
            column = canvas.put(text, x: column + 1, y: y, Style(value < 0 ? .negative : .positive))
            column = marker(state.lastChange(parameter), into: &canvas, x: column, y: y)
            canvas.put(tail, x: column, y: y, Style(.muted))
        }
        let g = canvas.glyphs
        let straight = "\(g.horizontal)\(g.arrow) "
        node("i1", n.i1, x: left, y: top)
        node("i2", n.i2, x: left, y: top + 3)
        let firstEdge = left + nodeWidth
        edge(.w1, x: firstEdge, y: top, lead: " \(g.horizontal)", tail: straight)
        edge(.w3, x: firstEdge, y: top + 1, lead: " \(g.diagonalDown)", tail: "\(g.toDown)h2")
        edge(.w2, x: firstEdge, y: top + 2, lead: " \(g.diagonalUp)", tail: "\(g.toUp)h1")
        edge(.w4, x: firstEdge, y: top + 3, lead: " \(g.horizontal)", tail: straight)
        node("h1", f.out_h1, x: hiddenX, y: top)
        node("h2", f.out_h2, x: hiddenX, y: top + 3)
        let secondEdge = hiddenX + nodeWidth
        edge(.w5, x: secondEdge, y: top, lead: " \(g.horizontal)", tail: straight)
        edge(.w7, x: secondEdge, y: top + 1, lead: " \(g.diagonalDown)", tail: "\(g.toDown)o2")
        edge(.w6, x: secondEdge, y: top + 2, lead: " \(g.diagonalUp)", tail: "\(g.toUp)o1")
        edge(.w8, x: secondEdge, y: top + 3, lead: " \(g.horizontal)", tail: straight)
        node("o1", f.out_o1, x: outputX, y: top)
        node("o2", f.out_o2, x: outputX, y: top + 3)
        let targetX = outputX + nodeWidth + 1
        let target = roomy ? "target" : "t"
        canvas.put("\(target) \(Format.short(n.target_o1))", x: targetX, y: top, Style(.accent))
        canvas.put("\(target) \(Format.short(n.target_o2))", x: targetX, y: top + 3, Style(.accent))

        var y = top + 4
        if roomy {
            let net = Style(.muted)
            canvas.put("net_h1 " + Format.right(Format.number(f.net_h1), 12), x: hiddenX, y: y, net)
            canvas.put("net_o1 " + Format.right(Format.number(f.net_o1), 12), x: outputX, y: y, net)
            canvas.put("net_h2 " + Format.right(Format.number(f.net_h2), 12), x: hiddenX, y: y + 1, net)
            canvas.put("net_o2 " + Format.right(Format.number(f.net_o2), 12), x: outputX, y: y + 1, net)
            y += 2
        }
        let trained = trainer.settings.trainBiases ? "trained" : "fixed"
        bias(.b1, "\(g.arrow) h1, h2 (\(trained))", x: left + 3, y: y, into: &canvas)
        bias(.b2, "\(g.arrow) o1, o2 (\(trained))", x: secondEdge + 1, y: y, into: &canvas)
    }

    private func bias(_ parameter: Parameter, _ tail: String, x: Int, y: Int, into canvas: inout Canvas) {
        let selected = parameter == state.selection && state.walk == nil
        let mark = WalkMark.bias(parameter == .b1 ? 0 : 1)
        let walked = state.walk.flatMap { walk in
            walk.current.writes.contains(mark) ? Style(.current, bold: true, reverse: true)
                : walk.current.reads.contains(mark) ? Style(.accent, bold: true, reverse: true) : nil
        }
        var column = canvas.put(parameter.rawValue, x: x, y: y, walked ?? Style(.label, bold: true, reverse: selected))
        let value = state.trainer.network[parameter]
        column = canvas.put(Format.fit(value, width: roomy ? 12 : 9, decimals: roomy ? 9 : 6), x: column + 1, y: y,
                            Style(value < 0 ? .negative : .positive))
        column = marker(state.lastChange(parameter), into: &canvas, x: column, y: y)
        canvas.put(tail, x: column + 1, y: y, Style(.muted))
    }
}

extension AppState {
    /// How the last update changed `parameter` (nil at iteration 0 and right after an edit).
    func lastChange(_ parameter: Parameter) -> Double? {
        trainer.previous.map { trainer.network[parameter] - $0[parameter] }
    }
}

/// ▲ for a value that rose in the last step, ▼ for one that fell, a space otherwise.
@discardableResult
func marker(_ change: Double?, into canvas: inout Canvas, x: Int, y: Int) -> Int {
    guard let change, change != 0 else { return canvas.put(" ", x: x, y: y) }
    return change > 0 ? canvas.put(String(canvas.glyphs.rise), x: x, y: y, Style(.rise, bold: true))
        : canvas.put(String(canvas.glyphs.fall), x: x, y: y, Style(.fall, bold: true))
}
