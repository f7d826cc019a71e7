import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// The screen as text, at the sizes a person uses, without a terminal.
@Suite struct ScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    func render(_ state: AppState, _ size: (Int, Int), glyphs: Glyphs = .unicode) -> Canvas {
        Screen.render(state, width: size.0, height: size.1, glyphs: glyphs)
    }

    @Test(arguments: sizes)
    func iterationZeroShowsThePostsForwardPass(width: Int, height: Int) {
        let canvas = render(AppState.post, (width, height))
        let text = canvas.text
        #expect(text.contains("iteration 0"))
        #expect(text.contains("E_total 0.298371109"))
        #expect(text.contains("0.751365070"))
        #expect(text.contains("0.772928465"))
        #expect(text.contains(width >= 110 ? "h1 0.593269992" : "h1 0.593270"))
        #expect(text.contains(width >= 110 ? "h2 0.596884378" : "h2 0.596884"))
        #expect(text.contains("w5  0.400000000"))
        #expect(text.contains("published order"))
        #expect(text.contains("biases fixed"))
        #expect(text.contains("paused"))
        #expect(canvas.lines.last!.hasPrefix("spc Step ←→ Back r Run"))
        #expect(canvas.lines.last!.contains("= Set x Export"))
        let w5 = canvas.lines.first { $0.contains("▸w5  0.400000000") }
        #expect(w5?.contains("0.082167041") == true, "∂E/∂w5 next: the post's first figure")
        #expect(w5?.contains("−0.041083520") == true, "Δ next")
        #expect(text.contains("∂E/∂w next") && text.contains("Δ next"))
        if width >= 110 {
            #expect(text.contains("net_h1  0.377500000"))
            #expect(text.contains("net_o1  1.105905967"))
            #expect(text.contains("Δ last ▲▼"))
        }
    }

    @Test(arguments: sizes)
    func iterationOneShowsThePostsErrorAndW5Derivation(width: Int, height: Int) {
        var state = AppState.post
        state.update(.step)
        let text = render(state, (width, height)).text
        #expect(text.contains("E_total 0.291027924"))
        #expect(text.contains("iteration 1"))
        let w5 = render(state, (width, height)).lines.first { $0.contains("▸w5  0.358916480") }
        let next = PostBackwardPass(state.trainer.named, settings: .post).gradient.w5
        #expect(w5?.contains(Format.number(next)) == true, "∂E/∂w5 of the next step: \(w5 ?? "")")
        #expect(w5?.contains(width >= 110 ? "−0.041083520▼" : "▼│") == true, "w5 fell in the last step: \(w5 ?? "")")
        if width >= 110 { #expect(w5?.contains("−0.041083520▼") == true, "Δ last: η·∂E/∂w5") }
        #expect(text.contains("w7  0.511301270"))
    }

    @Test(arguments: sizes)
    func iterationTenThousandShowsThePostsErrorAndTheBanner(width: Int, height: Int) {
        var state = AppState.post
        state.update(.openGoTo)
        state.update(.promptSubmit)
        let text = render(state, (width, height)).text
        #expect(state.trainer.iteration == 10_000)
        #expect(text.contains("E_total 0.000035085"))
        #expect(text.contains("iteration 10,000: E_total 0.000035085 — the post: 0.000035085 ✓"))
    }

    @Test func textbookBannerStatesTheDifference() {
        let state = trained(10_000, settings: PostSettings(order: .textbook))
        let text = render(state, (80, 24)).text
        #expect(text.contains("iteration 10,000: E_total 0.000035102 — the post: 0.000035085 (Δ +1.7e−8)"))
        let wide = render(state, (120, 40)).text
        #expect(wide.contains("iteration 10,000: E_total 0.000035102 — the post: 0.000035085 (published order; Δ +1.7e−8)"))
        #expect(text.contains("o2 0.984064274→0.99"))
    }

    @Test func logAxisIsLabelledInDecadesWithThePostsReferenceLine() {
        let state = trained(10_000)
        let canvas = render(state, (80, 24))
        let layout = Layout(width: 80, height: 24)!
        let labels = (layout.chart.y + 1 ..< layout.chart.y + layout.chart.height - 1).compactMap { y -> String? in
            let row = canvas.lines[y]
            let start = row.index(row.startIndex, offsetBy: layout.chart.x + 1)
            let label = row[start...].prefix(ChartPane.labelWidth).trimmingCharacters(in: .whitespaces)
            return label.isEmpty ? nil : label
        }
        #expect(labels.prefix(6) == ["1e0", "1e−1", "1e−2", "1e−3", "1e−4", "1e−5"])
        #expect(canvas.text.contains("┄ post 0.000035085"))
        #expect(canvas.text.contains("● 0.000035085"))
        #expect(canvas.text.contains("E_total · log₁₀"))
        #expect(canvas.text.contains("10,000"))
    }

    @Test func linearAxisOnAKey() {
        var state = trained(100)
        state.update(.toggleScale)
        let text = render(state, (80, 24)).text
        #expect(text.contains("E_total · linear"))
        #expect(text.contains("  0.3"))
        #expect(!text.contains("1e-1"))
    }

    @Test func chartColumnsAreBoundedByTheHistoryRange() {
        let state = trained(20_000)
        let canvas = render(state, (80, 24))
        #expect(canvas.text.contains("20,000"))
        #expect(canvas.text.contains("↑10k"), "the post's 10,000 stays marked")
        #expect(canvas.cells.filter { $0.character == "●" && $0.style.role == .current }.count == 2, "the current point and its legend")
    }

    @Test func tooSmallNamesBothSizesAndRecovers() {
        let state = AppState.post
        let small = render(state, (60, 20))
        #expect(small.text.contains("bptui needs a terminal of at least 80×24;"))
        #expect(small.text.contains("this one is 60×20."))
        #expect(render(state, (79, 24)).text.contains("this one is 79×24."))
        #expect(render(state, (80, 24)).text.contains("E_total 0.298371109"))
    }

    @Test func asciiGlyphsForNonUTF8Terminals() {
        var state = AppState.post
        state.update(.step)
        let canvas = render(state, (80, 24), glyphs: .ascii)
        #expect(canvas.cells.allSatisfy { $0.character.isASCII })
        #expect(canvas.text.contains("+- bptui . A Step by Step"))
        #expect(canvas.text.contains("w5  0.358916v->"))
        // The hint bar measured as drawn: its last hint, q Quit, whole (ASCII's <--> cut it).
        #expect(canvas.lines[23].hasSuffix(" q Quit") || canvas.lines[23].contains(" q Quit "), "\(canvas.lines[23])")
        for overlay in [Command.toggleHelp, .toggleExplain, .toggleGradientCheck, .toggleCheckpoints] {
            var shown = state
            shown.update(overlay)
            #expect(render(shown, (80, 24), glyphs: .ascii).cells.allSatisfy { $0.character.isASCII })
        }
        state.update(.toggleHelp)
        #expect(render(state, (80, 24), glyphs: .ascii).text.contains("log10 <-> linear"))
    }

    @Test func monochromeStillShowsSignChangeAndSelection() throws {
        let state = trained(10_000)
        let canvas = render(state, (80, 24))
        let w5Row = try #require(canvas.lines.firstIndex { $0.contains("▸w5 −3.892519004") })
        let layout = Layout(width: 80, height: 24)!
        #expect((layout.list.x + 1 ..< layout.list.x + layout.list.width - 1).allSatisfy { canvas[$0, w5Row].style.reverse })
        #expect(canvas.lines[w5Row].contains("▼"), "change is a glyph, not only a colour")
        #expect(canvas.text.contains("w5 −3.892519▼"), "sign is a minus, not only a colour")
    }

    @Test func helpOverlayListsEveryKey() {
        var state = AppState.post
        state.update(.toggleHelp)
        let text = render(state, (80, 24)).text
        for binding in KeyTable.bindings {
            #expect(text.contains(" " + binding.names + " ") && text.contains(binding.action), "help lacks \(binding.names)")
        }
        #expect(text.contains("Keys · Esc or ? closes"))
    }

    @Test func promptShowsInTheMessageLine() {
        var state = AppState.post
        state.update(.openGoTo)
        state.update(.promptBackspace)
        let text = render(state, (80, 24)).text
        #expect(text.contains("Go to iteration: 1000▏"))
    }

    @Test func divergenceIsSaidAndTheLastFiniteStateStays() {
        var network = PostNetwork.post
        network.w5 = 1e308
        network.w6 = 1e308
        var state = postState(PostSettings(learningRate: 1e300), start: network)
        state.update(.toggleRun)
        state.update(.tick(seconds: 1))
        #expect(!state.running)
        let text = render(state, (80, 24)).text
        #expect(text.contains("diverged at iteration 1 (η = 1e+300): the last finite state is shown · R resets"))
        #expect(!text.contains("nan") && !text.contains("inf"), "\(text)")
        #expect(text.contains("w1  0.150000000 −1.0389e+295            ∞"), "the next step's Δ overflows, and says so")
    }
}

/// The chart never draws a non-finite error and never breaks on one that underflows to 0.
@Suite struct ChartEdgeTests {
    @Test func nonFiniteStartDrawsNoPointsAndSaysDiverged() {
        var network = PostNetwork.post
        network.i1 = 1.7e308
        network.i2 = 1.7e308
        network.w1 = 1.7e308
        network.w2 = -1.7e308
        let state = postState(start: network)
        let canvas = Screen.render(state, width: 80, height: 24)
        let layout = Layout(width: 80, height: 24)!
        let plotCells = (layout.chart.y + 1 ..< layout.chart.y + layout.chart.height - 3).flatMap { y in
            (layout.chart.x + 1 + ChartPane.labelWidth ..< layout.chart.x + layout.chart.width - 1).map { canvas[$0, y].character }
        }
        #expect(plotCells.allSatisfy { $0 == " " || $0 == "┄" })
        #expect(canvas.text.contains("● not finite"))
        #expect(canvas.text.contains("diverged at iteration 0"))
    }

    @Test func errorThatUnderflowsToZeroSitsOnTheLogFloor() {
        let axis = Axis(.log, ranges: [ErrorRange(min: 0, max: 0.3)], reference: nil)
        #expect(axis.low == -300)
        #expect(axis.row(of: 0, rows: 10) == 9)
        #expect(axis.row(of: 0.3, rows: 10) == 0)
        #expect(axis.labels(rows: 10).count <= 10)
    }

    @Test func hugeLearningRateDivergesOnScreenAndResetStillWorks() {
        var state = postState(PostSettings(learningRate: 1e300))
        state.update(.toggleRun)
        state.update(.tick(seconds: 0.1))
        #expect(state.trainer.divergence?.iteration == 1)
        #expect(!state.running)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("diverged at iteration 1 (η = 1e+300)"))
        state.update(.reset)
        #expect(state.trainer.iteration == 0)
        #expect(state.trainer.divergence == nil)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("E_total 0.298371109"))
    }
}

/// The teaching views as canvas text.
@Suite struct TeachingViewTests {
    func render(_ keys: Command..., settings: PostSettings = .post, iterations: Int = 0,
                width: Int = 80, height: Int = 24) -> String {
        var state = trained(iterations, settings: settings)
        state.update(.resized(width: width, height: height))
        keys.forEach { state.update($0) }
        return Screen.render(state, width: width, height: height).text
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func w5DerivationAtIterationZeroHasThePostsNumbers(width: Int, height: Int) {
        let text = render(.toggleExplain, width: width, height: height)
        #expect(text.contains("Explain ∂E_total/∂w5 · next step from iteration 0"))
        #expect(text.contains("∂E_total/∂w5 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5"))
        #expect(text.contains("∂E_total/∂out_o1 = −(target − out) = −(0.01 − 0.751365070) = 0.741365070"))
        #expect(text.contains("∂out_o1/∂net_o1 = out_o1(1 − out_o1) = 0.186815602"))
        #expect(text.contains("∂net_o1/∂w5 = out_h1 = 0.593269992"))
        #expect(text.contains("∂E_total/∂w5 = 0.741365070 × 0.186815602 × 0.593269992 = 0.082167041"))
        #expect(text.contains("w5⁺ = w5 − η·∂E_total/∂w5 = 0.400000000 − 0.5 × 0.082167041 = 0.358916480"))
    }

    @Test func w1DerivationShowsBothOrdersWithThePostsTextbookNumbers() {
        let text = render(.toggleExplain, .selectPrevious, .selectPrevious, .selectPrevious, .selectPrevious, .selectPrevious)
        #expect(text.contains("Explain ∂E_total/∂w1 · next step from iteration 0"))
        let lines = text.split(separator: "\n").map(String.init)
        func row(_ label: String) -> [Substring]? {
            lines.first { $0.contains(label) }.map { $0.split(separator: " ").suffix(3).dropLast() }
        }
        #expect(lines.contains { $0.contains("published ◂") && $0.contains("textbook") })
        #expect(row("∂E_o1/∂out_h1 = δ_o1 · w5")?.last == "0.055399425")
        #expect(row("∂E_o2/∂out_h1 = δ_o2 · w7")?.last == "−0.019049118")
        #expect(row("∂E_total/∂out_h1 =")?.last == "0.036350306")
        #expect(row("∂out_h1/∂net_h1 = out_h1")?.last == "0.241300709")
        #expect(row("∂net_h1/∂w1 = i1")?.last == "0.050000000")
        #expect(row("∂E_total/∂w1 = product")?.last == "0.000438568")
        #expect(row("w1⁺ = w1")?.first == "0.149817639")
        #expect(row("w1⁺ = w1")?.last == "0.149780716")
        #expect(row("w5 used")?.first == "0.358916480")
        #expect(text.replacingOccurrences(of: "│\n│", with: " ").contains("No one order matches every figure it prints"))
    }

    @Test(arguments: [0, 1, 10_000])
    func gradientCheckPassesEveryRow(iterations: Int) {
        let text = render(.toggleGradientCheck, iterations: iterations)
        #expect(text.contains("10 of 10 gradients agree: |difference| < 1e−9 or relative < 1e−7"))
        #expect(!text.contains("✗"))
    }

    @Test func checkpointsMarkAgreementsAndExplainMismatches() {
        let published = render(.toggleCheckpoints, width: 120, height: 40)
        #expect(published.contains("24 of 32 agree to the printed digits in published order"))
        #expect(published.contains("✓ E_total after 10,000 updates"))
        #expect(published.contains("✗ w1⁺"))
        #expect(published.contains("✗ w1⁺…w4⁺, ∂E/∂w1, ∂E/∂out_h1: the post's text used the original w5…w8"))
        let small = render(.toggleCheckpoints)
        #expect(small.contains("✓ net_h1") && !small.contains("✗ w4⁺"))
        #expect(small.contains("rows 1–15 of 32 · ↑↓ PgUp PgDn scroll"))
        #expect(small.contains("✗ w1⁺…w4⁺, ∂E/∂w1, ∂E/∂out_h1: the post's text used the original w5…w8"))
        let scrolled = render(.toggleCheckpoints, .pageDown, .pageDown)
        #expect(scrolled.contains("✗ w4⁺") && scrolled.contains("rows 18–32 of 32"))
        #expect(render(.toggleCheckpoints, .pageDown, .selectPrevious).contains("rows 15–29 of 32"))
        #expect(!published.contains("PgUp PgDn scroll"), "120×40 shows every figure")
        let textbook = render(.toggleCheckpoints, settings: PostSettings(order: .textbook), width: 120, height: 40)
        #expect(textbook.contains("27 of 32 agree to the printed digits in textbook order"))
        #expect(textbook.contains("✗ ∂E_o2/∂out_h1: the post rounded by hand; in full, −0.0190491183"))
        #expect(textbook.contains("✓ w1⁺"))
        #expect(textbook.contains("✗ E_total after 1 update"))
    }

    @Test func checkpointsSayTheyDoNotApplyToAnotherNetwork() {
        var network = PostNetwork.post
        network.w1 = 0.1
        var state = postState(start: network)
        state.update(.toggleCheckpoints)
        let text = Screen.render(state, width: 80, height: 24).text
        #expect(text.contains("Not the post's run (another starting network):"))
        #expect(text.contains("the bptui column is the post's own network in published order, not this run"))
        state = postState(PostSettings(trainBiases: true))
        state = finishing(.step, on: state)
        state.update(.toggleCheckpoints)
        let biases = Screen.render(state, width: 80, height: 24).text
        #expect(biases.contains("Not the post's run (biases trained):"))
    }

    /// A run of many samples that diverges mid-epoch goes back to the last epoch whose errors
    /// were finite: the status shows that state's numbers, never ∞ or NaN.
    @Test(arguments: [Activation.relu, .linear])
    func aDivergenceMidEpochShowsTheLastFiniteEpochsNumbers(hidden: Activation) throws {
        let recipe = Recipe(layers: [2, 4, 1], activation: hidden, outputActivation: .linear, data: .builtIn(.circle), learningRate: 1e300)
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        for _ in 0 ..< 3 { state.update(.step) }
        let text = state.screen(120, 40)
        #expect(state.trainer.divergence != nil && state.trainer.iteration == 0)
        #expect(text.contains("training E now ") && !text.contains("∞") && !text.contains("NaN"), "\(text)")
        #expect(text.contains("the last finite state, iteration 0, is shown"), "\(text)")
    }

    /// Past a frame's work for a pass over every sample, a paused run mid-epoch shows its error
    /// and accuracy now on an even spread of the samples, both labelled ≈, rather than
    /// computing them over every sample on each key (or showing iteration 0's beside them).
    @Test func aLargeNetworkMidEpochShowsEstimatesOfNow() throws {
        let recipe = Recipe(layers: [2, 10_000, 1], data: .builtIn(.circle))
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 120, height: 40))
        state.update(.step)
        let text = state.screen(120, 40)
        #expect(!state.derived.errorIsNow && state.derived.errorIsEstimate && state.derived.accuracyIsEstimate && text.contains("accuracy ≈"))
        let spread = try #require(Derived.spread(state.trainer.data, state.architecture))
        #expect(spread.training.count > 50 && spread.training.count < state.trainer.data.training.count)
        let error = Trainer.meanLoss(state.trainer.network, spread.training)
        #expect(text.contains("training E ≈ \(Format.number(error))") && text.contains("test ≈"), "\(text)")
        let small = Recipe(layers: [2, 3, 1], data: .builtIn(.circle))
        var other = AppState(trainer: try small.trainer(), recipe: small)
        other.update(.step)
        #expect(other.derived.errorIsNow && other.derived.accuracy != nil)
    }
}
