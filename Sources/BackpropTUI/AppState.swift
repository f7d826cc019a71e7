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
    /// The prompt's text while it is open, and what it sets.
    public var prompt: String?
    public var promptKind: PromptKind = .goTo
    /// Whether more was typed into the edit prompt than it holds; submitting then refuses.
    public var promptOverflowed = false
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

/// What the prompt in the message line is for.
public enum PromptKind: Sendable, Equatable {
    case goTo
    /// `=`: a new value for a parameter, an input, a target or η (Tab cycles).
    case edit(EditTarget)
}

/// A number the `=` prompt can set.
public enum EditTarget: Sendable, Equatable {
    case parameter(Parameter)
    case i1, i2, target_o1, target_o2, learningRate

    public var label: String {
        switch self {
        case .parameter(let p): p.rawValue
        case .i1: "i1"
        case .i2: "i2"
        case .target_o1: "target_o1"
        case .target_o2: "target_o2"
        case .learningRate: "η"
        }
    }

    /// The next target Tab moves to.
    func next(selected: Parameter) -> EditTarget {
        switch self {
        case .parameter: .i1
        case .i1: .i2
        case .i2: .target_o1
        case .target_o1: .target_o2
        case .target_o2: .learningRate
        case .learningRate: .parameter(selected)
        }
    }

    func value(in trainer: Trainer) -> Double {
        let n = trainer.network
        switch self {
        case .parameter(let p): return n[p]
        case .i1: return n.i1
        case .i2: return n.i2
        case .target_o1: return n.target_o1
        case .target_o2: return n.target_o2
        case .learningRate: return trainer.settings.learningRate
        }
    }

    func set(_ value: Double, _ network: inout Network, _ settings: inout TrainingSettings) {
        switch self {
        case .parameter(let p): network[p] = value
        case .i1: network.i1 = value
        case .i2: network.i2 = value
        case .target_o1: network.target_o1 = value
        case .target_o2: network.target_o2 = value
        case .learningRate: settings.learningRate = value
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
