/// Figures the post prints for its network trained with its settings (published order).
public enum Post {
    /// E_total after k updates, for the k the post quotes.
    public static let errorAfter: [Int: Double] = [0: 0.298371109, 1: 0.291027924, 10_000: 0.000035085]
    /// The iteration the post trains to.
    public static let finalIteration = 10_000

    /// What makes a run other than the post's own (either update order is the post's).
    public enum Departure: Sendable, Equatable {
        case anotherStart
        case learningRate(Double)
        case biasesTrained
        case edited
    }

    /// How a run with this start, these settings and these edits departs from the post's.
    public static func departures(start: Network, settings: TrainingSettings, edits: [Edit] = []) -> [Departure] {
        var departures: [Departure] = []
        if start != .post { departures.append(.anotherStart) }
        if settings.learningRate != TrainingSettings.post.learningRate { departures.append(.learningRate(settings.learningRate)) }
        if settings.trainBiases { departures.append(.biasesTrained) }
        if !edits.isEmpty { departures.append(.edited) }
        return departures
    }

    /// How a run of the one trainer departs from the post's: another network or sample,
    /// another η, biases trained, edits.
    public static func departures(_ trainer: LayeredTrainer) -> [Departure] {
        var departures: [Departure] = []
        if trainer.start != LayeredNetwork(.post) || trainer.firstData != .post { departures.append(.anotherStart) }
        if trainer.firstLearningRate != TrainingSettings.post.learningRate { departures.append(.learningRate(trainer.firstLearningRate)) }
        if trainer.settings.trainBiases { departures.append(.biasesTrained) }
        if !trainer.edits.isEmpty { departures.append(.edited) }
        return departures
    }

    /// Whether a run with this start and these settings is the post's own (either order).
    public static func isPostsRun(start: Network, settings: TrainingSettings) -> Bool {
        departures(start: start, settings: settings).isEmpty
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
    /// Every figure of the post, with bptui's value in `order` (the post's network and η).
    public static func checkpoints(order: UpdateOrder) -> [Checkpoint] {
        let settings = TrainingSettings(order: order)
        let f = ForwardPass(.post), step = BackwardPass(.post, settings: settings)
        var trainer = Trainer(settings: settings)
        trainer.train(1)
        let afterOne = trainer.forward.E_total
        trainer.train(9_999)
        let textbookOnly = order == .published ? "w1⁺…w4⁺, ∂E/∂w1, ∂E/∂out_h1: the post's text used the original w5…w8" : nil
        let publishedOnly = order == .textbook ? "after 1 and 10,000 updates: the post's script updated w5…w8 first" : nil
        func row(_ name: String, _ printed: Double, _ decimals: Int, _ value: Double, _ reason: String? = nil) -> Checkpoint {
            Checkpoint(name: name, printed: printed, decimals: decimals, value: value, reason: reason)
        }
        return [
            row("net_h1", 0.3775, 4, f.net_h1),
            row("out_h1", 0.593269992, 9, f.out_h1),
            row("out_h2", 0.596884378, 9, f.out_h2),
            row("net_o1", 1.105905967, 9, f.net_o1),
            row("out_o1", 0.75136507, 8, f.out_o1),
            row("out_o2", 0.772928465, 9, f.out_o2),
            row("E_o1", 0.274811083, 9, f.E_o1),
            row("E_o2", 0.023560026, 9, f.E_o2),
            row("E_total", 0.298371109, 9, f.E_total),
            row("∂E_total/∂out_o1", 0.74136507, 8, step.dE_dout_o1),
            row("∂out_o1/∂net_o1", 0.186815602, 9, step.dout_o1_dnet_o1),
            row("∂net_o1/∂w5", 0.593269992, 9, step.chain(.w5)[0].dnet_dparameter),
            row("∂E_total/∂w5", 0.082167041, 9, step.gradient.w5),
            row("w5⁺", 0.35891648, 8, step.after.w5),
            row("w6⁺", 0.408666186, 9, step.after.w6),
            row("w7⁺", 0.511301270, 9, step.after.w7),
            row("w8⁺", 0.561370121, 9, step.after.w8),
            row("δ_o1", 0.138498562, 9, step.δ_o1),
            row("∂E_o1/∂out_h1", 0.055399425, 9, step.dE_o1_dout_h1, textbookOnly),
            row("∂E_o2/∂out_h1", -0.019049119, 9, step.dE_o2_dout_h1,
                order == .textbook ? "∂E_o2/∂out_h1: the post rounded by hand; in full, −0.0190491183" : textbookOnly),
            row("∂E_total/∂out_h1", 0.036350306, 9, step.dE_dout_h1, textbookOnly),
            row("∂out_h1/∂net_h1", 0.241300709, 9, step.dout_h1_dnet_h1),
            row("∂net_h1/∂w1", 0.05, 2, step.chain(.w1)[0].dnet_dparameter),
            row("∂E_total/∂w1", 0.000438568, 9, step.gradient.w1, textbookOnly),
            row("w1⁺", 0.149780716, 9, step.after.w1, textbookOnly),
            row("w2⁺", 0.19956143, 8, step.after.w2, textbookOnly),
            row("w3⁺", 0.24975114, 8, step.after.w3, textbookOnly),
            row("w4⁺", 0.29950229, 8, step.after.w4, textbookOnly),
            row("E_total after 1 update", 0.291027924, 9, afterOne, publishedOnly),
            row("E_total after 10,000 updates", 0.000035085, 9, trainer.forward.E_total, publishedOnly),
            row("out_o1 after 10,000 updates", 0.015912196, 9, trainer.forward.out_o1, publishedOnly),
            row("out_o2 after 10,000 updates", 0.984065734, 9, trainer.forward.out_o2, publishedOnly),
        ]
    }
}
