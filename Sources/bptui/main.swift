import BackpropEngine
for order in UpdateOrder.allCases {
    var t = Trainer(settings: TrainingSettings(order: order))
    let s = t.nextStep
    print(order, s.after.w1, s.after.w5, s.dE_o2_dout_h1)
    t.train(1); print(t.forward.E_total)
    t.train(9999); print(t.forward.E_total, t.forward.out_o1, t.forward.out_o2)
}
var t = Trainer(settings: TrainingSettings(trainBiases: true)); t.train(10000); print("bias", t.forward.E_total)
