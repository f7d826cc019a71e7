import BackpropEngine

/// What the panes show of the engine, computed once per change of the network: the next
/// update in the run's order and in the other, and every sample's forward pass when there
/// are few enough to list.
public struct Derived: Sendable {
    /// The next update: its batch's forward passes, δ's, mean gradient and result.
    public let next: Step
    /// The same update in the other order, for explain's side-by-side columns: computed only
    /// while explain is open (on a large network each step is a pass over every weight).
    public let otherOrder: Step?
    /// The next batch.
    public let batch: [Sample]
    /// Forward passes of the data view table's rows, when they are `listed` (the data view is
    /// open, or the run has at most `listedSamples` samples); nil where they take longer than a frame.
    public let samples: SampleRows?
    /// The table's first row asked for, and whether its rows were asked for at all.
    let tableFirst: Int, listed: Bool
    public let network: Network
    public let settings: TrainingSettings
    /// The share of training (and test) samples on the right side, for class labels; where a
    /// pass over every sample would take more than a frame, of an even spread of at most
    /// `estimatedSamples` of them, as many as a frame's work allows (`accuracyIsEstimate`).
    public let accuracy: (training: Double, test: Double?)?
    public let accuracyIsEstimate: Bool
    static let estimatedSamples = 2_000
    /// A softmax network's confusion matrices of the training (and test) samples (see
    /// `Network.confusion`).
    public let confusion: (training: [[Int]], test: [[Int]]?)?
    /// The training and test errors of the network now (mid-epoch too), or, where a pass over
    /// every sample would take more than a frame, of the even spread accuracy is estimated on
    /// (`errorIsEstimate`), or past even that the last epoch's (`errorIsNow` false).
    public let error: Double, testError: Double?
    public let errorIsNow: Bool, errorIsEstimate: Bool
    /// Backprop against central differences on the next batch, while the check is open.
    public let gradientCheck: GradientCheck?

    public static let listedSamples = 32

    /// What the panes ask to be derived.
    struct Request: Sendable, Equatable {
        var classification: Bool, checking: Bool, explaining = true, around = 0, tableFirst = 0, listed = true
    }

    /// What this was derived for.
    let request: Request

    init(_ trainer: Trainer, classification: Bool, checking: Bool, explaining: Bool = true, around: Int = 0, tableFirst: Int = 0,
         listed: Bool = true) {
        self.init(trainer, Request(classification: classification, checking: checking, explaining: explaining, around: around,
                                   tableFirst: tableFirst, listed: listed))
    }

    init(_ trainer: Trainer, _ request: Request) {
        self.request = request
        let (classification, checking, explaining, around, tableFirst, listed) = (request.classification, request.checking,
            request.explaining, request.around, request.tableFirst, request.listed)
        let network = trainer.network, settings = trainer.settings, data = trainer.data
        let a = network.architecture
        let passes = a.weightCount.multipliedReportingOverflow(by: data.training.count + data.test.count)
        let withinAFrame = !passes.overflow && passes.partialValue <= Timing.frameWork
        errorIsNow = trainer.position == 0 || withinAFrame
        let estimate = withinAFrame ? nil : Self.spread(data, a)
        accuracyIsEstimate = classification && !withinAFrame
        accuracy = !classification ? nil : withinAFrame ? (trainer.accuracy(), data.test.isEmpty ? nil : trainer.accuracy(test: true))
            : estimate.map { (network.accuracy(on: $0.training), $0.test.map(network.accuracy)) }
        confusion = classification && withinAFrame && a.outputActivation == .softmax
            ? (network.confusion(on: data.training), data.test.isEmpty ? nil : network.confusion(on: data.test)) : nil
        errorIsEstimate = !errorIsNow && estimate != nil
        error = errorIsNow ? trainer.currentError : estimate.map { Trainer.meanLoss(network, $0.training) } ?? trainer.trainingError.latest
        testError = errorIsNow ? trainer.currentTestError
            : estimate.map { $0.test.map { Trainer.meanLoss(network, $0) } } ?? trainer.testError?.latest
        batch = trainer.nextBatch
        self.network = network
        self.settings = settings
        next = Step(network, batch: batch, learningRate: settings.learningRate, order: settings.order,
                    trainBiases: settings.trainBiases, penalty: settings.regularization, dead: trainer.dead)
        otherOrder = explaining ? Step(network, batch: batch, learningRate: settings.learningRate,
                                       order: settings.order == .published ? .textbook : .published, trainBiases: settings.trainBiases,
                                       penalty: settings.regularization, dead: trainer.dead) : nil
        gradientCheck = checking ? GradientCheck(network, batch: batch, around: around) : nil
        self.tableFirst = tableFirst
        self.listed = listed || data.training.count + data.test.count <= Self.listedSamples
        samples = self.listed ? SampleRows(network, data, from: tableFirst) : nil
    }

    /// An even spread of the training and test samples, at most `estimatedSamples` of each and
    /// half a frame's work: what a run too large to score each frame is estimated on; nil
    /// where not even one sample fits.
    static func spread(_ data: DataSet, _ a: Architecture) -> (training: [Sample], test: [Sample]?)? {
        let count = min(estimatedSamples, Timing.frameWork / 2 / max(1, a.weightCount + a.biasCount))
        guard count > 0 else { return nil }
        func spread(_ samples: [Sample]) -> [Sample] {
            let step = max(1, (samples.count + count - 1) / count)
            return Swift.stride(from: 0, to: samples.count, by: step).map { samples[$0] }
        }
        return (spread(data.training), data.test.isEmpty ? nil : spread(data.test))
    }

    func isCurrent(for trainer: Trainer, tableFirst: Int) -> Bool {
        settings == trainer.settings && network == trainer.network && batch == trainer.nextBatch && self.tableFirst == tableFirst
    }
}

/// The forward passes of the data view table's rows: every sample, training then test, when
/// there are at most `Derived.listedSamples`, otherwise that many from a first row.
public struct SampleRows: Sendable {
    public let first: Int
    public let passes: [ForwardPass]
    /// Whether the rows are every sample.
    public var isWhole: Bool { first == 0 && passes.count == total }
    public let total: Int

    /// Nil where the rows' passes would take longer than a frame.
    init?(_ network: Network, _ data: DataSet, from requested: Int) {
        let a = network.architecture
        total = data.training.count + data.test.count
        let count = min(total, Derived.listedSamples)
        let work = (a.weightCount + a.biasCount).multipliedReportingOverflow(by: count)
        guard !work.overflow, work.partialValue <= Timing.frameWork else { return nil }
        first = min(max(0, requested), total - count)
        passes = (first ..< first + count).map { ForwardPass(network, data.sample($0)) }
    }
}

extension DataSet {
    /// Sample i of every sample, training then test.
    public func sample(_ i: Int) -> Sample { i < training.count ? training[i] : test[i - training.count] }
}

/// The data view's maps: the shown output over the input plane (or line), and the selected
/// neuron's own.
public struct DataMaps: Sendable, Equatable {
    public internal(set) var output: OutputMap
    public internal(set) var neuron: OutputMap?

    var isComplete: Bool { output.isComplete && neuron?.isComplete ?? true }

    /// Whether both maps cover the same cells of the same neurons as `other`'s.
    func sameCells(as other: DataMaps) -> Bool {
        func same(_ a: OutputMap?, _ b: OutputMap?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.columns == b.columns && a.rows == b.rows && a.mapped == b.mapped && a.plane == b.plane && a.x == b.x && a.y == b.y
        }
        return same(output, other.output) && same(neuron, other.neuron)
    }
}

/// The data view's maps being computed a slice at a time, of the network as it was when they
/// began: a large network's map takes longer than a frame.
struct MapsInProgress: Sendable {
    let network: Network, iteration: Int
    var maps: DataMaps

    /// The share of cells computed.
    var done: Double {
        let total = maps.output.columns * maps.output.rows + (maps.neuron.map { $0.columns * $0.rows } ?? 0)
        return Double(maps.output.values.count + (maps.neuron?.values.count ?? 0)) / Double(max(1, total))
    }

    /// Computes the cells a slice's work allows (at least one), the output's map first.
    mutating func advance() {
        let a = network.architecture
        var cells = max(1, Timing.sliceWork / max(1, a.weightCount + a.biasCount))
        let before = maps.output.values.count
        maps.output.extend(network, cells: cells)
        cells -= maps.output.values.count - before
        if cells > 0 { maps.neuron?.extend(network, cells: cells) }
    }
}
