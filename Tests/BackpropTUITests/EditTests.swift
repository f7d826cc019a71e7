import BackpropEngine
@testable import BackpropTUI
import Testing

/// `=`: setting a weight, an input, a target or η, and what bad text does (nothing).
@Suite struct EditTests {
    func type(_ text: String, on state: AppState) -> AppState {
        var state = state
        for character in text { state.update(.promptInsert(String(character))) }
        return state
    }

    @Test func equalsOpensOnTheSelectedWeightPrefilled() {
        let state = press(.character("="))
        #expect(state.promptKind == .edit(.parameter(.w5)))
        #expect(state.prompt == "0.4")
        #expect(Screen.render(state, width: 80, height: 24).text.contains("Set w5 (Tab: next number): 0.4▏"))
    }

    @Test func tabCyclesInputsTargetsAndEta() {
        var state = press(.character("="))
        var labels: [String] = []
        for _ in 0 ..< 6 {
            state = press(.tab, on: state)
            if case .edit(let target) = state.promptKind { labels.append(target.label) }
        }
        #expect(labels == ["i1", "i2", "target_o1", "target_o2", "η", "w5"])
        #expect(press(.character("="), .tab, .tab, .tab, .tab, .tab).prompt == "0.5")
    }

    @Test func aValidEditChangesTheNetworkAndTrainingContinuesFromIt() {
        var state = press(.character(" "), .character(" "), .character("="), .control("u"))
        state = type("0.25", on: state)
        state = press(.enter, on: state)
        #expect(state.prompt == nil)
        #expect(state.trainer.network.w5 == 0.25)
        #expect(state.trainer.iteration == 2)
        #expect(state.trainer.edits.map(\.iteration) == [2])
        #expect(state.trainer.history.latest == state.trainer.forward.E_total)
        #expect(state.message == "w5 set to 0.25 at iteration 2 · R returns to the start")
        var expected = state.trainer
        state = press(.character("s"), on: state)
        expected.train(1)
        #expect(state.trainer.network == expected.network)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("┊"), "the chart marks the edit")
        state = press(.character("R"), on: state)
        #expect(state.trainer.network == .post)
        #expect(state.trainer.edits.isEmpty)
    }

    @Test(arguments: ["abc", "", "nan", "1e999", "inf", String(repeating: "9", count: 10_000)])
    func badTextChangesNothing(text: String) {
        var state = press(.character("="), .control("u"))
        state = type(text, on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.network == .post)
        #expect(state.trainer.edits.isEmpty)
        #expect(state.prompt != nil, "the prompt stays open to be corrected")
        #expect(state.message?.hasSuffix("not a finite number; nothing changed") == true, "\(state.message ?? "")")
        #expect((state.prompt?.count ?? 0) <= AppState.editLimit)
    }

    @Test func learningRateMustBePositive() {
        var state = press(.character("="), .tab, .tab, .tab, .tab, .tab, .control("u"))
        state = type("-1", on: state)
        state = press(.enter, on: state)
        #expect(state.message == "η must be above 0; nothing changed")
        #expect(state.trainer.settings.learningRate == 0.5)
        state = press(.control("u"), on: state)
        state = type("2", on: state)
        state = press(.enter, on: state)
        #expect(state.trainer.settings.learningRate == 2)
        #expect(Screen.render(state, width: 80, height: 24).text.contains("η 2"))
    }

    @Test func exportReplaysEditsSoTheCSVMatchesWhatWasShown() {
        var state = press(.character(" "), .character("="), .control("u"))
        state = type("1.5", on: state)
        state = press(.enter, .character(" "), .character(" "), on: state)
        let lines = Export(state, stamp: "t").csv.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[2].hasPrefix("1,\(state.trainer.history.value(at: 1)!),"))
        #expect(lines[4].hasPrefix("3,\(state.trainer.forward.E_total),"))
    }
}
