import BackpropEngine

/// Trains a network step by step, recording E_total of every iteration.
///
/// "Iteration k" is the state after k updates: iteration 0 is `start`. A step that would
/// produce a non-finite weight or error is not taken; `divergence` says where it happened.
/// Edits made by hand are kept on a timeline and replayed whenever training passes their
/// iteration again, so going back and forward is deterministic.
public struct PostTrainer: Sendable {
    /// The network training starts from, and `reset()` returns to.
    public let start: PostNetwork
    /// The settings training starts with, and `reset()` returns to.
    public let startSettings: PostSettings
    public private(set) var settings: PostSettings
    public private(set) var network: PostNetwork
    /// The edits training replays, in iteration order.
    public private(set) var edits: [PostEdit] = []
    /// How many of `edits` the current network has had applied.
    private var appliedEdits = 0
    /// The forward pass of `network`.
    public private(set) var forward: PostForwardPass
    public private(set) var iteration = 0
    public private(set) var history = ErrorHistory()
    public private(set) var divergence: Divergence?
    /// The network before the update that made the current one (nil at iteration 0 and
    /// right after an edit).
    public private(set) var previous: PostNetwork?
    /// Errors are handed to the history in blocks of this many iterations.
    static let recordingBlock = 256

    /// A trainer at iteration 0 of `start`, replaying `edits` as training passes them.
    public init(start: PostNetwork = .post, settings: PostSettings = .post, edits: [PostEdit] = []) {
        self.start = start
        self.edits = edits
        startSettings = settings
        self.settings = settings
        network = start
        forward = PostForwardPass(start)
        history.append(forward.E_total)
        if !(start.isFinite && forward.isFinite) {
            divergence = Divergence(iteration: 0, learningRate: settings.learningRate)
        }
        applyDueEdits()
    }

    /// This trainer's start, settings and edits back at iteration 0: replaying it to
    /// iteration k gives, bit for bit, what training to k gave.
    public var restarted: PostTrainer { PostTrainer(start: start, settings: startSettings, edits: edits) }

    /// The step the next update would take, from the current network.
    public var nextStep: PostBackwardPass { PostBackwardPass(network, forward: forward, settings: settings) }

    /// Takes up to `steps` updates, replaying edits on the way and stopping early on
    /// divergence; returns how many it took.
    @discardableResult
    public mutating func train(_ steps: Int) -> Int {
        var taken = 0
        while taken < steps, divergence == nil {
            let nextEdit = appliedEdits < edits.count ? edits[appliedEdits].iteration : Int.max
            let chunk = min(steps - taken, nextEdit - iteration)
            let done = trainWithoutEdits(chunk)
            taken += done
            if done < chunk { break }
            applyDueEdits()
        }
        return taken
    }

    /// The edits of `edits` still ahead of the current iteration.
    public var pendingEdits: ArraySlice<PostEdit> { edits[appliedEdits...] }

    private mutating func trainWithoutEdits(_ steps: Int) -> Int {
        guard divergence == nil, steps > 0 else { return 0 }
        var n = network, f = forward, before = previous
        var taken = 0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.recordingBlock) { block in
            var filled = 0
            while taken < steps {
                let next = PostBackwardPass(n, forward: f, settings: settings).after
                let nextForward = PostForwardPass(next)
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

    /// Returns to iteration 0 with the start and settings training began with, forgetting
    /// every edit.
    public mutating func reset() {
        self = PostTrainer(start: start, settings: startSettings)
    }

    /// Sets `quantity` to `value` in the current network and records it on the timeline,
    /// replacing an earlier edit of the same quantity at this iteration. Refused (returns
    /// false) when the value or the network's forward pass is not finite, or η ≤ 0.
    @discardableResult
    public mutating func edit(_ quantity: Quantity, to value: Double) -> Bool {
        guard apply(quantity, value) else { return false }
        if let earlier = edits[..<appliedEdits].lastIndex(where: { $0.iteration == iteration && $0.quantity == quantity }) {
            edits.remove(at: earlier)
            appliedEdits -= 1
        }
        edits.insert(PostEdit(iteration: iteration, quantity: quantity, value: value), at: appliedEdits)
        appliedEdits += 1
        return true
    }

    /// Applies the edits recorded for the current iteration; one that would make a number
    /// non-finite is divergence here.
    private mutating func applyDueEdits() {
        while divergence == nil, appliedEdits < edits.count, edits[appliedEdits].iteration == iteration {
            let edit = edits[appliedEdits]
            guard apply(edit.quantity, edit.value) else {
                divergence = Divergence(iteration: iteration, learningRate: settings.learningRate)
                return
            }
            appliedEdits += 1
        }
    }

    private mutating func apply(_ quantity: Quantity, _ value: Double) -> Bool {
        var network = network, settings = settings
        quantity.set(value, in: &network, &settings)
        let pass = PostForwardPass(network)
        guard network.isFinite, pass.isFinite, settings.learningRate.isFinite, settings.learningRate > 0 else { return false }
        self.network = network
        self.settings = settings
        forward = pass
        previous = nil
        divergence = nil
        history.replaceLatest(pass.E_total)
        return true
    }
}

extension PostForwardPass {
    /// Whether every value of the pass is finite (x − x is 0 only for a finite x; every other
    /// value follows from the nets through the logistic function).
    @inline(__always)
    public var isFinite: Bool {
        ((net_h1 - net_h1) + (net_h2 - net_h2)) + ((net_o1 - net_o1) + (net_o2 - net_o2)) + (E_total - E_total) == 0
    }
}
