/// When the hidden-layer gradients are taken relative to the output-weight update.
///
/// The post's text asks for the original w5…w8 (`textbook`), but its printed errors after
/// 1 and 10,000 updates come from a script that had already updated w5…w8 (`published`).
public enum UpdateOrder: String, CaseIterable, Sendable, Codable {
    /// w5…w8 are updated first; the hidden deltas then use the new w5…w8. The post's errors.
    case published
    /// Every gradient comes from the weights before the update. The post's w1⁺…w4⁺.
    case textbook
}

/// How the network is trained: learning rate η, update order, and whether biases learn.
public struct TrainingSettings: Sendable, Equatable {
    public var learningRate: Double
    public var order: UpdateOrder
    public var trainBiases: Bool

    public init(learningRate: Double = 0.5, order: UpdateOrder = .published, trainBiases: Bool = false) {
        self.learningRate = learningRate
        self.order = order
        self.trainBiases = trainBiases
    }

    /// The post's settings: η = 0.5, published order, biases fixed.
    public static let post = TrainingSettings()
}
