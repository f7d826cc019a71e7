import BackpropEngine

/// The whole state of the screen. Only `update(_:)` changes it; panes draw it.
public struct AppState: Sendable {
    public internal(set) var trainer: Trainer
    /// The `--config` file the run started from, named in the title.
    public let configName: String?
    /// The row selected in the weights table.
    public internal(set) var selection: Parameter = .w5
    public internal(set) var running = false
    public internal(set) var speed: Speed = .default
    public internal(set) var chartScale: ChartScale = .log
    /// The view over the panes, if any: help, a derivation, the gradient check, checkpoints.
    public internal(set) var overlay: Overlay?
    /// The post's figures beside bptui's, computed when the checkpoints view opens.
    public internal(set) var checkpoints: [Checkpoint] = []
    /// The first line the checkpoints view shows.
    public internal(set) var checkpointScroll = 0
    /// The open prompt: its text, what it sets, and its own error.
    public internal(set) var prompt: Prompt?
    /// A one-line note in the message line: what the last command or event did.
    public internal(set) var message: String?
    /// Iterations per second, measured while running.
    public internal(set) var measuredRate: Double?
    /// Work too long for one frame (go-to, a step back, export), done a slice per tick.
    public internal(set) var job: Job?
    /// The walk through an iteration (`n`), and the trainer it started from (`N` after the
    /// last sub-step goes back to it).
    public internal(set) var walk: WalkState?
    var walkStart: Trainer?
    /// The terminal's size, as the backend last reported it.
    public internal(set) var screenSize: (width: Int, height: Int)?
    /// Engine values the panes read, computed once whenever the network changes.
    public internal(set) var derived: Derived
    /// Run mode's iterations per tick and its measured rate.
    var pace = Pace(maximumBatch: 100_000, lowest: 1_000)
    /// Iterations a job's slice takes, adapted to keep every key answered within a frame.
    var jobBatch = 50_000

    /// The post's run as a recipe of the general engine: what `:` changes.
    public var recipe: Recipe {
        let settings = trainer.settings
        return Recipe(layers: [2, 2, 2], bias: .shared, data: .builtIn(.post), learningRate: settings.learningRate, order: settings.order,
                      trainBiases: settings.trainBiases)
    }

    public init(trainer: Trainer, configName: String? = nil) {
        self.trainer = trainer
        self.configName = configName
        derived = Derived(trainer, checking: false)
    }

    /// Parameters the table lists: the weights, and the biases.
    public static let rows: [Parameter] = Parameter.weights + [.b1, .b2]

    /// Whether the terminal is too small for the screen (only quit works then).
    public var isTooSmall: Bool {
        screenSize.map { Layout(width: $0.width, height: $0.height) == nil } ?? false
    }
}

/// What the panes show of the engine, computed once per change of the network rather than
/// once per frame.
public struct Derived: Sendable {
    /// The step the next update takes, in the run's order: "∂E/∂w next" and "Δ next".
    public let next: BackwardPass
    /// The same step in the other order, for side-by-side derivations.
    public let otherOrder: BackwardPass
    /// Backprop against central differences, while the gradient check is open.
    public let gradientCheck: GradientCheck?

    init(_ trainer: Trainer, checking: Bool) {
        next = BackwardPass(trainer.network, forward: trainer.forward, settings: trainer.settings)
        var other = trainer.settings
        other.order = other.order == .published ? .textbook : .published
        otherOrder = BackwardPass(trainer.network, forward: trainer.forward, settings: other)
        gradientCheck = checking ? GradientCheck(trainer.network) : nil
    }

    /// Whether these values are those of `trainer`'s network and settings (they depend on
    /// nothing else).
    func isCurrent(for trainer: Trainer, checking: Bool) -> Bool {
        next.before == trainer.network && next.settings == trainer.settings && (gradientCheck != nil) == checking
    }
}

/// The prompt in the message line: go to an iteration, or set a number (`=`).
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case goTo
        /// `=`: a new value for a parameter, an input, a target or η (Tab cycles).
        case edit(Quantity)
        /// `:` on the screen of any network: an option of the command line and its value.
        case command
        /// `=` on the screen of any network: a weight, a bias or η (Tab moves between them).
        case set(LayeredEdit.Target)
    }

    public internal(set) var kind: Kind
    public internal(set) var text: String
    /// Whether the pre-filled text is selected: the first character typed replaces it.
    public internal(set) var selected = true
    /// Why the last key or Enter was refused, shown beside the text while it stays open.
    public internal(set) var error: String?
    /// Whether more was typed than the prompt holds; submitting then refuses.
    var overflowed = false

    init(_ kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Work longer than a frame, done in slices between frames; Esc cancels it.
public struct Job: Sendable {
    public enum Work: Sendable {
        /// Trains the live network forward to an iteration.
        case train(to: Int)
        /// Replays from the start to an iteration behind the current one; the screen keeps
        /// the current network until it is done.
        case rewind(Trainer, to: Int)
        case export(ExportBuilder)
    }

    public internal(set) var work: Work
    /// The iteration the job ends at, and the one it has reached.
    public internal(set) var total: Int
    public internal(set) var done: Int
    /// Iterations a second over the last timed slices (a moving average: the rate can change
    /// as the job goes, an export's rows grow); nil until a slice has been timed.
    public internal(set) var rate: Double?

    /// A word for the progress line: "go-to", "back", "export".
    public var name: String {
        switch work {
        case .train: "go-to"
        case .rewind: "back"
        case .export: "export"
        }
    }
}

/// Iterations per second while running: ×10 steps from 1 to 1,000,000, then as fast as it goes.
public enum Speed: Sendable, Equatable {
    case perSecond(Int)
    case maximum

    public static let ladder: [Speed] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].map { .perSecond($0) } + [.maximum]
    /// 1,000 a second: the run reaches iteration 10,000 in ten seconds.
    public static let `default` = Speed.perSecond(1_000)

    public var faster: Speed { Self.ladder[min(Self.ladder.count - 1, index + 1)] }

    /// Seconds the measured rate averages over: half a second, or long enough for a few
    /// iterations at slow speeds (at 1 a second, half a second holds 0 or 1 of them).
    var measuringWindow: Double {
        if case .perSecond(let rate) = self { return max(0.5, 4 / Double(rate)) }
        return 0.5
    }
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

extension Quantity {
    /// The next number Tab moves the `=` prompt to.
    func next(selected: Parameter) -> Quantity {
        switch self {
        case .parameter: .i1
        case .i1: .i2
        case .i2: .target_o1
        case .target_o1: .target_o2
        case .target_o2: .learningRate
        case .learningRate: .parameter(selected)
        }
    }
}

/// A view drawn over the panes.
public enum Overlay: Sendable, Equatable {
    case help
    /// The derivation of ∂E_total/∂(selected parameter) for the next step.
    case explain
    case gradientCheck
    case checkpoints
}

/// The error chart's y axis.
public enum ChartScale: Sendable, Equatable {
    case log, linear
}

/// What the reducer asks the backend to do; the backend answers with a command.
public enum Effect: Sendable, Equatable {
    /// Write the export's files; answer with `.exported`.
    case write(Export)
    /// Send `.tick` after this many seconds (the run's next frame, a job's next slice).
    case tick(after: Double)
    /// Leave the full-screen view and exit.
    case quit
    /// Leave the post's screen for the screen of any network, training this recipe.
    case openGeneral(Recipe, message: String)
}
