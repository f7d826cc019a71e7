import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// Messages reach the screen, long work runs in slices, one gradient everywhere, and stepping
/// back is stepping forward replayed — asserted on the rendered Canvas.
@Suite struct TrustTests {
    @Test func aNewerEventReplacesAnOlderMessage() {
        var state = press(.character("+"), .character("r"))
        state.update(.tick(seconds: 0.2))
        state = press(.character("R"), on: state)
        #expect(state.screen().contains("reset to iteration 0"))
        while state.running { state.update(.tick(seconds: 0.25)) }
        #expect(state.trainer.iteration == 10_000)
        let screen = state.screen()
        #expect(screen.contains("iteration 10,000: E_total 0.000035085 — the post: 0.000035085 ✓"))
        #expect(!screen.contains("reset to iteration 0"))
    }

    @Test func aTerminalTooSmallTakesOnlyQuit() {
        var state = AppState.post
        state.update(.resized(width: 60, height: 20))
        #expect(state.screen(60, 20).contains("this one is 60×20."))
        for key in [Key.character(" "), .character("g"), .character("x"), .enter, .character("="), .left, .character("?")] {
            #expect(Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall) == nil, "\(key)")
        }
        #expect(Command.from(.character("q"), in: state) == .quit && Command.from(.control("c"), in: state) == .quit)
        state.update(.resized(width: 80, height: 24))
        #expect(Command.from(.character(" "), in: state) == .step)
    }

    @Test func aLongGoToRunsInSlicesWithProgressAndEscStopsWhereItGot() {
        var state = AppState.post
        state.update(.openGoTo)
        state.update(.promptInsert("1000000000"))
        var effects = state.update(.promptSubmit)
        #expect(effects == [.tick(after: 0)])
        #expect(state.trainer.iteration == state.jobBatch && state.trainer.iteration < 1_000_000_000)
        effects = state.update(.tick(seconds: 0.02))
        #expect(effects == [.tick(after: 0)])
        let reached = state.trainer.iteration
        let progress = state.screen()
        #expect(progress.contains("go-to \(Format.count(reached))/1,000,000,000 0.0% · "), "\(progress)")
        #expect(progress.contains("▶ go-to ") && progress.contains(" left · Esc stops"))
        for key in [Key.character(" "), .character("g"), .character("o")] { state.update(Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall)!) }
        #expect(state.trainer.iteration == reached, "training keys wait for the job")
        #expect(state.screen().contains("busy with the go-to — Esc stops it first"))
        for key in [Key.down, .character("?")] { state.update(Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall)!) }
        #expect(state.selection == .w6 && state.overlay == .help, "views and selection still answer")
        #expect(state.update(.close).isEmpty)
        #expect(state.job != nil && state.overlay == nil, "Esc closes help first; the job goes on")
        #expect(state.update(.close).isEmpty)
        #expect(state.job == nil && state.trainer.iteration == reached)
        #expect(state.screen().contains("go-to stopped at iteration \(Format.count(reached))"))
        #expect(state.update(.tick(seconds: 0.02)).isEmpty, "nothing left to tick")
    }

    @Test func qQuitsInTheMiddleOfAJob() {
        var state = AppState.post
        state.update(.openGoTo)
        state.update(.promptInsert("1000000000"))
        state.update(.promptSubmit)
        #expect(state.update(Command.from(.character("q"), in: state)!) == [.quit])
    }

    @Test func sliceSizeFollowsTheTimeASliceTook() {
        var state = trained(0)
        state.update(.openGoTo)
        state.update(.promptInsert("1000000000"))
        state.update(.promptSubmit)
        let first = state.jobBatch
        state.update(.tick(seconds: 0.2))
        #expect(state.jobBatch < first)
        let slow = state.jobBatch
        state.update(.tick(seconds: 0.001))
        #expect(state.jobBatch > slow)
    }

    @Test func leftStepsBackToTheBitAndRightStepsForward() {
        var state = press(.character("s"), .character("s"), .character("s"))
        let three = state.trainer
        state = press(.left, on: state)
        #expect(state.screen().contains("E_total 0.283547364"))
        var two = PostTrainer()
        two.train(2)
        #expect(state.trainer.named == two.network && state.trainer.previous.map { Network.post.weights.count == $0.weights.count } == true)
        #expect(state.trainer.previous?.weights == two.previous.map { Network($0).weights })
        #expect(state.trainer.history.exact == two.history.exact)
        state = press(.right, on: state)
        #expect(state.trainer.network == three.network && state.trainer.history.exact == three.history.exact)
        state = press(.left, .left, .left, .left, on: state)
        #expect(state.trainer.iteration == 0)
        #expect(state.screen().contains("already at iteration 0"))
    }

    @Test func explainForBothBiasesShowsBothOrders() {
        let b1 = press(.character("e"), .up)
        #expect(b1.selection == .b1)
        let text = b1.screen(120, 40)
        let published = PostBackwardPass(.post, settings: .post), textbook = PostBackwardPass(.post, settings: PostSettings(order: .textbook))
        let row = text.split(separator: "\n").first { $0.contains("∂E_total/∂b1 = δ_h1 + δ_h2") }.map(String.init) ?? ""
        #expect(row.contains(Format.number(published.gradient.b1)) && row.contains(Format.number(textbook.gradient.b1)), "\(row)")
        #expect(published.gradient.b1 != textbook.gradient.b1)
        #expect(text.contains("published ◂") && text.contains("◂ marks this run's order (o switches)"))
        let b2 = press(.character("e"), .down, .down, .down, .down).screen(120, 40)
        #expect(b2.contains("∂E_total/∂b2 = δ_o1 + δ_o2") && b2.contains(Format.number(published.gradient.b2)))
    }

    @Test func oneGradientEverywhere() {
        let state = trained(7)
        let next = PostBackwardPass(state.trainer.named, settings: .post)
        let table = state.screen().split(separator: "\n").first { $0.contains("▸w5") }.map(String.init) ?? ""
        #expect(table.contains(Format.number(next.gradient.w5)) && table.contains(Format.number(next.change(.w5))))
        let explain = finishing(.toggleExplain, on: state).screen(120, 40)
        #expect(explain.contains("= \(Format.number(next.gradient.w5))"))
        #expect(explain.contains("w5⁺ = w5 − η·∂E_total/∂w5 = \(Format.number(state.trainer.network.w5)) − 0.5 × \(Format.number(next.gradient.w5)) = \(Format.number(next.after.w5))"))
        let check = finishing(.toggleGradientCheck, on: state).screen(120, 40)
        #expect(check.contains(Format.number(next.gradient.w5)))
    }

    @Test func thePublishedGradientCheckSaysHiddenGradientsDifferByDesignAndMarksNothingWrong() {
        let check = press(.character("c")).screen(120, 40)
        #expect(check.contains("update uses") && check.contains("10 of 10 gradients agree"))
        #expect(!check.contains("✗"))
        let w1 = check.split(separator: "\n").first { $0.contains("w1  ✓") }.map(String.init) ?? ""
        #expect(w1.contains("0.000364723≠") && w1.contains("0.000438568"), "\(w1)")
        #expect(check.contains("already updated: by design not the true gradient"))
        let textbook = press(.character("o"), .character("c")).screen(120, 40)
        #expect(!textbook.contains("update uses") && !textbook.contains("≠"))
        #expect(textbook.contains("o: published order, whose updates below the output layer differ from these by design"))
    }

    @Test func aNulTypedIntoThePromptNeverReachesTheCanvas() {
        var state = press(.character("="))
        state.update(.promptInsert("\u{0}"))
        state.update(.promptInsert("1\u{0}"))
        #expect(state.prompt?.text == "1")
        let canvas = Screen.render(state, width: 80, height: 24)
        #expect(!canvas.cells.contains { $0.character.isControl })
    }

    @Test func theScreensOwnMinusPastedBackIntoThePromptIsAMinus() {
        var state = press(.character("="), .control("u"))
        state = type("−0.022602540", on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.network.w5 == -0.022602540)
        #expect(state.screen().contains("w5 set to −0.022602540 at iteration 0"))
    }

    @Test func keysWithoutAJobHereSaySo() {
        #expect(press(.pageDown).selection == .b2, "PgDn: a page down the list, to its end")
        #expect(press(.function(5)).screen().contains("the key F5 does nothing here"))
        #expect(press(.home).screen().contains("the key Home does nothing here"))
        #expect(press(.character("+"), .character("+"), .character("+"), .character("+"), .character("+"))
            .screen().contains("speed: max, the fastest"))
    }

    @Test func aGoToThatTookSlicesSaysWhereItWent() {
        let state = trained(123_456)
        #expect(state.screen().contains("went to iteration 123,456"))
    }

    @Test(arguments: [1, 3, 50, 777])
    func theCurrentPointSitsOnItsOwnDot(iterations: Int) {
        let canvas = Screen.render(trained(iterations), width: 80, height: 24)
        let layout = Layout(width: 80, height: 24)!
        let plotRows = layout.chart.y + 1 ..< layout.chart.y + layout.chart.height - 3
        let columns = layout.chart.x + 7 ..< layout.chart.x + layout.chart.width - 1
        let point = plotRows.flatMap { y in columns.map { (x: $0, y: y) } }.first { canvas[$0.x, $0.y].character == "●" }
        guard let point else {
            Issue.record("no current point")
            return
        }
        let dotsInItsColumn = plotRows.filter { (0x2800 ... 0x28FF).contains(canvas[point.x, $0].character.unicodeScalars.first!.value) }
        #expect(dotsInItsColumn.isEmpty, "the ● covers its own dot, none left above or below: \(dotsInItsColumn)")
    }

    @Test func aTooSmallTerminalSaysAGoToGoesOn() {
        var state = AppState.post
        state.update(.openGoTo)
        state.update(.promptInsert("1000000000"))
        state.update(.promptSubmit)
        state.update(.resized(width: 60, height: 20))
        #expect(state.screen(60, 20).contains("(the go-to goes on meanwhile)"))
    }

    @Test func inASCIIThePublishedMarkKeepsItsColumn() {
        let canvas = Screen.render(press(.character("c")), width: 80, height: 24, glyphs: .ascii)
        let w1 = canvas.lines.first { $0.contains("w1  ok") } ?? ""
        #expect(w1.contains("0.000364723!=   0.000438568"), "\(w1)")
        #expect(canvas.text.contains("!= published order (the post's script) computes each layer below the top"))
    }
}
