@testable import BackpropEngine
import Foundation
import PostOracle
import Testing

/// The general engine: bit-identical to the post's on its network, equal to a naive reference
/// on any other, in agreement with central differences, and refusing what makes no sense.
@Suite struct EngineTests {
    static let postSample = Sample(inputs: [0.05, 0.10], targets: [0.01, 0.99])

    @Test(arguments: [(UpdateOrder.published, false), (.published, true), (.textbook, false), (.textbook, true)])
    func thePostsNetworkTrainsBitForBitLikeThePostsEngine(order: UpdateOrder, trainBiases: Bool) {
        var post = PostTrainer(settings: PostSettings(order: order, trainBiases: trainBiases))
        var layered = Network(.post)
        // The trainer's kernel (the post's layout, kept in registers) in one call and a call an update.
        let settings = TrainingSettings(order: order, trainBiases: trainBiases)
        var whole = Trainer(.post, data: .post, settings: settings), stepwise = whole
        whole.train(updates: 3_000)
        var errors: [Double] = []
        for iteration in 1 ... 3_000 {
            let step = Step(layered, batch: [Self.postSample], learningRate: 0.5, order: order, trainBiases: trainBiases)
            #expect(step.forwards[0].loss.bitPattern == post.forward.E_total.bitPattern, "E at \(iteration - 1)")
            errors.append(post.forward.E_total)
            stepwise.train(updates: 1)
            layered = step.after
            post.train(1)
            if iteration % 1_000 == 0 || iteration < 3 {
                #expect(layered == Network(post.network), "network at \(iteration)")
                #expect(stepwise.network == layered && stepwise.previous?.weights == step.before.weights, "trainer at \(iteration)")
            }
        }
        errors.append(post.forward.E_total)
        #expect(whole.network == layered && whole.trainingError.exact.map(\.bitPattern) == errors.map(\.bitPattern))
        #expect(stepwise.trainingError.exact.map(\.bitPattern) == errors.map(\.bitPattern))
        let first = Step(Network(.post), batch: [Self.postSample], learningRate: 0.5, order: order, trainBiases: trainBiases)
        let step = PostBackwardPass(.post, settings: PostSettings(order: order, trainBiases: trainBiases))
        #expect(first.deltas[0][2] == [step.δ_o1, step.δ_o2] && first.deltas[0][1] == [step.δ_h1, step.δ_h2])
        #expect(first.weightGradient == PostParameter.weights.map { step.gradient[$0] })
        #expect(first.biasGradient == [step.gradient.b1, step.gradient.b2])
    }

    @Test(arguments: Initialization.allCases)
    func eachInitializationDrawsWithinItsRange(initialization: Initialization) throws {
        let a = try Architecture(layers: [3, 40, 10, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        let network = Network.seeded(a, seed: 9, initialization: initialization)
        for l in 1 ... a.outputLayer {
            let fanIn = Double(a.layers[l - 1]), fanOut = Double(a.layers[l])
            let limit = switch initialization {
            case .fanIn: 1 / fanIn.squareRoot()
            case .xavier: (6 / (fanIn + fanOut)).squareRoot()
            case .he: (6 / fanIn).squareRoot()
            case .playground: 0.5
            case .zero: 0.0
            }
            let weights = (0 ..< a.layers[l] * a.layers[l - 1]).map { network.weights[a.weightOffset(layer: l) + $0] }
            #expect(weights.allSatisfy { abs($0) <= limit })
            #expect(initialization == .zero || weights.map(abs).max()! > limit * 0.8, "spread over its range")
        }
        #expect(network.biases.allSatisfy { $0 == (initialization == .playground ? 0.1 : 0) })
        #expect(Network.seeded(a, seed: 9) == Network.seeded(a, seed: 9, initialization: .xavier), "xavier is the default")
    }

    @Test func weightsAreNumberedThePostsWay() throws {
        let a = Architecture.post
        #expect(a.weightCount == 8 && a.biasCount == 2)
        let names = (1 ... 2).flatMap { l in (0 ..< 2).flatMap { j in (0 ..< 2).map { i in a.weightIndex(layer: l, to: j, from: i) + 1 } } }
        #expect(names == [1, 2, 3, 4, 5, 6, 7, 8], "w1: i1→h1, w2: i2→h1, w3: i1→h2, … w8: h2→o2")
        let deep = try Architecture(layers: [2, 5, 1], bias: .perNeuron)
        #expect(deep.weightCount == 15 && deep.biasCount == 6)
        #expect(deep.weightIndex(layer: 2, to: 0, from: 0) + 1 == 11, "the first output weight of 2-5-1 is w11")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let layers: [Int], hidden: Activation, output: Activation, loss: Loss, bias: BiasMode
        let batch: Int, order: UpdateOrder, seed: UInt64
        var testDescription: String {
            "\(layers) \(hidden.rawValue)/\(output.rawValue) \(loss.rawValue) \(bias.rawValue) batch \(batch) \(order.rawValue)"
        }
    }

    static let cases: [Case] = [
        Case(layers: [2, 8, 8, 8, 8, 8, 8, 1], hidden: .tanh, output: .tanh, loss: .halfSquared, bias: .perNeuron, batch: 5, order: .published, seed: 1),
        Case(layers: [3, 5, 3], hidden: .logistic, output: .softmax, loss: .crossEntropy, bias: .perNeuron, batch: 4, order: .textbook, seed: 2),
        Case(layers: [2, 4, 2, 1], hidden: .tanh, output: .tanh, loss: .halfSquared, bias: .perNeuron, batch: 10, order: .textbook, seed: 3),
        Case(layers: [2, 3, 2], hidden: .relu, output: .logistic, loss: .crossEntropy, bias: .shared, batch: 1, order: .published, seed: 4),
        Case(layers: [4, 6, 3], hidden: .linear, output: .softmax, loss: .halfSquared, bias: .shared, batch: 3, order: .published, seed: 5),
        Case(layers: [1, 7, 1], hidden: .logistic, output: .linear, loss: .halfSquared, bias: .perNeuron, batch: 2, order: .textbook, seed: 6),
    ]

    static func oneHot(_ index: Int, _ count: Int) -> [Double] { (0 ..< count).map { $0 == index ? 1 : 0 } }

    static func random(_ c: Case) -> (Network, [Sample]) {
        var random = SplitMix64(seed: c.seed)
        func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }
        let a = try! Architecture(layers: c.layers, activation: c.hidden, outputActivation: c.output, loss: c.loss, bias: c.bias)
        let network = try! Network(a, weights: (0 ..< a.weightCount).map { _ in uniform(-0.8 ... 0.8) },
                                          biases: (0 ..< a.biasCount).map { _ in uniform(-0.3 ... 0.3) })
        let outputs = c.layers.last!
        let samples = (0 ..< c.batch * 3).map { _ in
            let inputs = (0 ..< c.layers[0]).map { _ in uniform(-1 ... 1) }
            let targets: [Double] = switch c.output {
            case .softmax: oneHot(Int(random.next() % UInt64(outputs)), outputs)
            case .tanh: (0 ..< outputs).map { _ in random.next() % 2 == 0 ? -1 : 1 }
            case .logistic: (0 ..< outputs).map { _ in Double(random.next() % 2) }
            default: (0 ..< outputs).map { _ in uniform(-1 ... 1) }
            }
            return Sample(inputs: inputs, targets: targets)
        }
        return (network, samples)
    }

    @Test(arguments: cases)
    func anyNetworkTrainsLikeTheNaiveReference(c: Case) {
        var (network, samples) = Self.random(c)
        var reference = NaiveReference(network)
        for update in 0 ..< 30 {
            let start = (update * c.batch) % samples.count
            let batch = Array((samples + samples)[start ..< start + c.batch])
            network = Step(network, batch: batch, learningRate: 0.1, order: c.order, trainBiases: true).after
            reference.update(batch, η: 0.1, published: c.order == .published, trainBiases: true)
        }
        let mine = NaiveReference(network)
        var largest = 0.0
        for l in 1 ..< c.layers.count {
            for j in 0 ..< c.layers[l] {
                for i in 0 ..< c.layers[l - 1] { largest = max(largest, abs(mine.W[l][j][i] - reference.W[l][j][i])) }
                largest = max(largest, abs(mine.B[l][j] - reference.B[l][j]))
            }
        }
        #expect(largest < 1e-12, "largest difference \(largest)")
        for sample in samples.prefix(5) {
            #expect(abs(ForwardPass(network, sample).loss - reference.error(sample)) < 1e-12)
        }
    }

    @Test(arguments: Activation.allCases.filter { $0 != .softmax }, Loss.allCases)
    func textbookGradientsAgreeWithCentralDifferences(hidden: Activation, loss: Loss) throws {
        for (output, bias) in [(Activation.logistic, BiasMode.shared), (.softmax, .perNeuron), (.tanh, .perNeuron), (.linear, .shared)] {
            guard loss == .halfSquared || output == .logistic || output == .softmax else { continue }
            let c = Case(layers: [3, 4, 3, 3], hidden: hidden, output: output, loss: loss, bias: bias, batch: 3, order: .textbook, seed: 9)
            let (network, samples) = Self.random(c)
            let batch = Array(samples.prefix(3))
            let step = Step(network, batch: batch, learningRate: 0.1, order: .textbook, trainBiases: true)
            func meanLoss(_ n: Network) -> Double { batch.reduce(0) { $0 + ForwardPass(n, $1).loss } / Double(batch.count) }
            let h = 1e-6
            func check(_ numbers: WritableKeyPath<Network, [Double]>, _ gradient: [Double], _ name: String) {
                for k in network[keyPath: numbers].indices {
                    var up = network, down = network
                    up[keyPath: numbers][k] += h
                    down[keyPath: numbers][k] -= h
                    let numerical = (meanLoss(up) - meanLoss(down)) / (2 * h)
                    #expect(abs(numerical - gradient[k]) < 1e-7 + 1e-6 * abs(numerical), "\(c.testDescription) \(name)\(k + 1)")
                }
            }
            check(\.weights, step.weightGradient, "w")
            check(\.biases, step.biasGradient, "b")
        }
    }

    @Test func publishedAndTextbookShareTheOutputLayerAndDifferBelow() {
        let c = Case(layers: [2, 3, 2], hidden: .tanh, output: .logistic, loss: .halfSquared, bias: .perNeuron, batch: 4, order: .published, seed: 11)
        let (network, samples) = Self.random(c)
        let batch = Array(samples.prefix(4))
        let published = Step(network, batch: batch, learningRate: 0.5, order: .published, trainBiases: true)
        let textbook = Step(network, batch: batch, learningRate: 0.5, order: .textbook, trainBiases: true)
        let outputWeights = network.architecture.weightOffset(layer: 2) ..< network.architecture.weightCount
        #expect(published.weightGradient[outputWeights] == textbook.weightGradient[outputWeights])
        #expect(published.weightGradient[0 ..< 6] != textbook.weightGradient[0 ..< 6])
    }

    @Test(arguments: [
        ([2], Activation.logistic, Activation.logistic, Loss.halfSquared, "layers needs at least an input and an output size, got 1 size"),
        ([2, 0, 1], .logistic, .logistic, .halfSquared, "layer 1 has size 0; every layer needs at least 1 neuron"),
        ([2, 3, 1], .softmax, .logistic, .halfSquared, "softmax is for the output layer only"),
        ([2, 3, 1], .tanh, .softmax, .halfSquared, "softmax needs at least 2 outputs, got 1"),
        ([2, 3, 1], .tanh, .tanh, .crossEntropy, "cross-entropy needs logistic or softmax outputs, got tanh"),
    ])
    func nonsenseIsRefusedInOneLine(layers: [Int], hidden: Activation, output: Activation, loss: Loss, message: String) {
        // Sizes are at fault unless an activation or the loss is.
        let sizes = !(hidden == .softmax || loss == .crossEntropy)
        #expect(throws: Architecture.Refusal(description: message, isAboutSizes: sizes)) {
            try Architecture(layers: layers, activation: hidden, outputActivation: output, loss: loss)
        }
    }

    @Test func countsThatDoNotFitTheLayersNameTheExpectedCount() throws {
        let a = try Architecture(layers: [2, 5, 1], bias: .perNeuron)
        #expect(throws: Network.Mismatch(description: "layers 2,5,1 need 15 weights, got 8")) {
            try Network(a, weights: Array(repeating: 0, count: 8), biases: Array(repeating: 0, count: 6))
        }
        #expect(throws: Network.Mismatch(description: "layers 2,5,1 with per-neuron biases need 6 biases, got 2")) {
            try Network(a, weights: Array(repeating: 0, count: 15), biases: [0, 0])
        }
    }
}
