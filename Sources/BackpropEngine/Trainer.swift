/// Where training stopped because a number stopped being finite.
public struct Divergence: Sendable, Equatable {
    /// The iteration whose network would have held the first non-finite value.
    public let iteration: Int
    public let learningRate: Double
}

/// A change to the network or its learning rate made between two iterations.
public struct Edit: Sendable, Equatable {
    /// The iteration whose network was changed.
    public let iteration: Int
    public let network: Network
    public let settings: TrainingSettings
}

/// Trains a network step by step, recording E_total of every iteration.
///
/// "Iteration k" is the state after k updates: iteration 0 is `start`. A step that would
/// produce a non-finite weight or error is not taken; `divergence` says where it happened.
public struct Trainer: Sendable {
    /// The network training starts from, and `reset()` returns to.
    public let start: Network
    /// The settings training starts with, and `reset()` returns to.
    public let startSettings: TrainingSettings
    public private(set) var settings: TrainingSettings
    public private(set) var network: Network
    /// Every edit since iteration 0, in order.
    public private(set) var edits: [Edit] = []
    /// The forward pass of `network`.
    public private(set) var forward: ForwardPass
    public private(set) var iteration = 0
    public private(set) var history = ErrorHistory()
    public private(set) var divergence: Divergence?
    private var previous: Network?
    /// Errors are handed to the history in blocks of this many iterations.
    static let recordingBlock = 256

    public init(start: Network = .post, settings: TrainingSettings = .post) {
        self.start = start
        startSettings = settings
        self.settings = settings
        network = start
        forward = ForwardPass(start)
        history.append(forward.E_total)
        if !(start.isFinite && forward.isFinite) {
            divergence = Divergence(iteration: 0, learningRate: settings.learningRate)
        }
    }

    /// The step that produced the current network (nil at iteration 0).
    public var lastStep: BackwardPass? {
        previous.map { BackwardPass($0, settings: settings) }
    }

    /// The step the next update would take, from the current network.
    public var nextStep: BackwardPass { BackwardPass(network, forward: forward, settings: settings) }

    /// Takes up to `steps` updates, stopping early on divergence; returns how many it took.
    @discardableResult
    public mutating func train(_ steps: Int) -> Int {
        guard divergence == nil, steps > 0 else { return 0 }
        var n = network, f = forward, before = previous
        var taken = 0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.recordingBlock) { block in
            var filled = 0
            while taken < steps {
                let next = BackwardPass(n, forward: f, settings: settings).after
                let nextForward = ForwardPass(next)
                // Finite nets imply finite weights: a weight that overflowed makes the net it
                // feeds infinite or NaN (its input is finite), so the forward pass is the check.
                guard nextForward.isFinite else {
                    divergence = Divergence(iteration: iteration + taken + 1, learningRate: settings.learningRate)
                    break
                }
                before = n
                n = next
                f = nextForward
                block[filled] = f.E_total
                filled += 1
                taken += 1
                if filled == block.count {
                    history.append(contentsOf: UnsafeBufferPointer(block))
                    filled = 0
                }
            }
            history.append(contentsOf: UnsafeBufferPointer(rebasing: block[0 ..< filled]))
        }
        network = n
        forward = f
        previous = before
        iteration += taken
        return taken
    }

    /// Returns to iteration 0 with the start and settings training began with.
    public mutating func reset() {
        self = Trainer(start: start, settings: startSettings)
    }

    /// Replaces the current network and settings; training continues from them at the same
    /// iteration. Refused (returns false) when their numbers are not finite, η ≤ 0, or the
    /// network's forward pass is not finite.
    @discardableResult
    public mutating func edit(_ network: Network, settings: TrainingSettings) -> Bool {
        let pass = ForwardPass(network)
        guard network.isFinite, pass.isFinite, settings.learningRate.isFinite, settings.learningRate > 0 else { return false }
        self.network = network
        self.settings = settings
        forward = pass
        previous = nil
        divergence = nil
        history.replaceLatest(pass.E_total)
        edits.append(Edit(iteration: iteration, network: network, settings: settings))
        return true
    }
}

extension ForwardPass {
    /// Whether every value of the pass is finite (x − x is 0 only for a finite x; every other
    /// value follows from the nets through the logistic function).
    @inline(__always)
    public var isFinite: Bool {
        ((net_h1 - net_h1) + (net_h2 - net_h2)) + ((net_o1 - net_o1) + (net_o2 - net_o2)) + (E_total - E_total) == 0
    }
}
