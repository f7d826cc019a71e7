/// The view: the whole screen as a pure function of the state and the terminal's size.
public enum Screen {
    public static func render(_ state: AppState, width: Int, height: Int, glyphs: Glyphs = .unicode,
                              colors: ColorDepth = .many) -> Canvas {
        var canvas = Canvas(width: width, height: height, glyphs: glyphs, colors: colors)
        guard let layout = Layout(width: width, height: height) else {
            renderTooSmall(into: &canvas, job: state.job?.name)
            return canvas
        }
        NetworkPane(state: state, roomy: layout.roomy).render(into: &canvas, layout.network)
        if let walk = state.walk {
            WalkPane(walk: walk).render(into: &canvas, Rect(x: 0, y: layout.weights.y, width: width, height: layout.weights.height))
        } else {
            WeightsPane(state: state, roomy: layout.roomy).render(into: &canvas, layout.weights)
            ChartPane(state: state).render(into: &canvas, layout.chart)
        }
        StatusPane(state: state, roomy: layout.roomy).render(into: &canvas, layout.status)
        MessageLine(state: state).render(into: &canvas, layout.message)
        HintBar().render(into: &canvas, layout.hints)
        let panes = Rect(x: 0, y: 0, width: width, height: layout.status.y)
        switch state.overlay {
        case .help: HelpOverlay().render(into: &canvas, within: Rect(x: 0, y: 0, width: width, height: height))
        case .explain: ExplainPane(state: state).render(into: &canvas, panes)
        case .gradientCheck: GradientCheckPane(state: state).render(into: &canvas, panes)
        case .checkpoints: CheckpointsPane(state: state).render(into: &canvas, panes)
        case nil: break
        }
        return canvas
    }

    /// A centred note naming the size needed and the size there is.
    static func renderTooSmall(into canvas: inout Canvas, job: String?) {
        let long = [
            "bptui needs a terminal of at least \(Layout.minimumWidth)×\(Layout.minimumHeight);",
            "this one is \(canvas.width)×\(canvas.height).",
            "Enlarge it, or press q to quit.",
        ] + (job.map { ["(the \($0) goes on meanwhile)"] } ?? [])
        let short = ["needs \(Layout.minimumWidth)×\(Layout.minimumHeight)", "this: \(canvas.width)×\(canvas.height)", "q quits"]
        let lines = long.allSatisfy { $0.count <= canvas.width } ? long : short
        let top = max(0, (canvas.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let shown = canvas.glyphs.render(line)
            canvas.put(line, x: max(0, (canvas.width - shown.count) / 2), y: top + index, Style(.warning, bold: index == 0))
        }
    }
}
