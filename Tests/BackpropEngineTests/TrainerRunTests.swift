import Foundation
@testable import BackpropEngine
import PostOracle
import Testing

/// Training any network on any data: epochs and batches, the post's run unchanged, the
/// built-in sets as Playground makes them, CSV with its errors named.
@Suite struct TrainerRunTests {
    @Test(arguments: UpdateOrder.allCases)
    func thePostsRunRecordsTheSameErrorEveryIteration(order: UpdateOrder) {
        var post = PostTrainer(settings: PostSettings(order: order))
        var layered = Trainer(Network(.post), data: .post, settings: TrainingSettings(order: order))
        post.train(10_000)
        layered.train(updates: 10_000)
        #expect(layered.iteration == 10_000 && layered.epoch == 10_000)
        #expect(layered.trainingError.exact == post.history.exact, "every iteration's E_total, bit for bit")
        #expect(abs(layered.trainingError.latest - 0.000035085) < (order == .published ? 5e-10 : 2e-8))
    }

    @Test func previousIsTheNetworkBeforeTheLastUpdate() {
        var trainer = Trainer(Network(.post), data: .post, settings: TrainingSettings())
        #expect(trainer.previous == nil)
        for updates in [1, 300, 7] {
            var before = trainer
            before.train(updates: updates - 1)
            trainer.train(updates: updates)
            #expect(trainer.previous?.weights == before.network.weights && trainer.previous?.biases == before.network.biases)
        }
        trainer.edit(.weight(4), to: 0.5)
        #expect(trainer.previous == nil, "right after an edit there is no last update")
    }

    @Test func anEditThatMakesTheErrorNonFiniteIsRefused() {
        var trainer = Trainer(Network(.post), data: .post, settings: TrainingSettings())
        trainer.train(updates: 3)
        let infinite = trainer.edit(.weight(0), to: .infinity)
        #expect(!infinite && trainer.edits.isEmpty && trainer.previous != nil)
        // w1·i1 = +∞ and w2·i2 = −∞ make net_h1 NaN: the last edit is refused.
        let accepted = [trainer.edit(.input(0), to: 1e308), trainer.edit(.input(1), to: 1e308), trainer.edit(.weight(0), to: 1e308)]
        let before = trainer.network
        let nan = trainer.edit(.weight(1), to: -1e308)
        #expect(accepted == [true, true, true] && !nan)
        #expect(trainer.network == before && trainer.edits.count == 3 && trainer.currentError.isFinite)
    }

    @Test(arguments: [1, 4])
    func wholeBatchEpochsEqualUpdatesOneByOne(samples: Int) throws {
        // A one-call run of many epochs (the kernel's fused loop) against the same run an
        // update per call, with an edit on the way.
        let a = try Architecture(layers: [2, 3, 1], activation: .tanh, bias: .perNeuron)
        let data = try BuiltInData.xor.make(outputs: 1, outputActivation: .logistic)
        let set = DataSet(training: Array(data.training.prefix(samples)))
        let settings = TrainingSettings(learningRate: 0.7, order: .textbook, trainBiases: true, batch: nil)
        var fused = Trainer(.seeded(a, seed: 5), data: set, settings: settings)
        var single = fused
        fused.train(updates: 700)
        for _ in 0 ..< 700 { single.train(updates: 1) }
        #expect(fused.network == single.network && fused.trainingError.exact == single.trainingError.exact)
        fused.edit(.weight(2), to: -0.3)
        single.edit(.weight(2), to: -0.3)
        fused.train(updates: 300)
        for _ in 0 ..< 300 { single.train(updates: 1) }
        #expect(fused.network == single.network && fused.trainingError.exact == single.trainingError.exact)
        var replayed = fused.restarted
        replayed.train(updates: 1_000)
        #expect(replayed.network == fused.network, "the edit replays at its iteration")
    }

    @Test func aLoadedRunsTimelineStartsWhereItsFileStood() {
        var straight = Trainer(.post, data: .post, settings: TrainingSettings())
        straight.train(updates: 5_000)
        var loaded = Trainer(straight.network, data: .post, settings: TrainingSettings(), iteration: 5_000, epoch: 5_000, position: 0)
        loaded.train(updates: 3)
        var back = loaded.restarted
        #expect(back.iteration == 5_000 && back.network == straight.network, "back replays from where the file stood, not from 0")
        back.train(updates: 2)
        straight.train(updates: 2)
        #expect(back.network == straight.network && back.trainingError.latest.bitPattern == straight.trainingError.latest.bitPattern)
        #expect(loaded.reset.iteration == 5_000 && loaded.reset.origin.epoch == 5_000)
    }

    @Test func aLargeNetworksGradientCheckCoversTheRowsAroundTheSelection() throws {
        let a = try Architecture(layers: [2, 300, 300, 1], activation: .tanh, bias: .perNeuron)
        let network = Network.seeded(a, seed: 3), batch = [Sample(inputs: [0.5, -0.2], targets: [1])]
        let check = GradientCheck(network, batch: batch, around: 50_000)
        #expect(check.total == a.weightCount + a.biasCount && check.checked < check.total && check.checked >= 10)
        #expect(check.rows.contains { $0.target == .weight(50_000) } && check.rows.allSatisfy(\.passes))
        let small = GradientCheck(.post, batch: DataSet.post.training)
        #expect(small.checked == 10 && small.total == 10, "a small network is checked whole")
    }

    @Test func anEpochIsAPassAndItsLastBatchMayBeSmaller() throws {
        let a = try Architecture(layers: [1, 2, 1], bias: .perNeuron)
        let network = try Network(a, weights: [0.1, -0.2, 0.3, 0.4], biases: [0, 0, 0])
        let data = DataSet(training: (0 ..< 10).map { Sample(inputs: [Double($0) / 10], targets: [Double($0 % 2)]) })
        var trainer = Trainer(network, data: data, settings: TrainingSettings(learningRate: 0.1, batch: 3))
        #expect(trainer.nextBatch.count == 3)
        trainer.train(updates: 3)
        #expect(trainer.nextBatch.count == 1 && trainer.epoch == 0 && trainer.position == 9)
        trainer.train(updates: 1)
        #expect(trainer.epoch == 1 && trainer.position == 0 && trainer.trainingError.count == 2)
        trainer.train(epochs: 2)
        #expect(trainer.iteration == 12 && trainer.trainingError.count == 4)
        var whole = Trainer(network, data: data, settings: TrainingSettings(batch: nil))
        whole.train(updates: 5)
        #expect(whole.epoch == 5)
    }

    @Test func shufflingIsSeededAndReplays() throws {
        let data = try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, samples: 100, seed: 3)
        let a = try Architecture(layers: [2, 4, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        let network = try Network(a, weights: (0 ..< a.weightCount).map { Double($0 % 5) / 10 - 0.2 },
                                         biases: Array(repeating: 0.1, count: a.biasCount))
        let settings = TrainingSettings(learningRate: 0.03, batch: 10, shuffle: true, seed: 9)
        var one = Trainer(network, data: data, settings: settings), two = one
        one.train(epochs: 3)
        two.train(epochs: 3)
        #expect(one.network == two.network)
        var unshuffled = Trainer(network, data: data, settings: TrainingSettings(learningRate: 0.03, batch: 10))
        unshuffled.train(epochs: 3)
        #expect(unshuffled.network != one.network)
    }

    @Test func xorIsLearnedByTwoFiveOne() throws {
        let a = try Architecture(layers: [2, 5, 1], bias: .perNeuron)
        var random = SplitMix64(seed: 5)
        let network = try Network(a, weights: (0 ..< 15).map { _ in Double.random(in: -1 ... 1, using: &random) },
                                         biases: Array(repeating: 0, count: 6))
        let data = try BuiltInData.xor.make(outputs: 1, outputActivation: .logistic)
        #expect(data.training.map(\.targets) == [[0], [1], [1], [0]] && data.test.isEmpty)
        var trainer = Trainer(network, data: data, settings: TrainingSettings(learningRate: 2, trainBiases: true))
        trainer.train(epochs: 2_000)
        #expect(trainer.trainingError.latest < 0.01, "\(trainer.trainingError.latest)")
        let outputs = data.training.map { ForwardPass(trainer.network, $0).outputs[0] }
        #expect(outputs.map { $0 > 0.5 } == [false, true, true, false])
    }

    @Test func playgroundsSetsAreShapedAsPlaygroundMakesThem() throws {
        let circle = try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, samples: 500, seed: 1)
        #expect(circle.training.count == 250 && circle.test.count == 250, "half for testing by default")
        for sample in circle.training + circle.test {
            let r = (sample.inputs[0] * sample.inputs[0] + sample.inputs[1] * sample.inputs[1]).squareRoot()
            #expect(sample.targets == [r < 2.5 ? 1 : -1] && (r <= 2.5 || (r >= 3.5 && r <= 5)))
        }
        let quadrants = try BuiltInData.quadrants.make(outputs: 1, outputActivation: .logistic, samples: 200, testFraction: 0)
        #expect(quadrants.training.allSatisfy { $0.targets == [$0.inputs[0] * $0.inputs[1] >= 0 ? 1 : 0] && abs($0.inputs[0]) >= 0.3 })
        let gauss = try BuiltInData.gauss.make(outputs: 2, outputActivation: .softmax, samples: 400, testFraction: 0)
        let positives = gauss.training.filter { $0.targets == [1, 0] }
        #expect(positives.count == 200)
        let meanX = positives.reduce(0) { $0 + $1.inputs[0] } / 200
        #expect(abs(meanX - 2) < 0.2, "\(meanX)")
        let spiral = try BuiltInData.spiral.make(outputs: 1, outputActivation: .tanh, samples: 300)
        #expect((spiral.training + spiral.test).allSatisfy { ($0.inputs[0] * $0.inputs[0] + $0.inputs[1] * $0.inputs[1]).squareRoot() <= 5 })
        #expect(try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, seed: 1) == circle, "seeded")
    }

    /// Clusters: a class a softmax output, each round a point of the circle of radius 3.
    @Test func clustersAreAsManyClassesAsTheSoftmaxOutputs() throws {
        let data = try BuiltInData.clusters.make(outputs: 4, outputActivation: .softmax, samples: 400)
        #expect(data.training.count == 200 && data.test.count == 200)
        for k in 0 ..< 4 {
            let members = data.all.filter { $0.targets == (0 ..< 4).map { $0 == k ? 1 : 0 } }
            #expect(members.count == 100)
            let angle = 2 * Double.pi * Double(k) / 4
            let mean = (members.reduce(0) { $0 + $1.inputs[0] } / 100, members.reduce(0) { $0 + $1.inputs[1] } / 100)
            #expect(abs(mean.0 - 3 * cos(angle)) < 0.25 && abs(mean.1 - 3 * sin(angle)) < 0.25, "class \(k): \(mean)")
        }
        #expect(throws: DataSet.Refusal(description: "clusters are classes, one a softmax output; the network has 1 logistic output")) {
            try BuiltInData.clusters.make(outputs: 1, outputActivation: .logistic)
        }
        #expect(try BuiltInData.clusters.make(outputs: 3, outputActivation: .softmax, seed: 2)
            != BuiltInData.clusters.make(outputs: 3, outputActivation: .softmax, seed: 3), "seeded")
    }

    @Test(arguments: [
        ("a,b,t\n1,2\n", "data.csv: line 2 has 2 columns, the header 3"),
        ("a,b,t\n1,x,0\n", "data.csv: line 2, column 2: \"x\" is not a finite decimal number"),
        // Swift reads hexadecimal: a cell 0x10 was the target 16.
        ("a,b,t\n1,2,0x10\n", "data.csv: line 2, column 3: \"0x10\" is not a finite decimal number"),
        ("a,b,t\n1,0x1p-2,0\n", "data.csv: line 2, column 2: \"0x1p-2\" is not a finite decimal number"),
        ("a,b\n1,2\n", "data.csv: line 1 has 2 columns; the layers need 2 inputs + 1 target = 3"),
        ("", "data.csv: is empty; expected a header row and samples"),
        ("a,b,t\n", "data.csv: has a header but no samples"),
    ])
    func badCSVIsNamedByLineAndColumn(text: String, message: String) {
        #expect(throws: DataSet.Refusal(description: message)) { try DataSet.csv(text, inputs: 2, outputs: 1, name: "data.csv") }
    }

    @Test func targetsMustFitTheOutputs() {
        #expect(throws: DataSet.Refusal(description: "a two-class set needs 1 output, got 3")) {
            try BuiltInData.xor.make(outputs: 3, outputActivation: .logistic)
        }
        #expect(throws: DataSet.Refusal(description: "the test fraction must be in [0, 1), got 1.0")) {
            try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, testFraction: 1)
        }
    }
}

/// The trainer's fast kernel against the readable `Step`, bit for bit.
@Suite struct KernelTests {
    /// The error now mid-epoch comes from the kernel, bit for bit the readable mean.
    @Test func theErrorNowMidEpochIsTheReadableMeanBitForBit() throws {
        let data = try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, samples: 200, seed: 4)
        let a = try Architecture(layers: [2, 6, 3, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        var trainer = Trainer(Network.seeded(a, seed: 4), data: data, settings: TrainingSettings(learningRate: 0.1, order: .textbook, trainBiases: true, batch: 7))
        trainer.train(updates: 5)
        #expect(trainer.position != 0)
        #expect(trainer.currentError.bitPattern == Trainer.meanLoss(trainer.network, data.training).bitPattern)
        #expect(trainer.currentTestError?.bitPattern == Trainer.meanLoss(trainer.network, data.test).bitPattern)
        #expect(trainer.accuracy() == trainer.network.accuracy(on: data.training))
        #expect(trainer.accuracy(test: true) == trainer.network.accuracy(on: data.test))
        let softmax = try Architecture(layers: [2, 4, 3], outputActivation: .softmax, loss: .crossEntropy, bias: .perNeuron)
        let samples: [Sample] = (0 ..< 30).map { (i: Int) -> Sample in
            let targets: [Double] = (0 ..< 3).map { (k: Int) -> Double in k == i % 3 ? 1 : 0 }
            return Sample(inputs: [Double(i % 5), Double(i % 7)], targets: targets)
        }
        let classes = DataSet(training: samples)
        var three = Trainer(Network.seeded(softmax, seed: 2), data: classes, settings: TrainingSettings(order: .textbook, trainBiases: true))
        three.train(updates: 40)
        #expect(three.accuracy() == three.network.accuracy(on: classes.training))
    }

    @Test(arguments: EngineTests.cases)
    func theKernelTrainsBitForBitLikeTheReadableStep(c: EngineTests.Case) {
        let (network, samples) = EngineTests.random(c)
        let settings = TrainingSettings(learningRate: 0.1, order: c.order, trainBiases: true, batch: c.batch)
        var trainer = Trainer(network, data: DataSet(training: samples), settings: settings)
        var readable = network
        for update in 0 ..< 39 {
            let batch = trainer.nextBatch
            readable = Step(readable, batch: batch, learningRate: 0.1, order: c.order, trainBiases: true).after
            trainer.train(updates: 1)
            #expect(trainer.network == readable, "update \(update + 1)")
        }
        #expect(trainer.trainingError.latest.bitPattern == Trainer.meanLoss(readable, samples).bitPattern)
    }

    /// Batches wider than the 32 samples the kernel computes side by side for the loss, a
    /// training and a test error over several such chunks, shuffled epochs.
    @Test(arguments: [1, 7, 40, 60])
    func theKernelMatchesTheReadableStepOnBigShuffledBatches(batch: Int) throws {
        let data = try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, samples: 150, seed: 8)
        let a = try Architecture(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        var random = SplitMix64(seed: 4)
        let network = try Network(a, weights: (0 ..< a.weightCount).map { _ in Double.random(in: -1 ..< 1, using: &random) },
                                         biases: (0 ..< a.biasCount).map { _ in Double.random(in: -1 ..< 1, using: &random) })
        let settings = TrainingSettings(learningRate: 0.03, order: .textbook, trainBiases: true, batch: batch, shuffle: true, seed: 3)
        var trainer = Trainer(network, data: data, settings: settings)
        var readable = network
        while trainer.epoch < 2 {
            readable = Step(readable, batch: trainer.nextBatch, learningRate: 0.03, order: .textbook, trainBiases: true).after
            trainer.train(updates: 1)
        }
        #expect(trainer.network == readable)
        #expect(trainer.trainingError.latest.bitPattern == Trainer.meanLoss(readable, data.training).bitPattern)
        #expect(trainer.testError?.latest.bitPattern == Trainer.meanLoss(readable, data.test).bitPattern)
    }

    /// The engine's tanh against the C library's: at most 2 units in the last place apart,
    /// exact at the edges.
    @Test func hyperbolicTangentIsWithinTwoUlpOfTheLibrarys() {
        var random = SplitMix64(seed: 1)
        var worst = 0.0
        for k in 0 ..< 200_000 {
            let x = k.isMultiple(of: 2) ? Double.random(in: -6 ..< 6, using: &random)
                : Double.random(in: -1 ..< 1, using: &random) * pow(2, -Double(k % 60))
            let library = Foundation.tanh(x)
            worst = max(worst, abs(hyperbolicTangent(x) - library) / library.magnitude.ulp)
        }
        #expect(worst <= 2, "\(worst) ulp")
        #expect(hyperbolicTangent(0).bitPattern == (0.0).bitPattern && hyperbolicTangent(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(hyperbolicTangent(.infinity) == 1 && hyperbolicTangent(-.infinity) == -1 && hyperbolicTangent(800) == 1)
        #expect(hyperbolicTangent(.nan).isNaN)
        #expect(hyperbolicTangent(1e-300) == 1e-300)
    }

    @Test(arguments: [false, true])
    func theKernelKeepsFixedBiasesFixed(trainBiases: Bool) {
        let c = EngineTests.Case(layers: [2, 3, 1], hidden: .tanh, output: .logistic, loss: .halfSquared, bias: .shared,
                                  batch: 2, order: .textbook, seed: 12)
        let (network, samples) = EngineTests.random(c)
        var trainer = Trainer(network, data: DataSet(training: samples),
                                     settings: TrainingSettings(order: .textbook, trainBiases: trainBiases, batch: 2))
        trainer.train(updates: 5)
        #expect((trainer.network.biases == network.biases) == !trainBiases)
    }
}

/// Schema v2: a file holds a layered run so that it continues exactly.
@Suite struct RunConfigTests {
    @Test func aSavedRunContinuesBitForBit() throws {
        let data = try BuiltInData.circle.make(outputs: 1, outputActivation: .tanh, samples: 120, seed: 4)
        let a = try Architecture(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, bias: .perNeuron)
        let network = try Network(a, weights: (0 ..< a.weightCount).map { Double($0 % 7) / 10 - 0.3 },
                                         biases: Array(repeating: 0.1, count: a.biasCount))
        let settings = TrainingSettings(learningRate: 0.03, order: .textbook, trainBiases: true, batch: 7, shuffle: true, seed: 5)
        var straight = Trainer(network, data: data, settings: settings), first = straight
        straight.train(updates: 200)
        first.train(updates: 150)
        let json = try JSONEncoder().encode(RunConfig(first))
        let file = try RunConfig.decode(json)
        #expect(file == RunConfig(first))
        let restored = try #require(try file.network())
        let restoredSettings = TrainingSettings(learningRate: file.learningRate!, order: file.order!, trainBiases: file.trainBiases!,
                                               batch: file.batch?.size, shuffle: file.shuffle!, seed: file.seed!)
        var continued = Trainer(restored, data: DataSet(training: file.samples!, test: file.testSamples ?? []),
                                       settings: restoredSettings, iteration: file.iteration!, epoch: file.epoch!, position: file.position!)
        continued.train(updates: 50)
        #expect(continued.iteration == 200 && continued.epoch == straight.epoch && continued.position == straight.position)
        #expect(continued.network == straight.network)
        #expect(continued.trainingError.latest.bitPattern == straight.trainingError.latest.bitPattern)
    }

    @Test(arguments: [
        (#"{"layers": [2, 5, 1], "weights": [1, 2]}"#, "layers 2,5,1 need 15 weights, got 2"),
        (#"{"layers": [2, 5, 1], "hiddenWeights": [1, 2, 3, 4]}"#, "unknown key \"hiddenWeights\" with \"layers\" (it belongs to the post's 2-2-2 schema; use weights and biases)"),
        (#"{"layers": [2, 0, 1]}"#, "key \"layers\" 2,0,1: layer 1 has size 0; every layer needs at least 1 neuron"),
        (#"{"layers": [2, 3, 1], "batch": 0}"#, "key \"batch\" must be a number of 1 or more, or \"all\""),
        (#"{"layers": [2, 3, 1], "learningRate": -1}"#, "key \"learningRate\" must be a finite number above 0, got -1.0"),
        (#"{"layers": [2, 3, 1], "samples": [{"inputs": [1, 2]}]}"#, "key \"samples[0].targets\" is missing"),
        (#"{"layers": [2, 3, 1], "samples": [{"inputs": [1, "a"], "targets": [1]}]}"#, "key \"samples[0].inputs[1]\" has the wrong type"),
        (#"{"layers": [2, 3, 1], "regularization": "l7"}"#,
         #"key "regularization" has the wrong type (expected an object such as {"kind": "l2", "rate": 0.001, "clipsAtZero": false})"#),
        (#"{"layers": [2, 3, 1], "samples": [{"inputs": [1, 2], "targets": [1], "extra": 1}]}"#,
         "key \"samples[0].extra\" is not one of a sample's (inputs, targets)"),
        (#"{"layers": [2, 3, 1], "activation": "sigmoid"}"#,
         "key \"activation\" has a value it cannot take (expected logistic, tanh, relu, linear, softmax)"),
        (#"{"layers": [2, 3, 1], "order": "random"}"#, "key \"order\" has a value it cannot take (expected published, textbook)"),
        (#"{"layers": [2, 3, 1], "seed": -1}"#, "key \"seed\" must be a whole number of 0 or more"),
        (#"{"layers": [2, 3, 1], "position": 1.5}"#, "key \"position\" must be a whole number of 0 or more"),
        (#"{"layers": [2, 3.5, 1]}"#, "key \"layers\" must be a list of whole layer sizes, such as [2, 3, 1]"),
    ])
    func badV2FilesSayWhatIsWrong(text: String, message: String) {
        #expect(throws: ConfigError(message)) {
            let file = try RunConfig.decode(Data(text.utf8))
            _ = try file.network()
        }
    }
}
