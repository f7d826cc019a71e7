import BackpropEngine
@testable import BackpropTUI
import Testing

/// Every key, through the key map and the reducer.
@Suite struct ReducerTests {
    @Test func spaceAndSStepOnce() {
        #expect(press(.character(" ")).trainer.iteration == 1)
        #expect(press(.character("s"), .character("s")).trainer.iteration == 2)
        #expect(press(.character(" ")).trainer.network == Trainer().nextStep.after)
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
        var state = press(.character("r"))
        state.speed = .perSecond(1_000_000)
        state.update(.tick(seconds: 0.1))
        #expect(state.trainer.iteration == 10_000)
        #expect(!state.running)
        state = press(.character("r"), on: state)
        state.update(.tick(seconds: 0.1))
        #expect(state.trainer.iteration == 110_000)
        #expect(state.running)
    }

    @Test func plusAndMinusWalkTheSpeedLadder() {
        var state = AppState(trainer: Trainer())
        #expect(state.speed == .perSecond(1_000))
        for _ in 0 ..< 10 { state = press(.character("+"), on: state) }
        #expect(state.speed == .maximum)
        #expect(state.message == "speed: max")
        for _ in 0 ..< 10 { state = press(.character("-"), on: state) }
        #expect(state.speed == .perSecond(1))
        #expect(Speed.ladder.map(\.label) == ["1/s", "10/s", "100/s", "1k/s", "10k/s", "100k/s", "1M/s", "max"])
    }

    @Test func maximumSpeedAdaptsItsBatchToTheFrameTime() {
        var state = AppState(trainer: Trainer())
        state.speed = .maximum
        state.running = true
        state.trainer.train(10_000)
        state.update(.tick(seconds: 0.01))
        let fast = state.maximumBatch
        state.update(.tick(seconds: 0.2))
        #expect(state.maximumBatch < fast)
        #expect(state.trainer.iteration == 10_000 + fast + state.maximumBatch)
    }

    @Test func goToPromptIsPrefilledAndEditable() {
        var state = press(.character("g"))
        #expect(state.prompt == "10000")
        state = press(.backspace, .backspace, on: state)
        #expect(state.prompt == "100")
        state = press(.control("u"), .character("2"), .character("x"), on: state)
        #expect(state.message == "the go-to prompt takes digits only")
        state = press(.character("5"), on: state)
        #expect(state.prompt == "25")
        state = press(.enter, on: state)
        #expect(state.prompt == nil)
        #expect(state.trainer.iteration == 25)
    }

    @Test func goToBehindResetsFirst() {
        var state = AppState(trainer: Trainer())
        state.trainer.train(300)
        state = press(.character("g"), .control("u"), .character("7"), .enter, on: state)
        var straight = Trainer()
        straight.train(7)
        #expect(state.trainer.iteration == 7)
        #expect(state.trainer.network == straight.network)
    }

    @Test func goToEnterOnTenThousandReachesThePostsError() {
        let state = press(.character("g"), .enter)
        #expect(state.trainer.iteration == 10_000)
        #expect(abs(state.trainer.forward.E_total - 0.000035085) < 1e-9)
    }

    @Test func goToRejectsEmptyAndTooLarge() {
        var state = press(.character("g"), .control("u"), .enter)
        #expect(state.prompt == "")
        #expect(state.message == "type an iteration number, or Esc to cancel")
        state = press(.character("9"), .character("9"), .character("9"), .character("9"), .character("9"),
                      .character("9"), .character("9"), .character("9"), .character("9"), .character("9"),
                      .character("9"), .enter, on: state)
        #expect(state.prompt == "9999999999")
        #expect(state.message == "go to at most iteration 1000000000")
        #expect(state.trainer.iteration == 0)
    }

    @Test func escCancelsThePromptAndNeverQuits() {
        var state = press(.character("g"), .character("5"), .escape)
        #expect(state.prompt == nil)
        #expect(state.trainer.iteration == 0)
        state = press(.escape, .escape, on: state)
        #expect(!state.wantsQuit)
    }

    @Test func capitalRResetsAndClearsTheChart() {
        var state = AppState(trainer: Trainer())
        state.trainer.train(500)
        state = press(.character("R"), on: state)
        #expect(state.trainer.iteration == 0)
        #expect(state.trainer.history.count == 1)
        #expect(state.message == "reset to iteration 0")
    }

    @Test func oSwitchesOrderAndResets() {
        var state = AppState(trainer: Trainer())
        state.trainer.train(50)
        state = press(.character("o"), on: state)
        #expect(state.trainer.settings.order == .textbook)
        #expect(state.trainer.iteration == 0)
        #expect(state.message == "update order: textbook — reset to iteration 0")
        state = press(.character("o"), on: state)
        #expect(state.trainer.settings.order == .published)
    }

    @Test func bTogglesBiasTrainingAndResets() {
        var state = AppState(trainer: Trainer())
        state.trainer.train(50)
        state = press(.character("b"), on: state)
        #expect(state.trainer.settings.trainBiases)
        #expect(state.trainer.iteration == 0)
        #expect(state.message == "biases trained — reset to iteration 0")
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
        let flipping = press(.character("e"), .up, .up, .up, .up)
        #expect(flipping.overlay == .explain && flipping.selection == .w1)
    }

    @Test func checkpointsFollowTheOrder() {
        let state = press(.character("t"), .character("o"))
        #expect(state.trainer.settings.order == .textbook)
        #expect(state.checkpoints == Post.checkpoints(order: .textbook))
    }

    @Test func selectionMovesWithArrowsAndVimKeysAndStaysInRange() {
        #expect(AppState(trainer: Trainer()).selection == .w5)
        #expect(press(.up).selection == .w4)
        #expect(press(.character("k")).selection == .w4)
        #expect(press(.down, .character("j")).selection == .w7)
        #expect(press(.down, .down, .down, .down, .down, .down, .down).selection == .b2)
        #expect(press(.up, .up, .up, .up, .up, .up, .up).selection == .w1)
    }

    @Test func qAndControlCQuit() {
        #expect(press(.character("q")).wantsQuit)
        #expect(press(.control("c")).wantsQuit)
        #expect(press(.character("g"), .control("c")).wantsQuit)
    }

    @Test func keysThatDoNothingSaySo() {
        let state = press(.character("z"))
        #expect(state.message == "the key z does nothing here — ? lists every key")
        #expect(Command.from(.other(265), in: state) == nil)
    }

    @Test func togglesWorkWhileRunning() {
        var state = press(.character("r"))
        state.update(.tick(seconds: 0.05))
        state = press(.character("l"), .character("?"), .down, on: state)
        #expect(state.running && state.chartScale == .linear && state.overlay == .help && state.selection == .w6)
        state.update(.tick(seconds: 0.05))
        #expect(state.trainer.iteration == 100)
    }
}
