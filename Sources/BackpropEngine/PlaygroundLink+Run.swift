/// The other way: a run as the Playground link that trains it, where Playground can.
extension PlaygroundLink {
    /// What a run has that Playground cannot express.
    public enum Lack: Error, Sendable, Equatable {
        case inputs(Int), outputs(Int)
        case outputActivation(Activation, wanted: Activation)
        case loss(Loss)
        case sharedBiases, fixedBiases, publishedOrder, shuffle, wholeBatch
        case subgradientL1
    }

    /// The same link with the page's views as given.
    public func viewing(showTestData: Bool, discretize: Bool) -> PlaygroundLink {
        var link = self
        link.showTestData = showTestData
        link.discretize = discretize
        return link
    }

    /// The same link with `seed` drawing its points and weights.
    public func reseeded(_ seed: String) -> PlaygroundLink {
        var link = self
        link.seed = seed
        return link
    }

    /// This link's points (data set, noise, split, seed) trained by `architecture` with
    /// `settings`: the link, or the first thing Playground lacks for it.
    public func training(_ a: Architecture, _ s: TrainingSettings) -> Result<PlaygroundLink, Lack> {
        var link: PlaygroundLink
        switch reshaped(a) {
        case .success(let shaped): link = shaped
        case .failure(let lack): return .failure(lack)
        }
        let output: Activation = isRegression ? .linear : .tanh
        if a.outputActivation != output { return .failure(.outputActivation(a.outputActivation, wanted: output)) }
        if a.loss != .halfSquared { return .failure(.loss(a.loss)) }
        if a.bias == .shared { return .failure(.sharedBiases) }
        if !s.trainBiases { return .failure(.fixedBiases) }
        // With one layer of weights the two orders are the same update.
        if s.order == .published, a.outputLayer > 1 { return .failure(.publishedOrder) }
        if s.shuffle { return .failure(.shuffle) }
        guard let batch = s.batch else { return .failure(.wholeBatch) }
        if let penalty = s.regularization, !penalty.clipsAtZero, penalty.kind == .l1 { return .failure(.subgradientL1) }
        link.activation = a.outputLayer > 1 ? a.activation : activation
        link.learningRate = s.learningRate
        link.batchSize = batch
        link.regularization = s.regularization?.kind
        link.regularizationRate = s.regularization?.rate ?? 0
        return .success(link)
    }

    /// This link with `a`'s hidden layers and features: the experiment Playground would start
    /// for that shape (its points and its starting weights), or why Playground cannot draw it.
    public func reshaped(_ a: Architecture) -> Result<PlaygroundLink, Lack> {
        if a.features == nil, a.layers[0] != 2 { return .failure(.inputs(a.layers[0])) }
        if a.layers[a.outputLayer] != 1 { return .failure(.outputs(a.layers[a.outputLayer])) }
        var link = self
        link.hiddenLayers = Array(a.layers.dropFirst().dropLast())
        link.features = a.features ?? [.x1, .x2]
        return .success(link)
    }

    /// The link's hash, every key Playground reads (features in its order).
    public var hash: String {
        func number(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }
        let activationName = switch activation { case .logistic: "sigmoid"; default: activation.rawValue }
        var pairs = [
            ("activation", activationName), ("batchSize", String(batchSize)), ("dataset", dataset.rawValue),
            ("regDataset", regressionDataset.rawValue), ("learningRate", number(learningRate)),
            ("regularization", regularization.map { $0 == .l1 ? "L1" : "L2" } ?? "none"),
            ("regularizationRate", number(regularizationRate)), ("noise", number(noise)),
            ("networkShape", hiddenLayers.map(String.init).joined(separator: ",")), ("seed", seed ?? ""),
            ("showTestData", String(showTestData)), ("discretize", String(discretize)), ("percTrainData", number(percentTraining)),
        ]
        pairs += Feature.allCases.map { ($0.key, String(features.contains($0))) }
        pairs += [("problem", isRegression ? "regression" : "classification"), ("initZero", String(initZero))]
        return "#" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }
}
