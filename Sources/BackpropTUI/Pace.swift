/// Run mode's pace: how many iterations a tick owes at a speed (at maximum
/// speed, a batch adapted to keep about 30 frames a second), and the rate it measures.
struct Pace: Sendable {
    /// The fraction of an iteration a slow speed owes to the next tick.
    var owedFraction = 0.0
    /// Iterations a tick trains at maximum speed.
    var maximumBatch: Int
    /// The smallest batch adapting may reach.
    let lowest: Int
    /// Iterations and seconds since the rate was last measured.
    private var window: (iterations: Int, seconds: Double) = (0, 0)

    init(maximumBatch: Int, lowest: Int) {
        self.maximumBatch = maximumBatch
        self.lowest = lowest
    }

    /// The iterations a tick `elapsed` seconds after the last owes at `speed`.
    mutating func steps(at speed: Speed, elapsed: Double, aim: Double = Timing.frameSeconds) -> Int {
        switch speed {
        case .perSecond(let rate):
            let owed = Double(rate) * elapsed + owedFraction
            let steps = Int(owed)
            owedFraction = owed - Double(steps)
            return steps
        case .maximum:
            Self.adapt(&maximumBatch, took: elapsed, aim: aim, lowest: lowest)
            return maximumBatch
        }
    }

    /// Counts `iterations` trained in `elapsed` seconds; returns the rate once the window has
    /// lasted long enough for `speed`.
    mutating func measure(_ iterations: Int, elapsed: Double, at speed: Speed) -> Double? {
        window.iterations += iterations
        window.seconds += elapsed
        guard window.seconds >= speed.measuringWindow else { return nil }
        defer { window = (0, 0) }
        return Double(window.iterations) / window.seconds
    }

    /// Starts the measured rate over (the speed changed, the run started or stopped).
    mutating func restartMeasuring() { window = (0, 0) }

    /// Grows a per-tick batch while ticks come faster than `aim` seconds, shrinks it while
    /// they come slower, between `lowest` and 50,000,000 iterations.
    static func adapt(_ batch: inout Int, took seconds: Double, aim: Double, lowest: Int) {
        if seconds > aim * 1.2 {
            batch = max(lowest, batch * 4 / 5)
        } else if seconds < aim * 0.8 {
            batch = min(50_000_000, batch * 5 / 4 + 1)
        }
    }
}

extension Speed {
    /// The next speed up or down the ladder, and what the message line says of it.
    func stepped(faster: Bool) -> (speed: Speed, message: String) {
        let next = faster ? self.faster : slower
        let end = faster ? "the fastest" : "the slowest"
        return (next, next == self ? "speed: \(label), \(end)" : "speed: \(next.label)")
    }
}
