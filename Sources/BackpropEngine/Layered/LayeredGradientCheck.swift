/// Backprop's gradient of every weight and bias of any network against a central difference
/// of the batch's mean loss, with the post's gradient check's tolerances.
public struct LayeredGradientCheck: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let target: LayeredEdit.Target
        public let backprop: Double, numerical: Double
        public var absoluteError: Double { abs(backprop - numerical) }
        public var passes: Bool {
            absoluteError < LayeredGradientCheck.absoluteTolerance
                || absoluteError / max(abs(backprop) + abs(numerical), 1e-300) < LayeredGradientCheck.tolerance
        }
    }

    public let rows: [Row]

    /// Agreement within the estimate's own accuracy: a relative error below `tolerance`, or
    /// a difference below `absoluteTolerance` (where both are near zero, the relative error
    /// only measures the estimate's rounding).
    public static let tolerance = 1e-7
    public static let absoluteTolerance = 1e-9

    /// The check of `network` on `batch`: backprop in textbook order (the true gradient).
    public init(_ network: LayeredNetwork, batch: [Sample], step h: Double = 1e-5) {
        let exact = LayeredStep(network, batch: batch, learningRate: 1, order: .textbook, trainBiases: true)
        func loss(_ changed: LayeredNetwork) -> Double { LayeredTrainer.meanLoss(changed, batch) }
        func difference(_ change: (inout LayeredNetwork, Double) -> Void) -> Double {
            var up = network, down = network
            change(&up, h)
            change(&down, -h)
            return (loss(up) - loss(down)) / (2 * h)
        }
        rows = network.weights.indices.map { k in
            Row(target: .weight(k), backprop: exact.weightGradient[k], numerical: difference { $0.weights[k] += $1 })
        } + network.biases.indices.map { k in
            Row(target: .bias(k), backprop: exact.biasGradient[k], numerical: difference { $0.biases[k] += $1 })
        }
    }
}
