import BackpropEngine
@testable import BackpropTUI
import Testing

/// `=`: setting a weight, an input, a target or η, what bad text does (nothing, with a reason
/// beside the prompt), and edits replayed when the run passes them again.
@Suite struct EditTests {
    @Test func equalsOpensOnTheSelectedWeightPrefilledAndSelected() {
        let state = press(.character("="))
        #expect(state.prompt?.kind == .set(.weight(4)))
        #expect(state.prompt?.text == "0.4" && state.prompt?.selected == true)
        #expect(state.screen().contains("Set w5 (Tab: next): 0.4▏"))
    }

    @Test func tabCyclesInputsTargetsAndEta() {
        var state = press(.character("="))
        var labels: [String] = []
        for _ in 0 ..< 6 {
            state = press(.tab, on: state)
            if case .set(let target) = state.prompt?.kind { labels.append(target.name) }
        }
        #expect(labels == ["i1", "i2", "target_o1", "target_o2", "η", "w5"])
        #expect(press(.character("="), .tab, .tab, .tab, .tab, .tab).prompt?.text == "0.5")
    }

    /// λ on the timeline: `=` (Tab past η) or `:regularization-rate` change it from the next
    /// update on, the run kept; going back and forward replays it; R forgets it.
    @Test func lambdaChangesMidRunOnTheTimeline() throws {
        let recipe = Recipe(layers: [2, 4, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle), samples: 100,
                            learningRate: 0.03, batch: 10, regularization: Regularization(kind: .l2, rate: 0.001, clipsAtZero: false))
        var state = GoldenTests.trainedGeneral(recipe, 20, size: .large)
        state = press(.character("="), .tab, .tab, on: state)
        #expect(state.prompt?.kind == .set(.penaltyRate) && state.screen(120, 40).contains("Set λ (Tab: next): 0.001"))
        state = type("0.05", on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.settings.regularization?.rate == 0.05 && state.trainer.iteration == 20)
        #expect(state.message == "λ set to 0.05 at iteration 20 · replayed when the run passes it again")
        // The same run by hand: 20 updates at λ 0.001, then 20 at 0.05.
        var first = try recipe.trainer()
        _ = first.train(updates: 20)
        var settings = first.settings
        settings.regularization?.rate = 0.05
        var manual = Trainer(first.network, data: first.data, settings: settings, iteration: 20, epoch: first.epoch, position: first.position)
        _ = manual.train(updates: 20)
        state.update(.openGoTo)
        state.update(.promptInsert("40"))
        state = finishing(.promptSubmit, on: state)
        #expect(state.trainer.network == manual.network, "the edit took effect at iteration 20")
        // Back before it and forward again replays it.
        state.update(.openGoTo)
        state.update(.promptInsert("10"))
        state = finishing(.promptSubmit, on: state)
        #expect(state.trainer.settings.regularization?.rate == 0.001)
        state.update(.openGoTo)
        state.update(.promptInsert("40"))
        state = finishing(.promptSubmit, on: state)
        #expect(state.trainer.network == manual.network && state.trainer.settings.regularization?.rate == 0.05)
        // `:regularization-rate` is the same edit, at the current iteration, the run kept.
        state = press(.character(":"), on: state)
        state = type("regularization-rate 0.2", on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.iteration == 40 && state.trainer.settings.regularization?.rate == 0.2)
        #expect(state.message == "λ = 0.2 from the next update on")
        state = press(.character("R"), on: state)
        #expect(state.trainer.settings.regularization?.rate == 0.001 && state.recipe.regularization?.rate == 0.001)
    }

    @Test func openingWhileRunningPausesSoThePrefilledValueIsCurrent() {
        var state = press(.character("r"))
        state.update(.tick(seconds: 0.1))
        state = press(.character("="), on: state)
        #expect(!state.running)
        #expect(state.screen().contains("│ paused │"))
        let shown = "\(state.trainer.network.w5)".replacingOccurrences(of: "-", with: "−")
        #expect(state.prompt?.text == shown, "in full, the minus as the screen writes it")
        state.update(.tick(seconds: 0.1))
        #expect(state.prompt?.text == shown)
    }

    @Test func aValidEditChangesTheNetworkAndTrainingContinuesFromIt() {
        var state = press(.character(" "), .character(" "), .character("="))
        state = type("0.25", on: state)
        state = press(.enter, on: state)
        #expect(state.prompt == nil)
        #expect(state.trainer.network.w5 == 0.25)
        #expect(state.trainer.iteration == 2)
        #expect(state.trainer.edits.map(\.iteration) == [2])
        #expect(state.trainer.history.latest == state.trainer.forward.E_total)
        #expect(state.screen().contains("w5 set to 0.25 at iteration 2 · replayed when the run passes it again"))
        var expected = state.trainer
        state = press(.character("s"), on: state)
        expected.train(updates: 1)
        #expect(state.trainer.network == expected.network)
        #expect(state.screen().contains("┊"), "the chart marks the edit")
        state = press(.character("R"), on: state)
        #expect(state.trainer.network == .post)
        #expect(state.trainer.edits.isEmpty)
        #expect(state.screen().contains("reset to iteration 0, edits forgotten"))
    }

    /// A refused character stands until Backspace or Ctrl-U: Enter does not take what was left
    /// (`0x10` was 0 beside "a number", then 16 on Enter; Double reads hex, inf and nan).
    @Test(arguments: [("abc", "a number: digits . − + e — Backspace or Ctrl-U, then Enter"), ("", "type a number, or Esc to cancel"),
                      ("nan", "a number: digits . − + e — Backspace or Ctrl-U, then Enter"), ("1e999", "not a finite number"),
                      ("inf", "a number: digits . − + e — Backspace or Ctrl-U, then Enter"),
                      ("0x10", "a number: digits . − + e — Backspace or Ctrl-U, then Enter"),
                      ("0.5 ", "a number: digits . − + e — Backspace or Ctrl-U, then Enter"),
                      (String(repeating: "9", count: 10_000), "too long (max 32) — Backspace or Ctrl-U, then Enter")])
    func badTextChangesNothingAndSaysWhyBesideThePrompt(text: String, reason: String) {
        var state = press(.character("="), .control("u"))
        state = type(text, on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.network == .post)
        #expect(state.trainer.edits.isEmpty)
        #expect(state.prompt != nil, "the prompt stays open to be corrected")
        #expect(state.prompt?.error == reason)
        #expect(state.screen(120, 40).contains("▼ \(reason)"))
        #expect((state.prompt?.text.count ?? 0) <= Timing.editLimit)
    }

    @Test func learningRateMustBePositive() {
        var state = press(.character("="), .tab, .tab, .tab, .tab, .tab)
        state = type("-1", on: state)
        state = press(.enter, on: state)
        #expect(state.screen().contains("Set η (Tab: next): -1▏  ▼ η must be above 0"))
        #expect(state.trainer.settings.learningRate == 0.5)
        state = press(.control("u"), on: state)
        state = type("2", on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.settings.learningRate == 2)
        #expect(state.screen().contains("η 2"))
    }

    @Test func goingBackBeforeAnEditKeepsItAndThePassingRunReplaysIt() {
        var state = press(.character(" "), .character(" "), .character(" "), .character("="))
        state = type("0.3", on: state)
        state = press(.enter, .character(" "), .character(" "), on: state)
        let edited = state.trainer
        state = press(.character("g"), .character("1"), .enter, on: state)
        #expect(state.trainer.iteration == 1)
        #expect(state.screen().contains("back at iteration 1 · the edit w5 = 0.3 at 3 replays when the run passes it"))
        state = press(.right, .right, on: state)
        #expect(state.trainer.network.w5 == 0.3)
        #expect(state.screen().contains("replayed w5 = 0.3 at 3"))
        state = press(.right, .right, on: state)
        #expect(state.trainer.network == edited.network)
        #expect(state.trainer.history.exact == edited.history.exact)
    }

    @Test func afterAnEditThePostsFiguresNoLongerApply() {
        var state = press(.character("="))
        state = type("0.41", on: state)
        state = press(.enter, .character("g"), .enter, on: state)
        #expect(state.trainer.iteration == 10_000)
        let screen = state.screen()
        #expect(screen.contains("iteration 10,000: E_total 0.000035086 — edited: not the post's run"), "\(screen)")
        #expect(!screen.contains("the post: 0.000035085"))
        #expect(screen.contains("post: n/a"))
    }

    @Test func exportReplaysEditsSoTheCSVMatchesWhatWasShown() {
        var state = press(.character(" "), .character("="))
        state = type("1.5", on: state)
        state = press(.enter, .character(" "), .character(" "), on: state)
        let lines = Export(state.trainer).csv.split(separator: "\n")
        #expect(lines.count == 5 && lines[0] == "epoch,error")
        #expect(lines[2] == "1,\(state.trainer.history.value(at: 1)!)")
        #expect(lines[4] == "3,\(state.trainer.forward.E_total)")
    }

    @Test func anEditStillAheadIsNotDrawnOnTheChartBeforeTheAxisReachesIt() {
        var state = trained(50)
        state = press(.character("="), on: state)
        state = type("0.3", on: state)
        state = press(.enter, on: state)
        #expect(state.screen().contains("┊"))
        state = press(.character("g"), .character("3"), .enter, on: state)
        #expect(state.trainer.iteration == 3 && !state.screen().contains("┊"), "the axis ends at 10; the edit is at 50")
    }
}
