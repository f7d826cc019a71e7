import BackpropEngine

/// Everything that can change the app state; keys, the clock and the backend's answers
/// become commands, and only `AppState.update(_:)` applies them.
public enum Command: Sendable, Equatable {
    /// One backprop iteration: forward, backward, update (`→` does the same).
    case step
    /// One iteration back: recomputed from the start, replaying edits.
    case stepBack
    case toggleRun
    case faster, slower
    case reset
    case toggleOrder, toggleBiases
    case toggleScale
    case toggleHelp
    case toggleExplain, toggleGradientCheck, toggleCheckpoints
    case selectPrevious, selectNext
    case pageUp, pageDown
    /// Opens the go-to-iteration prompt.
    case openGoTo
    /// Opens the `=` prompt on the selected parameter; Tab moves it to the next number.
    case openEdit
    case promptNextTarget
    case promptInsert(String)
    case promptBackspace
    case promptClear
    /// An arrow in the prompt: keeps the pre-filled text for editing.
    case promptKeep
    case promptSubmit
    /// Closes what is open (a running job, the prompt, a view); never quits.
    case close
    case quit
    /// Starts an export of the history and the network (`x`).
    case export
    /// What writing the export did.
    case exported(Result<ExportWritten, ExportFailure>)
    /// The trainer the backend made for a new run (`Effect.build`).
    case built(BuiltTrainer)
    /// The backend's answer to `Effect.advance`.
    case advanced(Advanced)
    /// A run too large to make before the screen opens: made in the background as a `:`
    /// change is (`change` says what it is), the screen answering meanwhile.
    case makeRun(Recipe, change: String)
    /// Time passed since the last tick: the run trains, a long job takes its next slice.
    case tick(seconds: Double)
    /// The terminal's size, at start and after every resize.
    case resized(width: Int, height: Int)
    /// A key that does nothing here: says so in the message line.
    case unbound(String)
    /// Input the program does not use (a paste outside a prompt, an unknown sequence): named
    /// in the message line.
    case ignoredInput(String)
    /// The data view (`d`) of a general network: its output over the inputs, its samples.
    case toggleDataView
    /// The data view's test samples on or off its map, and its map by sign only.
    case toggleTestSamples, toggleDiscretize
    /// New data from a new seed, the network kept (Playground's Regenerate).
    case regenerate
    /// Tab: ↑↓ and `e` move between the weights list and the diagram's neurons.
    case switchFocus
    /// `:` opens the command line: any network, data or training option without its dashes.
    case openCommandLine
    /// `[` `]`: the output the data view shows (or a softmax network's predicted class).
    case previousOutput, nextOutput
    /// `X` `Y`: the next input on the map's x or y axis, for 3 or more inputs.
    case nextMapX, nextMapY
    /// `n`: the next sub-step of the walk through an iteration (the first starts it; the last
    /// applies the update). `N`: one sub-step back.
    case walkNext, walkBack
    /// ↑ ↓ in the command line: an earlier or later line.
    case promptRecall(Int)
    /// A click selects what is under it (a weight, an edge, a neuron); a double-click also
    /// explains it.
    case click(x: Int, y: Int, double: Bool)

    /// The command a key means: with the prompt open it edits the prompt, a terminal too
    /// small for the screen takes only quit, otherwise the key table decides.
    public static func from(_ key: Key, prompt: Bool, tooSmall: Bool) -> Command? {
        if tooSmall {
            return key == .character("q") || key == .control("c") ? .quit : nil
        }
        if prompt {
            switch key {
            case .enter: return .promptSubmit
            case .escape: return .close
            case .backspace: return .promptBackspace
            case .control("u"): return .promptClear
            case .control("c"): return .quit
            case .tab: return .promptNextTarget
            case .up: return .promptRecall(-1)
            case .down: return .promptRecall(1)
            case .left, .right, .home, .end: return .promptKeep
            case .character(let c): return .promptInsert(String(c))
            default: return nil
            }
        }
        if let command = KeyTable.command(for: key) { return command }
        if case .click(let x, let y, let double) = key { return .click(x: x, y: y, double: double) }
        switch key {
        case .character(let c): return .unbound(KeyTable.name(of: c))
        case .control(let c): return .unbound("Ctrl-" + (c == " " ? "Space" : c.uppercased()))
        case .home: return .unbound("Home")
        case .end: return .unbound("End")
        case .function(let n): return .unbound("F\(n)")
        case .named(let name): return .unbound(name)
        case .tab: return .unbound("Tab")
        case .backspace: return .unbound("Backspace")
        default: return nil
        }
    }
}

/// A new run and what the screen must know of its data, found where the run is made (a
/// pass over millions of samples, off the screen's loop for a large one).
public struct NewRun: Sendable {
    public let trainer: Trainer
    let classLabels: Bool
    let obstacle: LearningObstacle?

    public init(_ trainer: Trainer) {
        self.trainer = trainer
        classLabels = trainer.data.hasClassLabels
        obstacle = trainer.learningObstacles.first
    }
}

/// A run the backend made for a recipe (`Effect.build`), or why it could not.
public struct BuiltTrainer: Sendable, Equatable {
    public let recipe: Recipe
    public let result: Result<NewRun, Recipe.Refusal>

    /// The run of `recipe`, its making stopped between stages once `givenUp` says yes.
    public init(_ recipe: Recipe, givenUp: () -> Bool = { false }) {
        self.recipe = recipe
        result = Result { () throws(Recipe.Refusal) in
            let trainer = try recipe.trainer(givenUp: givenUp)
            if givenUp() { throw .givenUp }
            return NewRun(trainer)
        }
    }

    /// Two answers are the same when they answer the same recipe the same way.
    public static func == (a: BuiltTrainer, b: BuiltTrainer) -> Bool {
        switch (a.result, b.result) {
        case (.success, .success): a.recipe == b.recipe
        case (.failure(let x), .failure(let y)): a.recipe == b.recipe && x == y
        default: false
        }
    }
}

/// The files an export wrote, and the size of a network file left out because `--config`
/// could not read it back.
public struct ExportWritten: Sendable, Equatable {
    public let paths: [String]
    public let networkLeftOut: Int?
    /// What Playground lacks for a run opened from a link, whose link is then not written.
    public let playgroundLacks: PlaygroundLink.Lack?

    public init(paths: [String], networkLeftOut: Int? = nil, playgroundLacks: PlaygroundLink.Lack? = nil) {
        self.paths = paths
        self.networkLeftOut = networkLeftOut
        self.playgroundLacks = playgroundLacks
    }
}

/// Why an export could not be written: the path tried and what stood in the way.
public struct ExportFailure: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case directoryMissing
        case notWritable
        case other(String)
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// One line naming the path and the reason.
    public var description: String {
        switch reason {
        case .directoryMissing: "cannot write \(path): its directory no longer exists"
        case .notWritable: "cannot write \(path): the directory is not writable"
        case .other(let text): "cannot write \(path): \(text)"
        }
    }
}
