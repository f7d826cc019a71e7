import BackpropEngine
@testable import BackpropTUI
import Testing
import TestSupport

/// 100,000 random keys through the key map and reducer, with the invariants checked after
/// every one and the screen drawn at random sizes along the way.
@Suite struct FuzzTests {
    static let specialKeys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape,
                                     .backspace, .tab, .control("u"), .control("a"), .control("z"), .other(265), .other(410)]

    func randomKey(_ random: inout SplitMix64) -> Key {
        switch random.next() % 10 {
        case 0 ..< 6: .character(Character(Unicode.Scalar(UInt8(32 + random.next() % 95))))
        case 6: .character(["é", "η", "∂", "😀", "\u{7F}", "\u{0}"].randomElement(using: &random)!)
        default: Self.specialKeys.randomElement(using: &random)!
        }
    }

    @Test func hundredThousandRandomKeysKeepTheInvariants() {
        var random = SplitMix64(seed: 42)
        var state = AppState(trainer: Trainer())
        for index in 0 ..< 100_000 {
            let key = randomKey(&random)
            if case .character("q") = key { continue }
            if case .control("c") = key { continue }
            guard var command = Command.from(key, in: state) else { continue }
            // Keep the run short: a go-to far beyond the post's 10,000 is cancelled instead.
            if command == .promptSubmit, let text = state.prompt, (Int(text) ?? 0) > 20_000 { command = .close }
            let promptWasOpen = state.prompt != nil
            state.update(command)
            if random.next() % 8 == 0 { state.update(.tick(seconds: Double(random.next() % 300) / 1000)) }
            if random.next() % 500 == 0 { state.update(.promptInsert(String(repeating: "7x", count: 5_000))) }

            #expect(state.trainer.iteration >= 0)
            #expect(state.trainer.history.count == state.trainer.iteration + 1)
            #expect(AppState.rows.contains(state.selection))
            if state.promptKind == .goTo {
                #expect((state.prompt?.count ?? 0) <= String(AppState.goToLimit).count)
                #expect(state.prompt?.allSatisfy(\.isASCIIDigit) ?? true)
            } else {
                #expect((state.prompt?.count ?? 0) <= AppState.editLimit)
            }
            #expect(state.trainer.network.isFinite)
            if promptWasOpen, key == .escape { #expect(state.prompt == nil) }
            #expect(!state.wantsQuit)
            if state.trainer.iteration > 200_000 { state.update(.reset) }
            if index % 2_000 == 0 {
                let canvas = Screen.render(state, width: 20 + Int(random.next() % 180), height: 5 + Int(random.next() % 60))
                #expect(canvas.lines.count == canvas.height)
            }
        }
    }
}
