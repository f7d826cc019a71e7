/// Figures the post prints for its network trained with its settings (published order).
public enum Post {
    /// E_total after k updates, for the k the post quotes.
    public static let errorAfter: [Int: Double] = [0: 0.298371109, 1: 0.291027924, 10_000: 0.000035085]
    /// The iteration the post trains to.
    public static let finalIteration = 10_000
    /// The post's learning rate η.
    public static let learningRate = 0.5

    /// What makes a run other than the post's own (either update order is the post's).
    public enum Departure: Sendable, Equatable {
        case anotherStart
        case learningRate(Double)
        case biasesTrained
        case edited
    }

    /// How a run of the one trainer departs from the post's: another network or sample,
    /// another η, biases trained, edits.
    public static func departures(_ trainer: Trainer) -> [Departure] {
        var departures: [Departure] = []
        if trainer.start != .post || trainer.firstData != .post { departures.append(.anotherStart) }
        if trainer.firstLearningRate != learningRate { departures.append(.learningRate(trainer.firstLearningRate)) }
        if trainer.settings.trainBiases { departures.append(.biasesTrained) }
        if !trainer.edits.isEmpty { departures.append(.edited) }
        return departures
    }
}

/// One figure the post prints, beside bptui's value for it in a given update order.
public struct Checkpoint: Sendable, Equatable {
    public let name: String
    /// The figure as the post prints it, and how many decimals it prints.
    public let printed: Double
    public let decimals: Int
    public let value: Double
    /// Why the two differ, where the difference is known.
    public let reason: String?

    /// Whether `value` rounds to the printed figure.
    public var agrees: Bool { agrees(with: value) }

    /// Whether another value rounds to the printed figure.
    public func agrees(with other: Double) -> Bool { abs(other - printed) <= 0.5 * pow10(-decimals) * (1 + 1e-9) }
}

private func pow10(_ exponent: Int) -> Double {
    (0 ..< abs(exponent)).reduce(1.0) { value, _ in exponent < 0 ? value / 10 : value * 10 }
}

extension Post {
    /// Every figure of the post, with bptui's value in `order` (the post's network and η),
    /// read off the one engine's step by index: layer 1 is the hidden layer, 2 the outputs.
    public static func checkpoints(order: UpdateOrder) -> [Checkpoint] {
        let settings = TrainingSettings(order: order)
        var trainer = Trainer(.post, data: .post, settings: settings)
        let step = Step(trainer.network, batch: DataSet.post.training, learningRate: settings.learningRate, order: order,
                               trainBiases: false)
        let f = step.forwards[0], target = DataSet.post.training[0].targets
        trainer.train(updates: 1)
        let afterOne = trainer.trainingError.latest
        trainer.train(updates: 9_999)
        let finalOutputs = ForwardPass(trainer.network, DataSet.post.training[0]).outputs
        let (o1, h1) = (f.outs[2][0], f.outs[1][0])
        let textbookOnly = order == .published ? "w1⁺…w4⁺, ∂E/∂w1, ∂E/∂out_h1: the post's text used the original w5…w8" : nil
        let publishedOnly = order == .textbook ? "after 1 and 10,000 updates: the post's script updated w5…w8 first" : nil
        func row(_ name: String, _ printed: Double, _ decimals: Int, _ value: Double, _ reason: String? = nil) -> Checkpoint {
            Checkpoint(name: name, printed: printed, decimals: decimals, value: value, reason: reason)
        }
        func loss(_ k: Int) -> Double { Loss.halfSquared.term(output: f.outs[2][k], target: target[k], activation: .logistic) }
        let weightsPlus = (0 ..< 8).map { step.after.weights[$0] }
        return [
            row("net_h1", 0.3775, 4, f.nets[1][0]),
            row("out_h1", 0.593269992, 9, h1),
            row("out_h2", 0.596884378, 9, f.outs[1][1]),
            row("net_o1", 1.105905967, 9, f.nets[2][0]),
            row("out_o1", 0.75136507, 8, o1),
            row("out_o2", 0.772928465, 9, f.outs[2][1]),
            row("E_o1", 0.274811083, 9, loss(0)),
            row("E_o2", 0.023560026, 9, loss(1)),
            row("E_total", 0.298371109, 9, f.loss),
            row("∂E_total/∂out_o1", 0.74136507, 8, -(target[0] - o1)),
            row("∂out_o1/∂net_o1", 0.186815602, 9, Activation.logistic.derivative(net: f.nets[2][0], out: o1)),
            row("∂net_o1/∂w5", 0.593269992, 9, h1),
            row("∂E_total/∂w5", 0.082167041, 9, step.weightGradient[4]),
            row("w5⁺", 0.35891648, 8, weightsPlus[4]),
            row("w6⁺", 0.408666186, 9, weightsPlus[5]),
            row("w7⁺", 0.511301270, 9, weightsPlus[6]),
            row("w8⁺", 0.561370121, 9, weightsPlus[7]),
            row("δ_o1", 0.138498562, 9, step.deltas[0][2][0]),
            row("∂E_o1/∂out_h1", 0.055399425, 9, step.term(sample: 0, layer: 1, neuron: 0, via: 0), textbookOnly),
            row("∂E_o2/∂out_h1", -0.019049119, 9, step.term(sample: 0, layer: 1, neuron: 0, via: 1),
                order == .textbook ? "∂E_o2/∂out_h1: the post rounded by hand; in full, −0.0190491183" : textbookOnly),
            row("∂E_total/∂out_h1", 0.036350306, 9, step.dE_dout(sample: 0, layer: 1, neuron: 0), textbookOnly),
            row("∂out_h1/∂net_h1", 0.241300709, 9, Activation.logistic.derivative(net: f.nets[1][0], out: h1)),
            row("∂net_h1/∂w1", 0.05, 2, f.outs[0][0]),
            row("∂E_total/∂w1", 0.000438568, 9, step.weightGradient[0], textbookOnly),
            row("w1⁺", 0.149780716, 9, weightsPlus[0], textbookOnly),
            row("w2⁺", 0.19956143, 8, weightsPlus[1], textbookOnly),
            row("w3⁺", 0.24975114, 8, weightsPlus[2], textbookOnly),
            row("w4⁺", 0.29950229, 8, weightsPlus[3], textbookOnly),
            row("E_total after 1 update", 0.291027924, 9, afterOne, publishedOnly),
            row("E_total after 10,000 updates", 0.000035085, 9, trainer.trainingError.latest, publishedOnly),
            row("out_o1 after 10,000 updates", 0.015912196, 9, finalOutputs[0], publishedOnly),
            row("out_o2 after 10,000 updates", 0.984065734, 9, finalOutputs[1], publishedOnly),
        ]
    }
}

extension Trainer {
    /// Whether this is the post's network on one sample (its own or another): the runs the
    /// post's checkpoints, its 10,000-update stop and its reference error speak of.
    public var isThePostsNetwork: Bool {
        start.architecture == .post && firstData.training.count == 1 && firstData.test.isEmpty
    }
}
