import BackpropEngine

extension LayeredNetwork {
    /// The oracle's named network as the one engine's flat numbers: w1…w8, b1, b2.
    public init(_ network: Network) {
        try! self.init(.post, weights: Parameter.weights.map { network[$0] }, biases: [network.b1, network.b2])
    }
}

extension LayeredTrainer {
    /// The one trainer on the post's network with these numbers and settings: its one sample, online.
    public init(post network: Network, settings: TrainingSettings = .post) {
        let sample = Sample(inputs: [network.i1, network.i2], targets: [network.target_o1, network.target_o2])
        self.init(LayeredNetwork(network), data: DataSet(training: [sample]),
                  settings: LayeredSettings(learningRate: settings.learningRate, order: settings.order, trainBiases: settings.trainBiases))
    }
}
