import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// Every key, through the key map and the reducer.
@Suite struct ReducerTests {
    @Test func spaceAndSStepOnce() {
        #expect(press(.character(" ")).trainer.iteration == 1)
        #expect(press(.character("s"), .character("s")).trainer.iteration == 2)
        #expect(press(.character(" ")).trainer.named == PostTrainer().nextStep.after)
    }

    @Test func rRunsAndPausesAndTicksTrainAtTheChosenSpeed() {
        var state = press(.character("r"))
        #expect(state.running)
        state.update(.tick(seconds: 0.1))
        #expect(state.trainer.iteration == 100, "1,000 a second for a tenth of a second")
        state.update(.tick(seconds: 0.0005))
        state.update(.tick(seconds: 0.0005))
        #expect(state.trainer.iteration == 101, "fractions carry over")
        state = press(.character("r"), on: state)
        #expect(!state.running)
        state.update(.tick(seconds: 1))
        #expect(state.trainer.iteration == 101)
    }

    @Test func runningPausesOnceAtTenThousandAndContinues() {
        var state = press(.character("+"), .character("+"), .character("+"), .character("r"))
        #expect(state.speed == .perSecond(1_000_000))
        state.update(.tick(seconds: 0.1))
        #expect(state.trainer.iteration == 10_000)
        #expect(!state.running)
        state = press(.character("r"), on: state)
        state.update(.tick(seconds: 0.1))
        #expect(state.trainer.iteration == 110_000)
        #expect(state.running)
    }

    @Test func plusAndMinusWalkTheSpeedLadder() {
        var state = AppState.post
        #expect(state.speed == .perSecond(1_000))
        for _ in 0 ..< 10 { state = press(.character("+"), on: state) }
        #expect(state.speed == .maximum)
        #expect(state.message == "speed: max, the fastest")
        for _ in 0 ..< 10 { state = press(.character("-"), on: state) }
        #expect(state.speed == .perSecond(1))
        #expect(Speed.ladder.map(\.label) == ["1/s", "10/s", "100/s", "1k/s", "10k/s", "100k/s", "1M/s", "max"])
    }

    @Test func maximumSpeedAdaptsItsBatchToTheFrameTime() {
        var state = trained(10_000)
        state = press(.character("+"), .character("+"), .character("+"), .character("+"), .character("r"), on: state)
        #expect(state.speed == .maximum && state.running)
        state.update(.tick(seconds: 0.01))
        let fast = state.pace.maximumBatch
        state.update(.tick(seconds: 0.2))
        #expect(state.pace.maximumBatch < fast)
        #expect(state.trainer.iteration == 10_000 + fast + state.pace.maximumBatch)
    }

    @Test func goToPromptIsPrefilledSelectedAndTheFirstDigitReplacesIt() {
        var state = press(.character("g"))
        #expect(state.prompt?.text == "10000" && state.prompt?.selected == true)
        #expect(state.screen().contains("Go to iteration: 10000▏  typing replaces"))
        state = press(.character("5"), .enter, on: state)
        #expect(state.prompt == nil)
        #expect(state.trainer.iteration == 5)
    }

    @Test func backspaceOrAnArrowKeepsThePrefilledValueForEditing() {
        var state = press(.character("g"), .backspace, .backspace)
        #expect(state.prompt?.text == "100")
        state = press(.character("7"), .enter, on: state)
        #expect(state.trainer.iteration == 1_007)
        state = press(.character("g"), .right, .character("1"), on: AppState.post)
        #expect(state.prompt?.text == "100001")
    }

    @Test func goToRefusesLettersOnScreenAndMovesNothing() {
        var state = press(.character("g"), .control("u"), .character("a"), .character("b"), .character("c"))
        #expect(state.prompt?.text == "")
        #expect(state.screen().contains("Go to iteration: ▏  ▼ digits only"))
        state = press(.character("1"), .character("e"), .character("5"), on: state)
        #expect(state.prompt?.text == "15" && state.prompt?.error == "digits only", "the refusal stays in view")
        state = press(.control("u"), .character("1"), .character("e"), on: state)
        #expect(state.screen().contains("Go to iteration: 1▏  ▼ digits only"))
        state = press(.enter, on: state)
        #expect(state.trainer.iteration == 0 && state.prompt?.error == "digits only — Backspace or Ctrl-U, then Enter",
                "Enter is refused while the refusal stands: 1e5 never goes to 15")
        state = press(.enter, .backspace, .character("7"), .enter, on: state)
        #expect(state.trainer.iteration == 7 && state.prompt == nil)
        state = press(.character("g"), .character("2"), on: state)
        for _ in 0 ..< 9 { state = press(.character("0"), on: state) }
        #expect(state.prompt?.text == "200000000" && state.prompt?.error == "at most 1,000,000,000")
        state = press(.enter, on: state)
        #expect(state.trainer.iteration == 7, "g 2000000000 does not go to 200,000,000 silently")
    }

    @Test func goToBehindReplaysFromTheStart() {
        var state = trained(300)
        state = press(.character("g"), .character("7"), .enter, on: state)
        var straight = PostTrainer()
        straight.train(7)
        #expect(state.trainer.iteration == 7)
        #expect(state.trainer.named == straight.network)
        #expect(state.trainer.history.exact == straight.history.exact)
    }

    @Test func goToEnterOnTenThousandReachesThePostsError() {
        let state = press(.character("g"), .enter)
        #expect(state.trainer.iteration == 10_000)
        #expect(abs(state.trainer.forward.E_total - 0.000035085) < 1e-9)
    }

    @Test func goToRefusesEmptyAndTooLargeOnScreen() {
        var state = press(.character("g"), .control("u"), .enter)
        #expect(state.prompt?.text == "")
        #expect(state.screen().contains("▼ type an iteration number, or Esc to cancel"))
        state = type("1000000000", on: state)
        state = press(.character("1"), on: state)
        #expect(state.prompt?.text == "1000000000")
        #expect(state.screen().contains("Go to iteration: 1000000000▏  ▼ at most 1,000,000,000"))
        #expect(state.trainer.iteration == 0)
    }

    @Test func escCancelsThePromptAndNeverQuits() {
        var state = AppState.post
        state.update(.openGoTo)
        state.update(.promptInsert("5"))
        #expect(state.update(.close).isEmpty)
        #expect(state.prompt == nil)
        #expect(state.trainer.iteration == 0)
        #expect(state.update(.close).isEmpty && state.update(.close).isEmpty)
    }

    @Test func capitalRResetsAndClearsTheChart() {
        var state = trained(500)
        state = press(.character("R"), on: state)
        #expect(state.trainer.iteration == 0)
        #expect(state.trainer.history.count == 1)
        #expect(state.message == "reset to iteration 0")
    }

    @Test func oSwitchesOrderAndResets() {
        var state = trained(50)
        state = press(.character("o"), on: state)
        #expect(state.trainer.settings.order == .textbook)
        #expect(state.trainer.iteration == 0)
        #expect(state.message == "update order: textbook — 2-2-2 on post, training starts over at iteration 0")
        state = press(.character("o"), on: state)
        #expect(state.trainer.settings.order == .published)
    }

    @Test func bTogglesBiasTrainingAndResets() {
        var state = trained(50)
        state = press(.character("b"), on: state)
        #expect(state.trainer.settings.trainBiases)
        #expect(state.trainer.iteration == 0)
        #expect(state.message == "biases trained — 2-2-2 on post, training starts over at iteration 0")
    }

    @Test func lSwitchesTheChartScale() {
        #expect(press(.character("l")).chartScale == .linear)
        #expect(press(.character("l"), .character("l")).chartScale == .log)
    }

    @Test func questionMarkTogglesHelpAndEscClosesIt() {
        #expect(press(.character("?")).overlay == .help)
        #expect(press(.character("?"), .character("?")).overlay == nil)
        #expect(press(.character("?"), .escape).overlay == nil)
    }

    @Test func eAndEnterExplainCChecksTShowsCheckpointsEscClosesThem() {
        #expect(press(.character("e")).overlay == .explain)
        #expect(press(.enter).overlay == .explain)
        #expect(press(.character("e"), .character("e")).overlay == nil)
        #expect(press(.character("c")).overlay == .gradientCheck)
        let checkpoints = press(.character("t"))
        #expect(checkpoints.overlay == .checkpoints)
        #expect(checkpoints.checkpoints.count == 32)
        #expect(press(.character("t"), .character("c")).overlay == .gradientCheck)
        for key in ["e", "c", "t"] { #expect(press(.character(Character(key)), .escape).overlay == nil) }
        let flipping = press(.character("e"), .up, .up, .up, .up, .up)
        #expect(flipping.overlay == .explain && flipping.selection == .w1, "w5, b1, w4 … w1: a layer's weights, then its bias")
    }

    @Test func checkpointsFollowTheOrder() {
        let state = press(.character("t"), .character("o"))
        #expect(state.trainer.settings.order == .textbook)
        #expect(state.checkpoints == Post.checkpoints(order: .textbook))
    }

    @Test func selectionMovesWithArrowsAndVimKeysAndStaysInRange() {
        #expect(AppState.post.selection == .w5)
        #expect(press(.up).selection == .b1, "the hidden layer's bias comes after its weights")
        #expect(press(.up, .up).selection == .w4)
        #expect(press(.character("k")).selection == .b1)
        #expect(press(.down, .character("j")).selection == .w7)
        #expect(press(.down, .down, .down, .down, .down, .down, .down).selection == .b2)
        #expect(press(.up, .up, .up, .up, .up, .up, .up).selection == .w1)
    }

    @Test func qAndControlCQuit() {
        for keys in [[Key.character("q")], [.control("c")], [.character("g"), .control("c")]] {
            var state = AppState.post
            let effects = keys.flatMap { key in Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall).map { state.update($0) } ?? [] }
            #expect(effects.contains(.quit), "\(keys)")
        }
    }

    @Test func keysThatDoNothingSaySoOnScreen() {
        let state = press(.character("z"))
        #expect(state.screen().contains("the key z does nothing here — ? lists every key"))
        #expect(Command.from(.other(265), in: state) == nil)
        #expect(press(.control(" ")).screen().contains("the key Ctrl-Space does nothing here"))
    }

    @Test func togglesWorkWhileRunning() {
        var state = press(.character("r"))
        state.update(.tick(seconds: 0.05))
        state = press(.character("l"), .character("?"), .down, on: state)
        #expect(state.running && state.chartScale == .linear && state.overlay == .help && state.selection == .w5, "help keeps ↓ for itself")
        state.update(.tick(seconds: 0.05))
        #expect(state.trainer.iteration == 100)
    }
}
