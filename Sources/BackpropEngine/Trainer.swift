/// How a network trains: η, the update order, whether biases learn, the batch size (nil: the
/// whole training set), whether and how the samples are shuffled each epoch, whether an
/// epoch's last partial batch is carried into the next epoch's first update (Playground's
/// batching) instead of being an update of its own, and a penalty on the weights.
public struct TrainingSettings: Sendable, Equatable {
    public var learningRate: Double
    public var order: UpdateOrder
    public var trainBiases: Bool
    public var batch: Int?
    public var shuffle: Bool
    public var seed: UInt64
    public var carriesPartialBatch: Bool
    public var regularization: Regularization?

    public init(learningRate: Double = 0.5, order: UpdateOrder = .published, trainBiases: Bool = false,
                batch: Int? = 1, shuffle: Bool = false, seed: UInt64 = 1, carriesPartialBatch: Bool = false,
                regularization: Regularization? = nil) {
        self.learningRate = learningRate
        self.order = order
        self.trainBiases = trainBiases
        self.batch = batch
        self.shuffle = shuffle
        self.seed = seed
        self.carriesPartialBatch = carriesPartialBatch
        self.regularization = regularization
    }
}

/// A penalty on the weights (never the biases), applied after each update's data step, as
/// Playground applies it: w ← w − η·λ·R′(w), R′ taken at the weight before the update
/// (L1: sign w, 0 at 0; L2: w).
public struct Regularization: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case l1, l2 }
    public var kind: Kind
    /// λ.
    public var rate: Double
    /// L1 as Playground does it: a weight the penalty pushes across 0 becomes 0 and is dead
    /// from then on (no more gradient, no more updates). Without it, plain subgradient descent.
    public var clipsAtZero: Bool

    public init(kind: Kind, rate: Double, clipsAtZero: Bool = true) {
        self.kind = kind
        self.rate = rate
        self.clipsAtZero = clipsAtZero
    }

    /// R′(w).
    public func slope(_ w: Double) -> Double {
        switch kind {
        case .l1: w < 0 ? -1 : w > 0 ? 1 : 0
        case .l2: w
        }
    }

    /// The penalties by the names the command line takes: L1 as Playground does it (a weight
    /// pushed across 0 dies) or as plain subgradient descent, and L2.
    public enum Choice: String, CaseIterable, Sendable {
        case none, l1, l1Subgradient = "l1-subgradient", l2
    }

    /// The penalty a choice names at rate λ (nil for none).
    public static func chosen(_ choice: Choice, rate: Double) -> Regularization? {
        switch choice {
        case .none: nil
        case .l1: Regularization(kind: .l1, rate: rate)
        case .l1Subgradient: Regularization(kind: .l1, rate: rate, clipsAtZero: false)
        case .l2: Regularization(kind: .l2, rate: rate)
        }
    }

    public var choice: Choice { kind == .l2 ? .l2 : clipsAtZero ? .l1 : .l1Subgradient }

    /// A weight after the penalty: `data` (after the data step) less η·λ·R′(`before`); with
    /// clipping, 0 and dead where L1 pushed it across 0.
    public func applied(to data: Double, before: Double, η: Double) -> (value: Double, dies: Bool) {
        let penalized = data - η * rate * slope(before)
        return clipsAtZero && kind == .l1 && data * penalized < 0 ? (0, true) : (penalized, false)
    }
}

/// Trains a layered network on a data set. An iteration is one update (the mean gradient of
/// a batch); an epoch is one pass over the training samples, whose last batch may be
/// smaller. The training error (the mean loss over the training samples), and the test
/// error when there is a test split, are recorded at the end of every epoch, never after
/// every update: for the post's one sample with batch 1 that is every iteration.
public struct Trainer: Sendable {
    public let start: Network
    /// The samples; a run of one sample may have its inputs and targets edited.
    public private(set) var data: DataSet
    /// The samples before any edit: where a restarted run begins.
    public let firstData: DataSet
    public private(set) var settings: TrainingSettings
    /// The network now: its numbers live in `weights` and `biases`, which the kernel updates
    /// in place.
    public var network: Network { Network(unchecked: start.architecture, weights: weights, biases: biases) }
    private var weights: [Double], biases: [Double]
    private var kernel: Kernel
    public private(set) var iteration = 0
    public private(set) var epoch = 0
    /// How many samples of the current epoch have been trained on.
    public private(set) var position = 0
    /// The training error at the end of each epoch (index 0: before any update).
    public private(set) var trainingError = ErrorHistory()
    public private(set) var testError: ErrorHistory?
    public private(set) var divergence: Divergence?
    /// The weights and biases before the update that made the current ones: ▲▼ and Δ last
    /// (nil at iteration 0, right after an edit, and after a divergence).
    public private(set) var previous: (weights: [Double], biases: [Double])?
    /// Whether the kernel's scratch holds the forward pass of the current network over the
    /// next batch (the epoch's loss was just computed over that same batch), so the next
    /// update need not compute it again.
    private var forwardHeld = false
    private var order: [Int]
    private var random: SplitMix64
    /// η and the penalty's λ before any edit: where a restarted run begins.
    public let firstLearningRate: Double
    let firstPenaltyRate: Double?

    /// A trainer at `iteration`, `epoch` and `position` of a run of these settings, the
    /// epoch's sample order replayed from the seed: it continues exactly where that run
    /// stood. Its error history starts there.
    public init(_ network: Network, data: DataSet, settings: TrainingSettings, iteration: Int, epoch: Int, position: Int,
                dead: [Int] = []) {
        self.init(network, data: data, settings: settings, iteration: iteration, epoch: epoch, position: position, dead: dead, known: nil)
    }

    /// As above, the start's errors `known` (a reset's) instead of measured over every sample.
    private init(_ network: Network, data: DataSet, settings: TrainingSettings, iteration: Int, epoch: Int, position: Int,
                 dead: [Int], known: StartErrors?, kernel: Kernel? = nil) {
        self.init(network, data: data, settings: settings, known: known, kernel: kernel)
        for k in dead where self.dead.indices.contains(k) { self.dead[k] = true }
        originDead = dead
        if settings.shuffle {
            for _ in 0 ..< epoch { order.shuffle(using: &random) }
        }
        self.iteration = iteration
        self.epoch = epoch
        self.position = min(position, max(0, order.count - 1))
        origin = (iteration, epoch, self.position)
    }

    /// Where this run's timeline starts: iteration 0, or where a loaded file's run stood. Going
    /// back, resetting and the error history all start there.
    public private(set) var origin = (iteration: 0, epoch: 0, position: 0)

    public init(_ network: Network, data: DataSet, settings: TrainingSettings) {
        self.init(network, data: data, settings: settings, known: nil)
    }

    /// The start network's errors, as its run first recorded them: a reset (and a replay from
    /// the start) takes them instead of a pass over every sample, seconds on a large network.
    struct StartErrors: Sendable {
        let training: Double, test: Double?
    }

    private var startErrors: StartErrors?

    private init(_ network: Network, data: DataSet, settings: TrainingSettings, known: StartErrors?, kernel reused: Kernel? = nil) {
        start = network
        self.data = data
        firstData = data
        self.settings = settings
        firstLearningRate = settings.learningRate
        firstPenaltyRate = settings.regularization?.rate
        weights = network.weights
        biases = network.biases
        order = Array(data.training.indices)
        // Room for the largest update: a batch, and with Playground's batching the last epoch's tail before it.
        let size = max(1, min(settings.batch ?? order.count, order.count))
        let capacity = size + (settings.carriesPartialBatch ? order.count % size : 0)
        kernel = reused.flatMap { $0.capacity == capacity ? $0 : nil } ?? Kernel(network.architecture, data: data, batch: capacity)
        if settings.regularization?.clipsAtZero == true { dead = [Bool](repeating: false, count: weights.count) }
        random = SplitMix64(seed: settings.seed)
        testError = data.test.isEmpty ? nil : ErrorHistory()
        if settings.shuffle { order.shuffle(using: &random) }
        recordEpoch(known: known)
        if divergence == nil { startErrors = StartErrors(training: trainingError.latest, test: testError?.latest) }
    }

    /// The mean loss of `network` over `samples`.
    public static func meanLoss(_ network: Network, _ samples: [Sample]) -> Double {
        samples.reduce(0) { $0 + ForwardPass(network, $1).loss } / Double(max(1, samples.count))
    }

    /// The training error of the network now: the last epoch's at an epoch's end, the mean
    /// loss of the current network mid-epoch.
    public var currentError: Double {
        position == 0 && !editedSinceRecord ? trainingError.latest : fastLoss(test: false)
    }

    /// The test error of the network now, when there is a test split.
    public var currentTestError: Double? {
        guard let testError else { return nil }
        return position == 0 && !editedSinceRecord ? testError.latest : fastLoss(test: true)
    }

    /// The mean loss of the network now through the kernel, bit for bit `meanLoss` at a
    /// fraction of its cost (on a copy: the trainer's scratch stays as it is).
    private func fastLoss(test: Bool) -> Double {
        var kernel = kernel
        return kernel.meanLoss(weights, biases, test: test)
    }

    /// The fraction of the training (or test) samples the network now gets right, through the
    /// kernel: the same count as `network.accuracy(on:)`.
    public func accuracy(test: Bool = false) -> Double {
        var kernel = kernel
        return kernel.accuracy(weights, biases, test: test, activation: start.architecture.outputActivation)
    }

    /// Updates left until the current epoch ends.
    public var updatesLeftInEpoch: Int {
        (order.count - tail - position + batchSize - 1) / batchSize
    }

    /// The samples of the next update.
    public var nextBatch: [Sample] { nextRows.map { data.training[$0] } }

    /// The weights the penalty has made 0 for good (Playground's L1); empty without one.
    public private(set) var dead: [Bool] = []
    /// Whether weight `k` is dead.
    public func isDead(weight k: Int) -> Bool { dead.indices.contains(k) && dead[k] }

    /// The end of the last epoch whose errors were finite (small networks only).
    private var lastFiniteEpoch: EpochEnd?
    /// The weights dead where the run's timeline starts (a loaded run's).
    private var originDead: [Int] = []

    private var batchSize: Int { max(1, min(settings.batch ?? order.count, order.count)) }

    /// Samples an epoch leaves to the next epoch's first update: with Playground's batching,
    /// those after the last full batch.
    private var tail: Int { settings.carriesPartialBatch ? order.count % batchSize : 0 }

    /// The training rows of the next update: the epoch's next batch, after the last epoch's
    /// tail at an epoch's start.
    private var nextRows: ArraySlice<Int> {
        let rows = order[position ..< position + min(batchSize, order.count - position)]
        guard tail > 0, position == 0, epoch > 0 else { return rows }
        return ArraySlice(order[(order.count - tail)...] + rows)
    }

    /// Whether the run stands at 2^53 updates, the most any run takes.
    public var isAtLastCount: Bool { iteration >= RunConfig.largestCount }

    /// Takes up to `updates` updates, stopping early on divergence; returns how many it took.
    @discardableResult
    public mutating func train(updates: Int) -> Int {
        // No run counts past 2^53, where a saved run could no longer be read back.
        let updates = min(updates, max(0, RunConfig.largestCount - iteration))
        var taken = 0
        while taken < updates, divergence == nil {
            if isWholeBatch, testError == nil {
                taken += trainWholeBatches(updates - taken)
                continue
            }
            let rows = nextRows, size = min(batchSize, order.count - position)
            // A network past `previousLimit` keeps no copy: ▲▼ would cost a copy of it a call.
            let before = taken == updates - 1 && weights.count <= Self.previousLimit ? (weights, biases) : nil
            let held = forwardHeld
            forwardHeld = false
            guard kernel.update(&weights, &biases, batch: rows, η: settings.learningRate, order: settings.order,
                                trainBiases: settings.trainBiases, penalty: settings.regularization, dead: &dead,
                                forwardDone: held) else {
                divergence = Divergence(iteration: iteration + 1, learningRate: settings.learningRate)
                previous = nil
                returnToLastFiniteEpoch()
                break
            }
            if let before { previous = before } else if taken == 0 { previous = nil }
            iteration += 1
            taken += 1
            position += size
            if position == order.count - tail {
                epoch += 1
                position = 0
                if settings.shuffle { order.shuffle(using: &random) }
                recordEpoch()
            }
            if nextEdit < edits.count, edits[nextEdit].iteration == iteration { applyDueEdits() }
        }
        return taken
    }

    /// The most weights a trainer copies to keep `previous` (8 MB of them).
    static let previousLimit = 1 << 20

    /// Errors are handed to the history in blocks of this many epochs.
    static let recordingBlock = 256

    /// Whether every epoch is one batch of the samples in their own order: the kernel then
    /// trains many epochs in one pass (`wholeBatchEpochs`).
    private var isWholeBatch: Bool {
        (settings.batch ?? order.count) >= order.count && (order.count == 1 || !settings.shuffle) && settings.regularization == nil
    }

    /// Up to `updates` whole-batch epochs, a block at a time, up to the next edit; returns
    /// how many it took (fewer on divergence).
    private mutating func trainWholeBatches(_ updates: Int) -> Int {
        let untilEdit = nextEdit < edits.count ? edits[nextEdit].iteration - iteration : Int.max
        let chunk = min(updates, untilEdit, Self.recordingBlock)
        let (η, order, biases) = (settings.learningRate, settings.order, settings.trainBiases), held = forwardHeld
        let done = withUnsafeTemporaryAllocation(of: Double.self, capacity: chunk) { block in
            let done = kernel.wholeBatchEpochs(&weights, &self.biases, η: η, order: order, trainBiases: biases, forwardDone: held,
                                               losses: block)
            trainingError.append(contentsOf: UnsafeBufferPointer(rebasing: block[0 ..< done]))
            return done
        }
        forwardHeld = true
        if done > 0 {
            previous = kernel.previousParameters
            editedSinceRecord = false
        }
        iteration += done
        epoch += done
        if done < chunk {
            divergence = Divergence(iteration: iteration + 1, learningRate: settings.learningRate)
        } else if nextEdit < edits.count, edits[nextEdit].iteration == iteration {
            applyDueEdits()
        }
        return done
    }

    /// Every edit made so far, by iteration: replayed when a restarted run passes it.
    public private(set) var edits: [Edit] = []
    /// The first edit not yet applied.
    private var nextEdit = 0
    /// Whether an edit changed the network since the last epoch's errors were recorded.
    private var editedSinceRecord = false

    /// Edits still ahead of the current iteration (after going back).
    public var pendingEdits: ArraySlice<Edit> { edits[nextEdit...] }

    /// Sets a weight, a bias, η, the penalty's λ, or an input or target of a one-sample run at
    /// the current iteration and keeps the edit on the timeline (an edit ahead of here is
    /// forgotten); false, changing nothing, if the value is not finite (or η not above 0, λ
    /// below 0 or without a penalty, or the run has more than one sample).
    @discardableResult
    public mutating func edit(_ target: Edit.Target, to value: Double) -> Bool {
        guard value.isFinite, target != .learningRate || value > 0 else { return false }
        switch target {
        case .input, .target: guard data.training.count == 1, data.test.isEmpty else { return false }
        case .penaltyRate: guard settings.regularization != nil, value >= 0 else { return false }
        default: break
        }
        var edited = self
        edited.edits = edits.prefix(nextEdit).filter { $0.iteration != iteration || $0.target != target }
        edited.edits.append(Edit(iteration: iteration, target: target, value: value))
        edited.nextEdit = edited.edits.count
        edited.apply(edited.edits[edited.edits.count - 1])
        // A value that makes the network's error non-finite is refused, changing nothing.
        // At an epoch's end `apply` has already scored the edited network (and recorded it if finite).
        let scored = edited.position == 0 && !edited.editedSinceRecord
        guard scored || edited.kernel.meanLoss(edited.weights, edited.biases).isFinite else { return false }
        self = edited
        return true
    }

    /// The same run back at its origin with every edit forgotten: the samples and η it began with.
    public var reset: Trainer {
        var settings = settings
        settings.learningRate = firstLearningRate
        if let rate = firstPenaltyRate { settings.regularization?.rate = rate }
        // The same data's kernel serves as is: a new one zeroes its scratch (twice the weights).
        return Trainer(start, data: firstData, settings: settings, iteration: origin.iteration, epoch: origin.epoch,
                       position: origin.position, dead: originDead, known: startErrors, kernel: data == firstData ? kernel : nil)
    }

    /// The same run back at its origin, its edits kept to replay.
    public var restarted: Trainer {
        var fresh = reset
        fresh.edits = edits
        fresh.applyDueEdits()
        return fresh
    }

    private mutating func applyDueEdits() {
        while nextEdit < edits.count, edits[nextEdit].iteration == iteration {
            apply(edits[nextEdit])
            nextEdit += 1
        }
    }

    private mutating func apply(_ edit: Edit) {
        defer { recordEdited() }
        editedSinceRecord = true
        forwardHeld = false
        previous = nil
        switch edit.target {
        case .weight(let index): weights[index] = edit.value
        case .bias(let index): biases[index] = edit.value
        case .learningRate: settings.learningRate = edit.value
        case .penaltyRate: settings.regularization?.rate = edit.value
        case .input(let k), .target(let k):
            let sample = data.training[0]
            var inputs = sample.inputs, targets = sample.targets
            if case .input = edit.target { inputs[k] = edit.value } else { targets[k] = edit.value }
            data = DataSet(training: [Sample(inputs: inputs, targets: targets)])
            kernel = Kernel(start.architecture, data: data, batch: 1)
        }
    }

    /// At an epoch's end, the epoch records the errors of the network as edited (when they
    /// are finite: a refused edit is undone by its caller).
    private mutating func recordEdited() {
        guard position == 0 else { return }
        let error = kernel.meanLoss(weights, biases)
        guard error.isFinite else { return }
        trainingError.replaceLatest(error)
        if !data.test.isEmpty { testError?.replaceLatest(kernel.meanLoss(weights, biases, test: true)) }
        editedSinceRecord = false
    }

    /// Trains whole epochs (finishing the current one first counts as one).
    @discardableResult
    public mutating func train(epochs: Int) -> Int {
        let target = epoch + epochs
        var taken = 0
        // A whole epoch a call: what only the last update of a call keeps (`previous`) is kept once an epoch.
        while epoch < target, divergence == nil {
            let trained = train(updates: updatesLeftInEpoch)
            taken += trained
            if trained == 0 { break }
        }
        return taken
    }

    /// Records the epoch's errors, measured, or `known` (the start's, on a reset).
    private mutating func recordEpoch(known: StartErrors? = nil) {
        editedSinceRecord = false
        let test = known.map(\.test) ?? (data.test.isEmpty ? nil : kernel.meanLoss(weights, biases, test: true))
        // The training loss last, so that its forward pass stays in the kernel's scratch.
        let error = known?.training ?? kernel.meanLoss(weights, biases)
        guard error.isFinite, test?.isFinite != false else {
            divergence = Divergence(iteration: iteration, learningRate: settings.learningRate)
            returnToLastFiniteEpoch()
            return
        }
        trainingError.append(error)
        if let test { testError?.append(test) }
        if weights.count <= Self.previousLimit {
            lastFiniteEpoch = EpochEnd(weights: weights, biases: biases, iteration: iteration, epoch: epoch, order: order,
                                      random: random, nextEdit: nextEdit, dead: dead, settings: settings, data: data, kernel: kernel)
        }
        // When an epoch is one batch in the samples' own order, that pass is the next
        // update's forward pass: the update reuses it instead of computing it again.
        let size = settings.batch ?? order.count
        forwardHeld = known == nil && size >= order.count && order.count <= kernel.capacity && (order.count == 1 || !settings.shuffle)
    }
}

extension Trainer {
    /// Where the last epoch whose errors were finite ended: a run that diverges within the
    /// next one goes back there, so that the state shown has finite numbers.
    struct EpochEnd: Sendable {
        let weights: [Double], biases: [Double], iteration: Int, epoch: Int, order: [Int], random: SplitMix64, nextEdit: Int
        let dead: [Bool], settings: TrainingSettings, data: DataSet, kernel: Kernel
    }

    /// After a divergence detected mid-epoch (or at an epoch's end), the last finite epoch's
    /// end; the divergence stays recorded.
    private mutating func returnToLastFiniteEpoch() {
        guard let end = lastFiniteEpoch, !currentIsFinite else { return }
        (weights, biases, iteration, epoch, position) = (end.weights, end.biases, end.iteration, end.epoch, 0)
        (order, random, nextEdit, dead, settings, data, kernel) = (end.order, end.random, end.nextEdit, end.dead, end.settings, end.data, end.kernel)
        previous = nil
        forwardHeld = false
        editedSinceRecord = false
    }

    /// Whether the network now has a finite training (and test) error.
    private var currentIsFinite: Bool {
        fastLoss(test: false).isFinite && (data.test.isEmpty || fastLoss(test: true).isFinite)
    }
}

/// A value set by hand at an iteration: a weight, a bias, η or the penalty's λ.
public struct Edit: Sendable, Equatable {
    public enum Target: Sendable, Equatable, Hashable {
        case weight(Int), bias(Int), learningRate, penaltyRate
        /// An input or a target of a run's one sample.
        case input(Int), target(Int)
    }

    public let iteration: Int
    public let target: Target
    public let value: Double
}

/// What keeps a setup from learning its data, whatever training does.
public enum LearningObstacle: Sendable, Equatable {
    /// Every bias fixed at 0 and every activation odd: the network is an odd function of its
    /// inputs (f(−x) = −f(x)).
    case oddWithoutBiases(Activation, Activation)
    /// 0/1 targets on tanh outputs, whose classes are −1 and 1.
    case zeroOneTargetsOnTanh
    /// A target the output activation cannot give.
    case targetOutOfRange(Double, Activation)
}

extension Trainer {
    /// What keeps this run from learning, if anything.
    public var learningObstacles: [LearningObstacle] {
        let a = start.architecture, targets = data.all.lazy.flatMap(\.targets)
        var found: [LearningObstacle] = []
        let odd: Set<Activation> = [.tanh, .linear]
        if !settings.trainBiases, start.biases.allSatisfy({ $0 == 0 }), odd.contains(a.activation) || a.outputLayer == 1,
           odd.contains(a.outputActivation) {
            found.append(.oddWithoutBiases(a.activation, a.outputActivation))
        }
        if a.outputActivation == .tanh, targets.contains(0), targets.allSatisfy({ $0 == 0 || $0 == 1 }) {
            found.append(.zeroOneTargetsOnTanh)
        } else if let outside = targets.first(where: { !a.outputActivation.canReach($0) }) {
            found.append(.targetOutOfRange(outside, a.outputActivation))
        }
        return found
    }
}

extension Activation {
    /// Whether an output of this activation can equal or approach `target`.
    func canReach(_ target: Double) -> Bool {
        switch self {
        case .logistic, .softmax: (0 ... 1).contains(target)
        case .tanh: (-1 ... 1).contains(target)
        case .relu: target >= 0
        case .linear: true
        }
    }
}

/// Where training stopped because a number stopped being finite.
public struct Divergence: Sendable, Equatable, Codable {
    /// The iteration whose network would have held the first non-finite value.
    public let iteration: Int
    public let learningRate: Double

    public init(iteration: Int, learningRate: Double) {
        self.iteration = iteration
        self.learningRate = learningRate
    }
}
