import BackpropEngine
import PostOracle
import Testing

@Suite struct TrainerTests {
    @Test func iterationKIsTheStateAfterKUpdates() {
        var trainer = PostTrainer()
        #expect(trainer.iteration == 0)
        #expect(trainer.previous == nil)
        #expect(trainer.history.count == 1)
        let first = trainer.nextStep
        trainer.train(1)
        #expect(trainer.network == first.after)
        #expect(trainer.previous == .post)
        #expect(trainer.history.count == 2)
        #expect(trainer.history.value(at: 0) == PostForwardPass(.post).E_total)
        #expect(trainer.history.value(at: 1) == trainer.forward.E_total)
    }

    @Test func stepByStepEqualsBulkTrainingToTheBit() {
        var one = PostTrainer(), bulk = PostTrainer()
        for _ in 0 ..< 250 { one.train(1) }
        bulk.train(250)
        #expect(one.network == bulk.network)
        #expect(one.history.exact == bulk.history.exact)
    }

    @Test func resetReturnsToIterationZero() {
        var trainer = PostTrainer(settings: PostSettings(order: .textbook))
        trainer.train(500)
        trainer.reset()
        #expect(trainer.iteration == 0)
        #expect(trainer.network == .post)
        #expect(trainer.history.count == 1)
        #expect(trainer.settings.order == .textbook)
        #expect(trainer.previous == nil)
    }

    @Test func biasesTrainOnlyWhenAsked() {
        var fixed = PostTrainer(), trained = PostTrainer(settings: PostSettings(trainBiases: true))
        fixed.train(10_000)
        trained.train(10_000)
        #expect(fixed.network.b1 == 0.35 && fixed.network.b2 == 0.60)
        #expect(trained.network.b1 != 0.35 && trained.network.b2 != 0.60)
        #expect(trained.forward.E_total < fixed.forward.E_total / 5)
        let step = PostBackwardPass(.post, settings: PostSettings(trainBiases: true))
        #expect(step.gradient.b1 == step.δ_h1 + step.δ_h2)
        #expect(step.gradient.b2 == step.δ_o1 + step.δ_o2)
        #expect(step.after.b2 == 0.60 - 0.5 * step.gradient.b2)
    }

    @Test func biasChainHasATermPerNeuronItFeeds() {
        let step = PostBackwardPass(.post, settings: .post)
        let terms = step.chain(.b2)
        #expect(terms.count == 2)
        #expect(terms.map(\.product).reduce(0, +) == step.δ_o1 + step.δ_o2)
        #expect(terms.allSatisfy { $0.dnet_dparameter == 1 })
    }

    @Test func huge_learningRateDivergesAtTheFirstNonFiniteIteration() {
        var network = PostNetwork.post
        network.w5 = 1e308
        network.w6 = 1e308
        var trainer = PostTrainer(start: network, settings: PostSettings(learningRate: 1e300))
        let taken = trainer.train(100)
        let divergence = try! #require(trainer.divergence)
        #expect(divergence.iteration == taken + 1)
        #expect(divergence.learningRate == 1e300)
        #expect(trainer.network.isFinite)
        #expect(trainer.forward.E_total.isFinite)
        #expect(trainer.train(10) == 0)
    }

    @Test func nonFiniteStartIsDivergenceAtIterationZero() {
        var network = PostNetwork.post
        network.w1 = 1.7e308
        network.w2 = -1.7e308
        network.i1 = 1.7e308
        network.i2 = 1.7e308
        let trainer = PostTrainer(start: network)
        #expect(trainer.divergence?.iteration == 0)
    }

    @Test func editsReplayWhenTrainingPassesThemAgain() {
        var trainer = PostTrainer()
        trainer.train(3)
        let accepted = [trainer.edit(.parameter(.w5), to: 0.3), trainer.edit(.learningRate, to: 0.7)]
        #expect(accepted == [true, true])
        trainer.train(4)
        var replay = trainer.restarted
        #expect(replay.iteration == 0 && replay.pendingEdits.count == 2)
        replay.train(2)
        #expect(replay.network.w5 != 0.3)
        replay.train(1)
        #expect(replay.network.w5 == 0.3 && replay.settings.learningRate == 0.7 && replay.pendingEdits.isEmpty)
        replay.train(4)
        #expect(replay.network == trainer.network)
        #expect(replay.history.exact == trainer.history.exact)
    }

    @Test func aSecondEditOfTheSameNumberAtTheSameIterationReplacesTheFirst() {
        var trainer = PostTrainer()
        trainer.edit(.parameter(.w1), to: 1)
        trainer.edit(.parameter(.w1), to: 2)
        trainer.edit(.i1, to: 0.5)
        #expect(trainer.edits == [PostEdit(iteration: 0, quantity: .parameter(.w1), value: 2), PostEdit(iteration: 0, quantity: .i1, value: 0.5)])
        let refused = [trainer.edit(.learningRate, to: 0), trainer.edit(.parameter(.w5), to: .infinity)]
        #expect(refused == [false, false])
        #expect(trainer.edits.count == 2 && trainer.network.w5 == 0.40)
    }

    @Test func stepsFromTheStartReplayedEqualStepsForwardToTheBit() {
        var forward = PostTrainer(settings: PostSettings(trainBiases: true))
        forward.train(1_234)
        var replay = forward.restarted
        replay.train(1_233)
        replay.train(1)
        #expect(replay.network == forward.network && replay.previous == forward.previous && replay.forward == forward.forward)
    }
}
