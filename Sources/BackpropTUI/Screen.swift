import BackpropEngine

/// The view: the whole screen as a pure function of the state and the terminal's size; the
/// panes adapt to the network (the post's picture for its shape).
public enum Screen {
    public static func render(_ state: AppState, width: Int, height: Int, glyphs: Glyphs = .unicode,
                              colors: ColorDepth = .many) -> Canvas {
        var canvas = Canvas(width: width, height: height, glyphs: glyphs, colors: colors)
        guard let layout = Layout(width: width, height: height, architecture: state.architecture,
                                         dataView: state.dataView && state.walk == nil) else {
            Screen.renderTooSmall(into: &canvas, job: state.job?.name)
            return canvas
        }
        if layout.picture {
            NetworkPane(model: NetworkPane.Model(state), roomy: layout.roomy).render(into: &canvas, layout.diagram)
        } else if layout.table, let places = EdgeTablePane.Places(state.architecture, area: layout.diagram.inner, roomy: layout.roomy) {
            EdgeTablePane(state: state, places: places).render(into: &canvas, layout.diagram)
        } else {
            DiagramPane(state: state).render(into: &canvas, layout.diagram)
        }
        if let walk = state.walk {
            WalkPane(walk: walk).render(into: &canvas, Rect(x: 0, y: layout.list.y, width: width, height: layout.list.height))
        } else {
            if state.dataView {
                DataPane(state: state).render(into: &canvas, layout.data)
            } else {
                ParameterPane(state: state).render(into: &canvas, layout.list)
            }
            ChartPane(state: state).render(into: &canvas, layout.chart)
        }
        StatusPane(state: state, roomy: layout.roomy).render(into: &canvas, layout.status)
        MessageLine(state: state).render(into: &canvas, layout.message)
        HintBar().render(into: &canvas, layout.hints)
        let panes = Rect(x: 0, y: 0, width: width, height: layout.status.y)
        switch state.overlay {
        case .help:
            HelpOverlay().render(into: &canvas, within: Rect(x: 0, y: 0, width: width, height: height))
        case .explain: ExplainPane(state: state).render(into: &canvas, panes)
        case .gradientCheck: GradientCheckPane(state: state).render(into: &canvas, panes)
        case .checkpoints: CheckpointsPane(state: state).render(into: &canvas, panes)
        case nil: break
        }
        return canvas
    }

    /// The screen while a large run's first state is made (its first error over every sample,
    /// its next update): what, for how long so far, and that q quits.
    public static func renderStarting(_ what: String, seconds: Int, width: Int, height: Int, glyphs: Glyphs = .unicode,
                                      colors: ColorDepth = .many) -> Canvas {
        var canvas = Canvas(width: width, height: height, glyphs: glyphs, colors: colors)
        let lines = ["bptui is making \(what)", "its first error and next update: \(seconds) s so far", "q or Esc quits"]
        let top = max(0, (height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let shown = glyphs.render(line)
            canvas.put(line, x: max(0, (width - shown.count) / 2), y: top + index, Style(index == 0 ? .title : .muted, bold: index == 0))
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

/// The message row: the open prompt, a divergence, or what the last
/// command did.
struct MessageLine {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let limit = rect.x + rect.width
        if let prompt = state.prompt {
            MessageLine.renderPrompt(prompt, into: &canvas, rect)
        } else if let divergence = state.trainer.divergence {
            canvas.fill(rect, with: " ", Style(.bad, reverse: true))
            canvas.put(" diverged at iteration \(Format.count(divergence.iteration)) (η = \(Format.short(divergence.learningRate))): "
                       + (state.trainer.iteration == divergence.iteration - 1 ? "the last finite state is shown"
                           : "the last finite state, iteration \(Format.count(state.trainer.iteration)), is shown") + " · R resets", x: rect.x, y: rect.y, Style(.bad, bold: true, reverse: true), limit: limit)
        } else if let message = state.message {
            canvas.put(message, x: rect.x, y: rect.y, Style(.accent), limit: limit)
        } else if let walk = state.walk {
            canvas.put(walk.hint, x: rect.x, y: rect.y, Style(.muted), limit: limit)
        } else if state.trainer.isThePostsNetwork, state.trainer.iteration == Post.finalIteration {
            canvas.fill(rect, with: " ", Style(.good, reverse: true))
            canvas.put(" " + Self.fitting(Self.banners(state.trainer), rect.width), x: rect.x, y: rect.y,
                       Style(.good, bold: true, reverse: true), limit: limit)
        } else if state.trainer.iteration == 0 {
            let text = state.trainer.isThePostsNetwork ? "iteration 0: the post's starting network · space: one update · r: run · ?: help"
                : "\(state.architecture.shapeName) on \(state.recipe.dataName) · space: one update · r: run · d: data · : options · ?: help"
            canvas.put(text, x: rect.x, y: rect.y, Style(.muted), limit: limit)
        }
    }
}
