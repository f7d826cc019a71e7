import BackpropEngine

/// The view of any network: the whole screen as a pure function of the state and the
/// terminal's size.
public enum GeneralScreen {
    public static func render(_ state: LayeredState, width: Int, height: Int, glyphs: Glyphs = .unicode,
                              colors: ColorDepth = .many) -> Canvas {
        var canvas = Canvas(width: width, height: height, glyphs: glyphs, colors: colors)
        let tableOnly = state.architecture.layers[0] > 2
        guard let layout = GeneralLayout(width: width, height: height, widestLayer: state.architecture.layers.max() ?? 1,
                                         dataView: state.dataView && state.walk == nil, tableOnly: tableOnly) else {
            Screen.renderTooSmall(into: &canvas, job: state.job?.name)
            return canvas
        }
        DiagramPane(state: state).render(into: &canvas, layout.diagram)
        if let walk = state.walk {
            WalkPane(walk: walk).render(into: &canvas, Rect(x: 0, y: layout.list.y, width: width, height: layout.list.height))
        } else {
            if state.dataView {
                DataPane(state: state).render(into: &canvas, layout.data)
            } else {
                ParameterPane(state: state).render(into: &canvas, layout.list)
            }
            if !(state.dataView && tableOnly) { ChartPane(state: state).render(into: &canvas, layout.chart) }
        }
        LayeredStatusPane(state: state, roomy: layout.roomy).render(into: &canvas, layout.status)
        GeneralMessageLine(state: state).render(into: &canvas, layout.message)
        HintBar(screen: .general).render(into: &canvas, layout.hints)
        let panes = Rect(x: 0, y: 0, width: width, height: layout.status.y)
        switch state.overlay {
        case .help:
            HelpOverlay(keys: .general, note: ": takes bptui's network, data and training options")
                .render(into: &canvas, within: Rect(x: 0, y: 0, width: width, height: height))
        case .explain: LayeredExplainPane(state: state).render(into: &canvas, panes)
        case .gradientCheck: GeneralCheckPane(state: state).render(into: &canvas, panes)
        case nil: break
        }
        return canvas
    }
}

/// The message row of the general screen: the open prompt, a divergence, or what the last
/// command did.
struct GeneralMessageLine {
    let state: LayeredState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let limit = rect.x + rect.width
        if let prompt = state.prompt {
            MessageLine.renderPrompt(prompt, into: &canvas, rect)
        } else if let divergence = state.trainer.divergence {
            canvas.fill(rect, with: " ", Style(.bad, reverse: true))
            canvas.put(" diverged at iteration \(Format.count(divergence.iteration)) (η = \(Format.short(divergence.learningRate))): "
                       + "the last finite state is shown · R resets", x: rect.x, y: rect.y, Style(.bad, bold: true, reverse: true), limit: limit)
        } else if let message = state.message {
            canvas.put(message, x: rect.x, y: rect.y, Style(.accent), limit: limit)
        } else if let walk = state.walk {
            canvas.put(walk.hint, x: rect.x, y: rect.y, Style(.muted), limit: limit)
        } else if state.trainer.iteration == 0 {
            canvas.put("\(state.architecture.shapeName) on \(state.recipe.dataName) · space: one update · r: run · d: data · : options · ?: help",
                       x: rect.x, y: rect.y, Style(.muted), limit: limit)
        }
    }
}
