import BackpropEngine

/// Backpropagation's gradient of every parameter beside a central-difference estimate of
/// ∂E_total/∂parameter: (E(p + h) − E(p − h)) / 2h.
///
/// Both are gradients of the current network, so backprop's side is the textbook order's
/// (the published order's hidden-layer values use already-updated w5…w8 and are, by design,
/// not the gradient of this network).
public struct PostGradientCheck: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let parameter: PostParameter
        public let backprop: Double
        public let numerical: Double
        public var absoluteError: Double { abs(backprop - numerical) }
        /// |backprop − numerical| / max(|backprop| + |numerical|, 1e-300).
        public var relativeError: Double { absoluteError / max(abs(backprop) + abs(numerical), 1e-300) }
        /// Agreement within the estimate's own accuracy: a relative error below `tolerance`,
        /// or a difference below `absoluteTolerance` (where both are near zero, the relative
        /// error only measures the estimate's rounding).
        public var passes: Bool {
            absoluteError < PostGradientCheck.absoluteTolerance || relativeError < PostGradientCheck.tolerance
        }
    }

    public static let tolerance = GradientCheck.tolerance
    public static let absoluteTolerance = GradientCheck.absoluteTolerance
    public let rows: [Row]

    /// Checks backprop's gradient of `network`, or `backprop` when given (to test the check).
    public init(_ network: PostNetwork, step h: Double = 1e-5, backprop: Gradients? = nil) {
        let exact = backprop ?? PostBackwardPass(network, settings: PostSettings(order: .textbook, trainBiases: true)).gradient
        rows = PostParameter.allCases.map { parameter in
            var up = network, down = network
            up[parameter] += h
            down[parameter] -= h
            let numerical = (PostForwardPass(up).E_total - PostForwardPass(down).E_total) / (2 * h)
            return Row(parameter: parameter, backprop: exact[parameter], numerical: numerical)
        }
    }
}
