import BackpropEngine

extension Network {
    /// The oracle's named network as the one engine's flat numbers: w1…w8, b1, b2.
    public init(_ network: PostNetwork) {
        try! self.init(.post, weights: PostParameter.weights.map { network[$0] }, biases: [network.b1, network.b2])
    }
}

extension Trainer {
    /// The one trainer on the post's network with these numbers and settings: its one sample, online.
    public init(post network: PostNetwork, settings: PostSettings = .post) {
        let sample = Sample(inputs: [network.i1, network.i2], targets: [network.target_o1, network.target_o2])
        self.init(Network(network), data: DataSet(training: [sample]),
                  settings: TrainingSettings(learningRate: settings.learningRate, order: settings.order, trainBiases: settings.trainBiases))
    }
}

/// The post's names as a view over the one engine's flat numbers, where the post is tested.
extension Network {
    public var w1: Double { weights[0] }
    public var w2: Double { weights[1] }
    public var w3: Double { weights[2] }
    public var w4: Double { weights[3] }
    public var w5: Double { weights[4] }
    public var w6: Double { weights[5] }
    public var w7: Double { weights[6] }
    public var w8: Double { weights[7] }
    public var b1: Double { biases[0] }
    public var b2: Double { biases[1] }

    /// A parameter by its post name.
    public subscript(parameter: PostParameter) -> Double {
        parameter.isBias ? biases[parameter == .b1 ? 0 : 1] : weights[PostParameter.weights.firstIndex(of: parameter)!]
    }
}

extension Trainer {
    /// The run's network with its one sample, named as the post names it.
    public var named: PostNetwork {
        let n = network, sample = data.training[0]
        return PostNetwork(i1: sample.inputs[0], i2: sample.inputs[1], target_o1: sample.targets[0], target_o2: sample.targets[1],
                       w1: n.w1, w2: n.w2, w3: n.w3, w4: n.w4, w5: n.w5, w6: n.w6, w7: n.w7, w8: n.w8, b1: n.b1, b2: n.b2)
    }

    /// The oracle's forward pass of the network now: out_h1, E_total, …
    public var forward: PostForwardPass { PostForwardPass(named) }

    /// E_total of every iteration (an epoch is an iteration on one sample).
    public var history: ErrorHistory { trainingError }
}
