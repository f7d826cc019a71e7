/// Backprop's gradient of every weight and bias of any network against a central difference
/// of the batch's mean loss, with the post's gradient check's tolerances.
public struct GradientCheck: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let target: Edit.Target
        public let backprop: Double, numerical: Double
        public var absoluteError: Double { abs(backprop - numerical) }
        public var passes: Bool {
            absoluteError < GradientCheck.absoluteTolerance
                || absoluteError / max(abs(backprop) + abs(numerical), 1e-300) < GradientCheck.tolerance
        }
    }

    public let rows: [Row]

    /// Agreement within the estimate's own accuracy: a relative error below `tolerance`, or
    /// a difference below `absoluteTolerance` (where both are near zero, the relative error
    /// only measures the estimate's rounding).
    public static let tolerance = 1e-7
    public static let absoluteTolerance = 1e-9

    /// How many parameters the check covered, of how many there are.
    public let checked: Int, total: Int

    /// Multiply-adds a check may take: each parameter checked costs two forward passes of the
    /// batch, so a large network is checked around `around` (a flat index: weights, then
    /// biases) rather than whole, and stays within a frame or so.
    public static let work = 10_000_000

    /// The check of `network` on `batch`: backprop in textbook order (the true gradient), for
    /// every parameter or, past `work`, the ones nearest `around`.
    public init(_ network: Network, batch: [Sample], step h: Double = 1e-5, around: Int = 0) {
        let exact = Step(network, batch: batch, learningRate: 1, order: .textbook, trainBiases: true)
        func loss(_ changed: Network) -> Double { Trainer.meanLoss(changed, batch) }
        func difference(_ change: (inout Network, Double) -> Void) -> Double {
            var up = network, down = network
            change(&up, h)
            change(&down, -h)
            return (loss(up) - loss(down)) / (2 * h)
        }
        let weights = network.weights.count, all = weights + network.biases.count
        let perParameter = max(1, 2 * all * batch.count), room = max(1, Self.work / perParameter)
        let first = min(max(0, around - room / 2), max(0, all - room))
        rows = (first ..< min(all, first + room)).map { k in
            k < weights ? Row(target: .weight(k), backprop: exact.weightGradient[k], numerical: difference { $0.weights[k] += $1 })
                : Row(target: .bias(k - weights), backprop: exact.biasGradient[k - weights], numerical: difference { $0.biases[k - weights] += $1 })
        }
        checked = rows.count
        total = all
    }
}
