import BackpropEngine
@testable import BackpropTUI
import Testing

/// A network whose update outlasts a frame trains and derives away from the loop: the
/// reducer hands the work to the backend and takes its answer, and keys are answered meanwhile.
@Suite struct AwayTests {
    /// 2-250-250-1 on the circle's 500 samples: an update with its epoch's errors is past a frame's work.
    static let large = Recipe(layers: [2, 250, 250, 1], data: .builtIn(.circle), batch: 10)

    static func state() -> AppState {
        var state = AppState(trainer: try! large.trainer(), recipe: large)
        state.update(.resized(width: 120, height: 40))
        return state
    }

    static func advance(in effects: [Effect]) -> Advance? {
        effects.lazy.compactMap { if case .advance(let advance) = $0 { advance } else { nil } }.first
    }

    /// Space hands one update away; the screen says so, keys act meanwhile, and the answer is
    /// the update the trainer takes at once, with the panes' values derived after it.
    @Test func spaceHandsOneUpdateAwayAndKeysActMeanwhile() throws {
        var state = Self.state()
        #expect(state.updatesAway)
        #expect(!AppState.post.updatesAway, "the post's network trains on the loop")
        var inline = try Self.large.trainer()
        inline.train(updates: 1)

        let advance = try #require(Self.advance(in: state.update(.step)))
        #expect(state.trainer.iteration == 0)
        #expect(state.screen(120, 40).contains("▶ update 1: 0.0 s so far · Esc stops"))
        let selected = state.parameter
        state.update(.selectNext)
        #expect(state.parameter != selected, "a key acts while the update is away")
        state.update(.toggleHelp)
        #expect(state.overlay == .help)
        state.update(.close)

        let derive = try #require(Self.advance(in: state.update(.advanced(advance.perform()))))
        #expect(state.trainer.iteration == 1 && state.trainer.network == inline.network, "the same update as on the loop")
        #expect(state.job == nil && state.message == nil, "a step says nothing when done")
        #expect(state.screen(120, 40).contains("working out the next update's numbers"))
        state.update(.advanced(derive.perform()))
        #expect(state.derived.network == inline.network && state.derived.batch == inline.nextBatch)
        #expect(Self.advance(in: state.update(.tick(seconds: 0.03))) == nil, "nothing more is handed away")
    }

    /// Esc gives the update up: its late answer is dropped, as is one overtaken by a reset.
    @Test func anAnswerGivenUpOrOvertakenIsDropped() throws {
        var state = Self.state()
        let given = try #require(Self.advance(in: state.update(.step)))
        state.update(.close)
        #expect(state.job == nil && state.message == "update stopped at iteration 0")
        state.update(.advanced(given.perform()))
        #expect(state.trainer.iteration == 0)

        state.answering(.step)
        #expect(state.trainer.iteration == 1)
        state.update(.toggleRun)
        let frame = try #require(Self.advance(in: state.update(.tick(seconds: 0.03))))
        state.update(.toggleRun)
        state.update(.reset)
        state.update(.advanced(frame.perform()))
        #expect(state.trainer.iteration == 0, "a reset overtakes the frame in flight")
    }

    /// Run mode hands a frame's updates away at a time, and a go-to its slices, to the same
    /// numbers as training on the loop.
    @Test func runAndGoToTrainAwayToTheSameNumbers() throws {
        var state = Self.state()
        state.update(.toggleRun)
        for _ in 0 ..< 3 {
            let frame = try #require(Self.advance(in: state.update(.tick(seconds: 0.03))))
            state.update(.advanced(frame.perform()))
        }
        #expect(state.trainer.iteration == 3 * state.awaySlice)
        state.update(.toggleRun)
        state.update(.openGoTo)
        #expect(3 * state.awaySlice < 100)
        state.update(.promptInsert("100"))
        state.answering(.promptSubmit)
        var inline = try Self.large.trainer()
        inline.train(updates: 100)
        #expect(state.trainer.iteration == 100 && state.trainer.network == inline.network)
        #expect(state.trainer.trainingError.latest == inline.trainingError.latest, "an epoch's end recorded the same error")
        #expect(state.message == "went to iteration 100")
        state.update(.openGoTo)
        state.update(.promptInsert("12"))
        state.answering(.promptSubmit)
        inline = try Self.large.trainer()
        inline.train(updates: 12)
        #expect(state.trainer.iteration == 12 && state.trainer.network == inline.network, "back by a replay away")
    }

    /// Explain's other order is derived away, and shown once it comes.
    @Test func explainsOtherOrderIsDerivedAway() throws {
        var state = Self.state()
        let derive = try #require(Self.advance(in: state.update(.toggleExplain)))
        #expect(state.derived.otherOrder == nil)
        state.update(.advanced(derive.perform()))
        #expect(state.derived.otherOrder != nil)
        #expect(Self.advance(in: state.update(.tick(seconds: 0.03))) == nil)
    }

    /// A reset takes the start's errors as first recorded (a pass over every sample was 1.6 s
    /// on 2-3000-3000-1): it is the run made anew, to the bit, and trains on as it does.
    @Test(arguments: [large, Recipe(layers: [2, 3, 1], data: .builtIn(.xor), batch: nil),
                      Recipe(layers: [2, 4, 2], outputActivation: .softmax, loss: .crossEntropy, data: .builtIn(.clusters), batch: 7, shuffle: true)])
    func aResetIsTheRunMadeAnew(recipe: Recipe) throws {
        var trained = try recipe.trainer()
        trained.train(updates: 40)
        var reset = trained.reset, fresh = try recipe.trainer()
        #expect(reset.iteration == 0 && reset.trainingError.latest == fresh.trainingError.latest)
        #expect(reset.testError?.latest == fresh.testError?.latest)
        reset.train(updates: 60)
        fresh.train(updates: 60)
        #expect(reset.network == fresh.network && reset.trainingError.latest == fresh.trainingError.latest)
        #expect(reset.testError?.latest == fresh.testError?.latest)
    }
}
