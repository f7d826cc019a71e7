import BackpropEngine

/// The state of the screen for any network (`--layers`, `--data`, `:`). Only `update(_:)`
/// changes it; panes draw it.
public struct AppState: Sendable {
    public internal(set) var trainer: Trainer
    /// What `:` changes and training is rebuilt from.
    public internal(set) var recipe: Recipe
    /// Whether accuracy is reported: every target is a class label.
    public internal(set) var classification: Bool
    /// The parameter selected in the weights list, and the neuron selected in the diagram;
    /// `focus` says which of them ↑↓ move and `e` explains.
    public internal(set) var parameter: Parameter
    public internal(set) var neuron: Neuron
    public internal(set) var focus: Focus = .parameters
    public internal(set) var running = false
    public internal(set) var speed: Speed = .default
    public internal(set) var chartScale: ChartScale = .log
    public internal(set) var overlay: Overlay?
    /// The post's figures beside bptui's, computed when the checkpoints view (`t`) opens.
    public internal(set) var checkpoints: [Checkpoint] = []
    /// The first line the checkpoints view shows.
    public internal(set) var checkpointScroll = 0
    /// The data view (`d`) in place of the weights list and chart.
    public internal(set) var dataView = false
    /// The data view's map without the test samples (`T`), and in two colours by the output's
    /// side of the middle (`D`), as Playground's "Show test data" and "Discretize output".
    public internal(set) var hidesTestSamples = false, discretized = false
    /// What the data view maps (`[` `]`).
    public internal(set) var shown: ShownOutput
    /// The sample inputs on the map's x and y axes (`X` `Y`), for 3 or more inputs.
    public internal(set) var mapAxes = MapAxes(x: 0, y: 1)
    /// The first sample row the data view's table shows.
    public internal(set) var tableScroll = 0
    public internal(set) var prompt: Prompt?
    /// A go-to or a way back, done in slices; Esc stops it.
    public internal(set) var job: Job?
    /// Work handed to the backend and waited for (`Advance`), and how many were handed so far.
    var away: HandedAway?
    var handOffs = 0
    /// The walk through an iteration (`n`), and the trainer it started from.
    public internal(set) var walk: WalkState?
    var walkStart: Trainer?
    /// Updates a job's slice takes, adapted to keep every key answered within a frame.
    var jobBatch = 1_000
    /// Lines the `:` command line ran, oldest first (↑ recalls them), and the one recalled.
    public internal(set) var commandHistory: [String] = []
    var recalled: Int?
    public internal(set) var message: String?
    public internal(set) var measuredRate: Double?
    public internal(set) var screenSize: (width: Int, height: Int)?
    /// Engine values the panes read, computed once whenever the network changes.
    public internal(set) var derived: Derived
    /// The data view's maps, recomputed at most `mapInterval` apart while training runs.
    public internal(set) var maps: DataMaps?
    /// Every neuron's small map, for the diagram's thumbnails where it draws them.
    public internal(set) var thumbnails: Thumbnails?
    /// The next maps, while a large network's are computed a slice at a time.
    var mapsInProgress: MapsInProgress?
    /// The share of the next maps computed, while they take more than a frame.
    public var mapsDone: Double? { mapsInProgress?.done }
    /// Seconds since the maps were computed, and the iteration they show.
    var mapAge = 0.0
    var mapsIteration = -1
    /// Seconds since `derived` was computed.
    var derivedAge = 0.0
    /// Run mode's updates per tick and its measured rate.
    var pace = Pace(maximumBatch: 1_000, lowest: 1)

    /// How often, at most, the data view's maps are recomputed while training runs.
    static let mapInterval = 0.1

    /// The `--config` file the run started from, named in the diagram's title.
    public let configName: String?

    public init(trainer: Trainer, recipe: Recipe, configName: String? = nil) {
        self.trainer = trainer
        self.recipe = recipe
        self.configName = configName
        classification = trainer.data.hasClassLabels
        let a = trainer.start.architecture
        parameter = .weight(a.weightOffset(layer: a.outputLayer))
        neuron = Neuron(layer: a.outputLayer, index: 0)
        // As `refreshDerived` derives it with every overlay and the data view closed: on a large
        // network each Step is seconds of work, so none is made twice or unasked.
        derived = Derived(trainer, classification: classification, checking: false, explaining: false, listed: false)
        shown = ShownOutput.choices(a).first ?? .output(0)
        message = trainer.learningObstacles.first?.sentence
        followTheLinksView()
    }

    /// A link's `showTestData` and `discretize` set the data view's toggles (T, D).
    mutating func followTheLinksView() {
        guard let link = recipe.link else { return }
        hidesTestSamples = !link.showTestData
        discretized = link.discretize
    }

    /// The post's own run at iteration 0: what `bptui` opens.
    public static var post: AppState { AppState(trainer: try! Recipe.post.trainer(), recipe: .post) }

    /// Whether the terminal is too small for the screen (only quit works then).
    public var isTooSmall: Bool {
        screenSize.map { Layout(width: $0.width, height: $0.height, architecture: architecture) == nil } ?? false
    }

    public var architecture: Architecture { trainer.start.architecture }

    /// The output the marks, the curve and the table follow: the shown one (o1 under the class map).
    public var shownOutput: Int { if case .output(let k) = shown { k } else { 0 } }

    /// The map the data view shows over `mapPlane`.
    var mapped: OutputMap.Mapped {
        shown == .predictedClass ? .predictedClass : .neuron(layer: architecture.outputLayer, index: shownOutput)
    }

    /// The inputs on the map's axes, the others held at their means.
    var mapPlane: OutputMap.Plane {
        let inputs = architecture.sampleInputs, held = trainer.data.inputMeans
        return inputs <= 2 ? .first(inputs, held: held) : OutputMap.Plane(x: mapAxes.x, y: mapAxes.y, held: held)
    }
}

/// What the data view maps: the class a softmax network picks, or one output.
public enum ShownOutput: Sendable, Equatable {
    case predictedClass
    case output(Int)

    /// What `[` `]` step through, the default first: the predicted class where a softmax
    /// network has a plane to map, then every output.
    static func choices(_ a: Architecture) -> [ShownOutput] {
        let classes = a.outputActivation == .softmax && a.sampleInputs >= 2
        return (classes ? [.predictedClass] : []) + (0 ..< a.layers[a.outputLayer]).map { .output($0) }
    }
}

/// The diagram's thumbnails, and the network and plane they were computed for.
public struct Thumbnails: Sendable {
    public let maps: NeuronMaps
    let network: Network, plane: OutputMap.Plane
}

/// The two sample inputs the data view's map spans.
public struct MapAxes: Sendable, Equatable {
    public let x: Int, y: Int
}

/// A weight or a bias, by its flat index in post numbering.
public enum Parameter: Sendable, Equatable, Hashable {
    case weight(Int)
    case bias(Int)

    /// "w11", "b3".
    public var name: String {
        switch self {
        case .weight(let index): "w\(index + 1)"
        case .bias(let index): "b\(index + 1)"
        }
    }

    /// The layer (1…L) whose net input it feeds.
    public func layer(in a: Architecture) -> Int {
        switch self {
        case .weight(let index): a.weightEnds(index).layer
        case .bias(let index): a.biasOwner(index).layer
        }
    }

    public func value(in network: Network) -> Double { value(in: (network.weights, network.biases)) }

    /// Its value among flat weights and biases (a trainer's `previous`).
    public func value(in parameters: (weights: [Double], biases: [Double])) -> Double {
        switch self {
        case .weight(let index): parameters.weights[index]
        case .bias(let index): parameters.biases[index]
        }
    }
}

/// A neuron of the diagram: its layer (0: the inputs) and index.
public struct Neuron: Sendable, Equatable, Hashable {
    public let layer: Int, index: Int

    public init(layer: Int, index: Int) {
        self.layer = layer
        self.index = index
    }
}

/// What ↑↓ move and `e` explains: a parameter of the list or a neuron of the diagram.
public enum Focus: Sendable, Equatable {
    case parameters, neurons
}

/// Views drawn over the panes.
public enum Overlay: Sendable, Equatable {
    case help, explain, gradientCheck
    /// The post's printed figures beside bptui's (the post's network only).
    case checkpoints
}

/// One line of the weights list: a layer's heading, or a parameter.
public enum ParameterRow: Sendable, Equatable {
    case heading(String)
    case parameter(Parameter)

    /// Every weight and bias in post numbering, a layer at a time under a heading such as
    /// "i→h", "h1→h2", "h→o": the layer's weights, then its biases.
    public static func rows(_ a: Architecture) -> [ParameterRow] {
        var rows: [ParameterRow] = []
        for l in 1 ... a.outputLayer {
            rows.append(.heading(layerHeading(a, l)))
            rows += (a.weightOffset(layer: l) ..< a.weightOffset(layer: l + 1)).map { .parameter(.weight($0)) }
            rows += (a.biasOffset(layer: l) ..< a.biasOffset(layer: l + 1)).map { .parameter(.bias($0)) }
        }
        return rows
    }

    /// "i→h" for one hidden layer (the post's), "i→h1", "h1→h2", "h2→o" for several.
    static func layerHeading(_ a: Architecture, _ l: Int) -> String {
        func side(_ layer: Int) -> String {
            if layer == 0 { return "i" }
            if layer == a.outputLayer { return "o" }
            return a.layers.count == 3 ? "h" : "h\(layer)"
        }
        return "\(side(l - 1))→\(side(l))"
    }

    public var parameter: Parameter? {
        if case .parameter(let parameter) = self { return parameter }
        return nil
    }
}

/// The weights list's rows by arithmetic, never all made at once (a large network has
/// millions): a layer at a time, its heading (when `headings`), its weights, its biases.
struct ParameterList {
    let a: Architecture, headings: Bool

    /// The rows before layer l's (1…L).
    private func start(_ l: Int) -> Int { a.weightOffset(layer: l) + a.biasOffset(layer: l) + (headings ? l - 1 : 0) }

    var count: Int { start(a.outputLayer + 1) }

    /// The layer a row belongs to.
    private func layer(ofRow index: Int) -> Int {
        var low = 1, high = a.outputLayer
        while low < high {
            let middle = (low + high + 1) / 2
            if start(middle) <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func row(_ index: Int) -> ParameterRow {
        let l = layer(ofRow: index)
        var within = index - start(l)
        if headings {
            if within == 0 { return .heading(ParameterRow.layerHeading(a, l)) }
            within -= 1
        }
        let weights = a.weightOffset(layer: l + 1) - a.weightOffset(layer: l)
        return within < weights ? .parameter(.weight(a.weightOffset(layer: l) + within))
            : .parameter(.bias(a.biasOffset(layer: l) + within - weights))
    }

    /// The first row of the layer a row belongs to: its heading, when there are headings.
    func layerStart(ofRow index: Int) -> Int { start(layer(ofRow: index)) }

    /// The row of a parameter (nil if it is not one of this network's).
    func index(of parameter: Parameter) -> Int? {
        let l: Int, within: Int
        switch parameter {
        case .weight(let k):
            guard k >= 0, k < a.weightCount else { return nil }
            l = a.weightEnds(k).layer
            within = k - a.weightOffset(layer: l)
        case .bias(let k):
            guard k >= 0, k < a.biasCount else { return nil }
            l = a.biasOwner(k).layer
            within = a.weightOffset(layer: l + 1) - a.weightOffset(layer: l) + k - a.biasOffset(layer: l)
        }
        return start(l) + (headings ? 1 : 0) + within
    }

    /// The parameter `offset` rows of parameters from `parameter`, headings skipped, within the list.
    func parameter(_ parameter: Parameter, movedBy offset: Int) -> Parameter {
        let bare = ParameterList(a: a, headings: false)
        let index = min(bare.count - 1, max(0, (bare.index(of: parameter) ?? 0) + offset))
        return bare.row(index).parameter ?? parameter
    }
}

/// Work longer than a frame, done a slice per tick; Esc stops it.
public struct Job: Sendable {
    public enum Work: Sendable {
        /// Trains the live network forward.
        case train
        /// Replays the run from the start to an iteration behind the current one; the screen
        /// keeps the current network until it is done.
        case rewind(Trainer)
        /// Writes the export's rows.
        case export(ExportBuilder)
        /// Waits for the backend to make a new run's trainer (`change` says what changed), the
        /// seconds waited so far; nil until it was asked for.
        case build(Recipe, change: String, seconds: Double?)
    }

    public internal(set) var work: Work
    /// Where the job ends (an iteration, or the export's rows) and how far it has got.
    public internal(set) var target: Int
    public internal(set) var done: Int
    /// Units a second over the last timed slices; nil until a slice has been timed.
    public internal(set) var rate: Double?
    /// A go-to of one update, by space (or the walk's last sub-step) on a large network: it
    /// says nothing when done.
    var oneUpdate = false

    init(work: Work, target: Int, done: Int, oneUpdate: Bool = false) {
        self.work = work
        self.target = target
        self.done = done
        self.oneUpdate = oneUpdate
    }

    public var name: String {
        switch work {
        case .train: oneUpdate ? "update" : "go-to"
        case .rewind: "back"
        case .export: "export"
        case .build: "new run"
        }
    }

    /// The status row's line; `waited`: seconds the backend has worked on its slice so far.
    func progress(waited: Double?) -> String {
        if oneUpdate { return "update \(Format.count(target)): \(Format.waited(waited ?? 0)) so far · Esc stops" }
        guard case .build(let recipe, let change, let seconds) = work else {
            return Job.progress(name: name, done: done, total: target, rate: rate)
        }
        return "\(change): making the run, \(Format.plural(recipe.sampleCount, "sample")) · \(Format.duration(seconds ?? 0)) · Esc stops"
    }
}

extension Edit.Target {
    /// "w11", "b3", "η".
    public var name: String {
        switch self {
        case .weight(let index): "w\(index + 1)"
        case .bias(let index): "b\(index + 1)"
        case .learningRate: "η"
        case .penaltyRate: "λ"
        case .input(let k): "i\(k + 1)"
        case .target(let k): "target_o\(k + 1)"
        }
    }

    init(_ parameter: Parameter) {
        switch parameter {
        case .weight(let index): self = .weight(index)
        case .bias(let index): self = .bias(index)
        }
    }
}
