@testable import BackpropEngine
import PostOracle
import Testing

/// Every figure of the post (../shared/tutorial.md), to the digits it prints.
@Suite struct PostFiguresTests {
    /// Within 1e-9 of a 9-decimal figure, 5e-9 of an 8-decimal one.
    func expectFigure(_ value: Double, _ printed: Double, decimals: Int = 9,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let tolerance = decimals >= 9 ? 1e-9 : 5e-9
        #expect(abs(value - printed) <= tolerance, "\(value) vs the post's \(printed)",
                sourceLocation: sourceLocation)
    }

    @Test func forwardPassAtIterationZero() {
        let f = PostForwardPass(.post)
        expectFigure(f.net_h1, 0.3775)
        expectFigure(f.out_h1, 0.593269992)
        expectFigure(f.out_h2, 0.596884378)
        expectFigure(f.net_o1, 1.105905967)
        expectFigure(f.out_o1, 0.75136507, decimals: 8)
        expectFigure(f.out_o2, 0.772928465)
        expectFigure(f.E_o1, 0.274811083)
        expectFigure(f.E_o2, 0.023560026)
        expectFigure(f.E_total, 0.298371109)
    }

    @Test(arguments: UpdateOrder.allCases)
    func outputLayerDerivationOfW5(order: UpdateOrder) {
        let step = PostBackwardPass(.post, settings: PostSettings(order: order))
        let w5 = step.chain(.w5)
        #expect(w5.count == 1)
        expectFigure(w5[0].dE_dout, 0.74136507, decimals: 8)
        expectFigure(w5[0].dout_dnet, 0.186815602)
        expectFigure(w5[0].dnet_dparameter, 0.593269992)
        expectFigure(step.gradient.w5, 0.082167041)
        expectFigure(w5[0].product, 0.082167041)
        expectFigure(step.after.w5, 0.35891648, decimals: 8)
        expectFigure(step.after.w6, 0.408666186)
        expectFigure(step.after.w7, 0.511301270)
        expectFigure(step.after.w8, 0.561370121)
    }

    @Test func hiddenLayerDerivationOfW1InTextbookOrder() {
        let step = PostBackwardPass(.post, settings: PostSettings(order: .textbook))
        expectFigure(step.δ_o1, 0.138498562)
        expectFigure(step.dE_o1_dout_h1, 0.055399425)
        expectFigure(step.dE_o2_dout_h1, -0.0190491183)
        expectFigure(step.dE_dout_h1, 0.036350306)
        expectFigure(step.dout_h1_dnet_h1, 0.241300709)
        let w1 = step.chain(.w1)
        expectFigure(w1[0].dnet_dparameter, 0.05)
        expectFigure(step.gradient.w1, 0.000438568)
        expectFigure(step.after.w1, 0.149780716)
        expectFigure(step.after.w2, 0.19956143, decimals: 8)
        expectFigure(step.after.w3, 0.24975114, decimals: 8)
        expectFigure(step.after.w4, 0.29950229, decimals: 8)
        #expect(step.w5_used == PostNetwork.post.w5)
    }

    @Test func publishedOrderUsesTheUpdatedOutputWeights() {
        let step = PostBackwardPass(.post, settings: .post)
        #expect(step.w5_used == step.after.w5)
        #expect(step.w7_used == step.after.w7)
        expectFigure(step.after.w1, 0.149817639)
        #expect(step.dE_o1_dout_h1 == step.δ_o1 * step.after.w5)
    }

    @Test(arguments: [
        (UpdateOrder.published, 0.291027924, 0.000035085, 0.015912196, 0.984065734),
        (UpdateOrder.textbook, 0.291027774, 0.000035102, 0.015913620, 0.984064274),
    ])
    func errorsAfterTraining(order: UpdateOrder, afterOne: Double, afterTenThousand: Double,
                             out_o1: Double, out_o2: Double) {
        var trainer = PostTrainer(settings: PostSettings(order: order))
        expectFigure(trainer.forward.E_total, 0.298371109)
        trainer.train(1)
        #expect(trainer.iteration == 1)
        expectFigure(trainer.forward.E_total, afterOne)
        trainer.train(9_999)
        #expect(trainer.iteration == 10_000)
        expectFigure(trainer.forward.E_total, afterTenThousand)
        expectFigure(trainer.forward.out_o1, out_o1)
        expectFigure(trainer.forward.out_o2, out_o2)
    }
}

@Suite struct CheckpointAndGradientCheckTests {
    @Test(arguments: UpdateOrder.allCases)
    func everyMismatchHasAReasonAndEveryAgreementNone(order: UpdateOrder) {
        let rows = Post.checkpoints(order: order)
        #expect(rows.count == 32)
        for row in rows where !row.agrees {
            #expect(row.reason != nil, "\(row.name) disagrees without a reason in \(order) order")
        }
        let mismatches = Set(rows.filter { !$0.agrees }.map(\.name))
        if order == .published {
            #expect(mismatches == ["∂E_o1/∂out_h1", "∂E_o2/∂out_h1", "∂E_total/∂out_h1", "∂E_total/∂w1", "w1⁺", "w2⁺", "w3⁺", "w4⁺"])
        } else {
            #expect(mismatches == ["∂E_o2/∂out_h1", "E_total after 1 update", "E_total after 10,000 updates",
                                   "out_o1 after 10,000 updates", "out_o2 after 10,000 updates"])
        }
    }

    @Test(arguments: [0, 1, 10_000])
    func backpropAgreesWithCentralDifferencesForEveryParameter(iteration: Int) {
        var trainer = PostTrainer()
        trainer.train(iteration)
        let check = PostGradientCheck(trainer.network)
        #expect(check.rows.count == 10)
        for row in check.rows {
            #expect(row.passes, "\(row.parameter) at iteration \(iteration): \(row.backprop) vs \(row.numerical), \(row.relativeError)")
        }
        #expect(abs(PostGradientCheck(.post).rows[4].backprop - 0.082167041) < 1e-9)
    }

    @Test func aDeliberatelyWrongGradientFailsTheCheckWhereItIsWrong() {
        let truth = PostBackwardPass(.post, settings: PostSettings(order: .textbook, trainBiases: true)).gradient
        let wrong = Gradients { $0 == .w6 ? truth[$0] * 1.001 : $0 == .w2 ? truth[$0] + 2e-9 : truth[$0] }
        let check = PostGradientCheck(.post, backprop: wrong)
        #expect(check.rows.filter { !$0.passes }.map(\.parameter) == [.w2, .w6])
        let published = PostBackwardPass(.post, settings: PostSettings(order: .published, trainBiases: true)).gradient
        #expect(PostGradientCheck(.post, backprop: published).rows.filter { !$0.passes }.map(\.parameter) == [.w1, .w2, .w3, .w4, .b1],
                "the published order's hidden gradients are not the true gradient")
    }

    @Test func textbookGradientsAtAMillionIterationsAllPassWithTheAbsoluteFloor() {
        var trainer = PostTrainer(settings: PostSettings(order: .textbook))
        trainer.train(1_000_000)
        let check = PostGradientCheck(trainer.network)
        let failing = check.rows.filter { !$0.passes }.map(\.parameter)
        #expect(failing.isEmpty, "\(failing)")
    }
}
