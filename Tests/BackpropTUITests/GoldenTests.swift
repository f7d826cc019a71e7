import BackpropEngine
@testable import BackpropTUI
import Foundation
import PostOracle
import Testing

/// Whole screens at 80×24 (and 120×40 where a network shows more there), compared line by
/// line with the text files in Golden/. After a
/// deliberate change of the screen, `BPTUI_RECORD_GOLDEN=1 swift test --filter GoldenTests`
/// rewrites them; review the diff before committing it.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let screens: [(name: String, size: Size, state: @Sendable () -> AppState)] = [
        ("start", .small, { AppState.post }),
        ("iteration-1", .small, { press(.character(" ")) }),
        ("iteration-10000", .small, { trained(10_000) }),
        ("help", .small, { press(.character("?")) }),
        ("explain-w5", .small, { press(.character("e")) }),
        ("xor-2-5-1", .small, { xor() }),
        ("circle-data", .small, { circleData() }),
        ("softmax-3-class", .small, { softmax() }),
        ("playground", .small, { playground(.small) }),
        ("clusters-data", .large, { clusters() }),
        ("regression-data", .small, { regression() }),
        ("playground", .large, { playground(.large) }),
        ("edges-2-3-2", .large, { trainedGeneral(Recipe(layers: [2, 3, 2], data: .given(name: "the post's sample", .post)), 25, size: .large) }),
    ]

    struct Size: Sendable {
        let width: Int, height: Int
        static let small = Size(width: 80, height: 24), large = Size(width: 120, height: 40)
    }

    /// A Playground link with L1 and a partial batch, 20 epochs in, its data view open at 120×40.
    static func playground(_ size: Size) -> AppState {
        let link = try! PlaygroundLink("#seed=0.83447&activation=relu&batchSize=3&regularization=L1&regularizationRate=0.01&xTimesY=false")
        let (trainer, recipe) = try! Recipe.playground(link, seed: "0.83447")
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: size.width, height: size.height))
        state.update(.openGoTo)
        state.update(.promptInsert("1660"))
        state = finishing(.promptSubmit, on: state)
        return size.width > 80 ? press(.character("d"), on: state) : state
    }

    /// A softmax network on four clusters, its data view on the class map.
    static func clusters() -> AppState {
        let recipe = Recipe(layers: [2, 5, 4], outputActivation: .softmax, loss: .crossEntropy, data: .builtIn(.clusters), samples: 200,
                            noise: 0.1)
        return press(.character("d"), on: trainedGeneral(recipe, 300, size: .large))
    }

    /// Playground's regression over two Gaussians' sum, its data view open at 80×24.
    static func regression() -> AppState {
        let link = try! PlaygroundLink("#problem=regression&regDataset=reg-gauss&seed=0.5")
        let (trainer, recipe) = try! Recipe.playground(link, seed: "0.5")
        var state = AppState(trainer: trainer, recipe: recipe)
        state.update(.resized(width: 80, height: 24))
        state.update(.openGoTo)
        state.update(.promptInsert("3000"))
        return press(.character("d"), on: finishing(.promptSubmit, on: state))
    }

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

    /// Any network's screen, trained `updates` updates by a go-to.
    static func trainedGeneral(_ recipe: Recipe, _ updates: Int, size: Size = .small) -> AppState {
        var state = AppState(trainer: try! recipe.trainer(), recipe: recipe)
        state.update(.resized(width: size.width, height: size.height))
        state.update(.openGoTo)
        state.update(.promptInsert(String(updates)))
        return finishing(.promptSubmit, on: state)
    }

    @Test(arguments: screens.indices)
    func theWholeScreenIsTheRecordedOne(index: Int) throws {
        let screen = Self.screens[index], size = screen.size, name = screen.name
        let text = Screen.render(screen.state(), width: size.width, height: size.height).lines.joined(separator: "\n") + "\n"
        let file = Self.directory.appendingPathComponent("\(name)-\(size.width)x\(size.height).txt")
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
