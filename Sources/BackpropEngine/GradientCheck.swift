/// Backpropagation's gradient of every parameter beside a central-difference estimate of
/// ∂E_total/∂parameter: (E(p + h) − E(p − h)) / 2h.
///
/// Both are gradients of the current network, so backprop's side is the textbook order's
/// (the published order's hidden-layer values use already-updated w5…w8 and are not the
/// gradient of this network).
public struct GradientCheck: Sendable {
    public struct Row: Sendable, Equatable {
        public let parameter: Parameter
        public let backprop: Double
        public let numerical: Double
        /// |backprop − numerical| / max(|backprop| + |numerical|, 1e-300).
        public let relativeError: Double
        public var passes: Bool { relativeError < GradientCheck.tolerance }
    }

    public static let tolerance = 1e-7
    public let rows: [Row]

    public init(_ network: Network, step h: Double = 1e-5) {
        let backprop = BackwardPass(network, settings: TrainingSettings(order: .textbook, trainBiases: true)).gradient
        rows = Parameter.allCases.map { parameter in
            var up = network, down = network
            up[parameter] += h
            down[parameter] -= h
            let numerical = (ForwardPass(up).E_total - ForwardPass(down).E_total) / (2 * h)
            let exact = backprop[parameter]
            let relative = abs(exact - numerical) / max(abs(exact) + abs(numerical), 1e-300)
            return Row(parameter: parameter, backprop: exact, numerical: numerical, relativeError: relative)
        }
    }
}
