import BackpropEngine

/// How the network is trained: learning rate η, update order, and whether biases learn.
public struct PostSettings: Sendable, Equatable {
    public var learningRate: Double
    public var order: UpdateOrder
    public var trainBiases: Bool

    public init(learningRate: Double = 0.5, order: UpdateOrder = .published, trainBiases: Bool = false) {
        self.learningRate = learningRate
        self.order = order
        self.trainBiases = trainBiases
    }

    /// The post's settings: η = 0.5, published order, biases fixed.
    public static let post = PostSettings()
}
