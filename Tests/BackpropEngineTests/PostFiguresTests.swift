import BackpropEngine
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
        let f = ForwardPass(.post)
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
        let step = BackwardPass(.post, settings: TrainingSettings(order: order))
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
        let step = BackwardPass(.post, settings: TrainingSettings(order: .textbook))
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
        #expect(step.w5_used == Network.post.w5)
    }

    @Test func publishedOrderUsesTheUpdatedOutputWeights() {
        let step = BackwardPass(.post, settings: .post)
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
        var trainer = Trainer(settings: TrainingSettings(order: order))
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
