import BackpropEngine
@testable import BackpropTUI
import Foundation
import PostOracle
import Testing

/// Whole screens at 80×24, compared line by line with the text files in Golden/. After a
/// deliberate change of the screen, `BPTUI_RECORD_GOLDEN=1 swift test --filter GoldenTests`
/// rewrites them; review the diff before committing it.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let screens: [(name: String, state: @Sendable () -> AppState)] = [
        ("start", { AppState.post }),
        ("iteration-1", { press(.character(" ")) }),
        ("iteration-10000", { trained(10_000) }),
        ("help", { press(.character("?")) }),
        ("explain-w5", { press(.character("e")) }),
        ("xor-2-5-1", { xor() }),
        ("circle-data", { circleData() }),
        ("softmax-3-class", { softmax() }),
    ]

    static func xor() -> AppState { trainedGeneral(Recipe(layers: [2, 5, 1], data: .builtIn(.xor)), 40) }

    static func circleData() -> AppState {
        let recipe = Recipe(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle), samples: 100,
                            learningRate: 0.03, batch: 10)
        return press(.character("d"), on: trainedGeneral(recipe, 50))
    }

    static func softmax() -> AppState {
        let recipe = Recipe(layers: [2, 4, 3], outputActivation: .softmax, loss: .crossEntropy,
                            data: .given(name: "three classes", FuzzTests.threeClasses))
        return trainedGeneral(recipe, 12)
    }

    /// Any network's screen at 80×24, trained `updates` updates by a go-to.
    static func trainedGeneral(_ recipe: Recipe, _ updates: Int) -> AppState {
        var state = AppState(trainer: try! recipe.trainer(), recipe: recipe)
        state.update(.resized(width: 80, height: 24))
        state.update(.openGoTo)
        state.update(.promptInsert(String(updates)))
        return finishing(.promptSubmit, on: state)
    }

    @Test(arguments: screens.map(\.name))
    func theWholeScreenIsTheRecordedOne(name: String) throws {
        let state = try #require(Self.screens.first { $0.name == name }).state()
        let text = Screen.render(state, width: 80, height: 24).lines.joined(separator: "\n") + "\n"
        let file = Self.directory.appendingPathComponent("\(name)-80x24.txt")
        if ProcessInfo.processInfo.environment["BPTUI_RECORD_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let shown = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(shown.count == expected.count)
        for (row, (line, want)) in zip(shown, expected).enumerated() where line != want {
            Issue.record("\(name) row \(row):\n  shown:    \(line)\n  expected: \(want)")
        }
    }
}
