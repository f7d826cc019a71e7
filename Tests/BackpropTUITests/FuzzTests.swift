import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// 100,000 random keys through the key map and reducer, with the invariants checked after
/// every one and the screen drawn at random sizes along the way.
@Suite struct FuzzTests {
    static let specialKeys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape,
                                     .backspace, .tab, .control("u"), .control("a"), .control("z"), .control(" "),
                                     .other(265), .other(410)]

    func randomKey(_ random: inout SplitMix64) -> Key {
        switch random.next() % 10 {
        case 0 ..< 6: .character(Character(Unicode.Scalar(UInt8(32 + random.next() % 95))))
        case 6: .character(["é", "η", "∂", "😀", "\u{7F}", "\u{0}"].randomElement(using: &random)!)
        default: Self.specialKeys.randomElement(using: &random)!
        }
    }

    /// The recipes the keys are typed into: the post's, xor, a softmax net of three classes,
    /// and Playground's circle with a test split and batches.
    static let recipes: [String: Recipe] = [
        "post": .post,
        "xor 2-5-1": Recipe(layers: [2, 5, 1], data: .builtIn(.xor)),
        "softmax 2-3-3": Recipe(layers: [2, 3, 3], outputActivation: .softmax, loss: .crossEntropy,
                                data: .given(name: "three", threeClasses)),
        "circle 2-4-2-1": Recipe(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle), samples: 40,
                                 learningRate: 0.03, batch: 10),
    ]

    /// Six points of three classes, one-hot.
    static var threeClasses: DataSet {
        var samples: [Sample] = []
        for k in 0 ..< 6 {
            var targets: [Double] = [0, 0, 0]
            targets[k % 3] = 1
            samples.append(Sample(inputs: [Double(k % 3), Double(k / 3)], targets: targets))
        }
        return DataSet(training: samples)
    }

    @Test(arguments: ["post", "xor 2-5-1", "softmax 2-3-3", "circle 2-4-2-1"])
    func hundredThousandRandomKeysKeepTheInvariants(recipe name: String) throws {
        var random = SplitMix64(seed: 42)
        let recipe = try #require(Self.recipes[name])
        var state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        let oneSample = state.trainer.data.training.count == 1
        var quits = 0
        for index in 0 ..< 100_000 {
            let key = randomKey(&random)
            guard var command = Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall) else { continue }
            // Keep the run short: a go-to far beyond the post's 10,000 is cancelled instead.
            if command == .promptSubmit, state.prompt?.kind == .goTo, (Int(state.prompt?.text ?? "") ?? 0) > 20_000 { command = .close }
            let promptWasOpen = state.prompt != nil, jobWasRunning = state.job != nil, helpWasOpen = state.overlay == .help
            let effects = state.update(command)
            if effects.contains(.quit) { quits += 1 }
            #expect(effects.contains(.quit) == (command == .quit))
            if random.next() % 8 == 0 { state.update(.tick(seconds: Double(random.next() % 300) / 1000)) }
            if random.next() % 500 == 0 { state.update(.promptInsert(String(repeating: "7x", count: 5_000))) }

            if oneSample { #expect(state.trainer.history.count == state.trainer.iteration + 1) }
            if state.trainer.divergence == nil { #expect(state.trainer.trainingError.count == state.trainer.epoch + 1, "an error per epoch") }
            #expect(ParameterRow.rows(state.architecture).contains(.parameter(state.parameter)))
            if let prompt = state.prompt {
                if prompt.kind == .goTo {
                    #expect(prompt.text.allSatisfy(\.isASCIIDigit) && (Int(prompt.text) ?? 0) <= Timing.goToLimit)
                } else if prompt.kind == .command {
                    #expect(prompt.text.count <= Prompt.commandLimit)
                } else {
                    #expect(prompt.text.count <= Timing.editLimit)
                }
                #expect(!prompt.text.contains { $0.isControl })
            }
            #expect(state.trainer.network.isFinite)
            if key == .escape, jobWasRunning, !promptWasOpen, !helpWasOpen { #expect(state.job == nil) }
            if key == .escape, promptWasOpen, !jobWasRunning { #expect(state.prompt == nil) }
            if state.trainer.iteration > 200_000 { state.update(.reset) }
            if index % 2_000 == 0 {
                let width = 20 + Int(random.next() % 180), height = 5 + Int(random.next() % 60)
                let canvas = Screen.render(state, width: width, height: height)
                #expect(!canvas.cells.contains { $0.character.isControl })
                if width >= 80, height >= 24 {
                    #expect(canvas.text.contains("iter"), "the status line is drawn")
                }
            }
        }
        #expect(quits > 0, "the keys reached quit")
    }
}
