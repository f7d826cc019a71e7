import BackpropEngine

/// The whole state of the screen. It changes only through `update(_:)`; panes draw it.
public struct AppState: Sendable {
    public var trainer: Trainer
    /// The row selected in the weights table.
    public var selection: Parameter = .w5
    public var running = false
    public var speed: Speed = .default
    public var chartScale: ChartScale = .log
    /// The view over the panes, if any: help, a derivation, the gradient check, checkpoints.
    public var overlay: Overlay?
    /// The post's figures beside bptui's, computed when the checkpoints view opens.
    public var checkpoints: [Checkpoint] = []
    /// The go-to-iteration prompt's text while it is open.
    public var prompt: String?
    /// A one-line note in the message line: what the last command did.
    public var message: String?
    /// Iterations per second, measured while running.
    public var measuredRate: Double?
    public var wantsQuit = false
    /// Set by `x`: the backend writes an `Export` of this state and answers `.exported`.
    public var exportRequested = false
    /// The fraction of an iteration a slow speed owes to the next tick.
    var owedFraction = 0.0
    /// Iterations a tick trains at maximum speed, adapted to keep about 30 frames a second.
    var maximumBatch = 100_000
    /// Iterations and seconds since the rate was last measured.
    var rateWindow: (iterations: Int, seconds: Double) = (0, 0)

    public init(trainer: Trainer) {
        self.trainer = trainer
    }

    /// Parameters the table lists: the weights, and the biases.
    public static let rows: [Parameter] = Parameter.weights + [.b1, .b2]
}

/// Iterations per second while running: ×10 steps from 1 to 1,000,000, then as fast as it goes.
public enum Speed: Sendable, Equatable {
    case perSecond(Int)
    case maximum

    public static let ladder: [Speed] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].map { .perSecond($0) } + [.maximum]
    /// 1,000 a second: the run reaches iteration 10,000 in ten seconds.
    public static let `default` = Speed.perSecond(1_000)

    public var faster: Speed { Self.ladder[min(Self.ladder.count - 1, index + 1)] }
    public var slower: Speed { Self.ladder[max(0, index - 1)] }
    private var index: Int { Self.ladder.firstIndex(of: self) ?? 3 }

    public var label: String {
        switch self {
        case .maximum: "max"
        case .perSecond(let n) where n >= 1_000_000: "\(n / 1_000_000)M/s"
        case .perSecond(let n) where n >= 1_000: "\(n / 1_000)k/s"
        case .perSecond(let n): "\(n)/s"
        }
    }
}

/// A view drawn over the panes.
public enum Overlay: Sendable, Equatable {
    case help
    /// The derivation of ∂E_total/∂(selected parameter) at the current iteration.
    case explain
    case gradientCheck
    case checkpoints
}

/// The error chart's y axis.
public enum ChartScale: Sendable, Equatable {
    case log, linear
}
