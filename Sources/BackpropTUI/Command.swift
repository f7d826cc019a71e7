/// Why an export could not be written, in one line.
public struct ExportFailure: Error, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Everything that can change the app state; keys and the clock become commands.
public enum Command: Sendable, Equatable {
    /// One backprop iteration: forward, backward, update.
    case step
    case toggleRun
    case faster, slower
    case reset
    case toggleOrder, toggleBiases
    case toggleScale
    case toggleHelp
    case toggleExplain, toggleGradientCheck, toggleCheckpoints
    case selectPrevious, selectNext
    /// Opens the go-to-iteration prompt.
    case openGoTo
    /// Opens the `=` prompt on the selected parameter; Tab moves it to the next number.
    case openEdit
    case promptNextTarget
    case promptInsert(String)
    case promptBackspace
    case promptClear
    case promptSubmit
    /// Closes whatever is open (prompt, help); never quits.
    case close
    case quit
    /// Asks the backend to write the history and the network (`x`).
    case export
    /// What writing the export did: the files written, or what went wrong.
    case exported(Result<[String], ExportFailure>)
    /// Time passed while running, with the measured seconds since the last tick.
    case tick(seconds: Double)
    /// A key that does nothing here: says so in the message line.
    case unbound(String)

    /// The command a key means in `state` (a prompt takes text; otherwise the key map).
    public static func from(_ key: Key, in state: AppState) -> Command? {
        if state.prompt != nil {
            switch key {
            case .enter: return .promptSubmit
            case .escape: return .close
            case .backspace: return .promptBackspace
            case .control("u"): return .promptClear
            case .control("c"): return .quit
            case .tab: return .promptNextTarget
            case .character(let c): return .promptInsert(String(c))
            default: return nil
            }
        }
        switch key {
        case .character(" "), .character("s"): return .step
        case .character("r"): return .toggleRun
        case .character("+"): return .faster
        case .character("="): return .openEdit
        case .character("-"), .character("_"): return .slower
        case .character("g"): return .openGoTo
        case .character("R"): return .reset
        case .character("o"): return .toggleOrder
        case .character("b"): return .toggleBiases
        case .character("l"): return .toggleScale
        case .character("?"), .character("h"): return .toggleHelp
        case .character("e"), .enter: return .toggleExplain
        case .character("c"): return .toggleGradientCheck
        case .character("t"): return .toggleCheckpoints
        case .character("x"): return .export
        case .up, .character("k"): return .selectPrevious
        case .down, .character("j"): return .selectNext
        case .escape: return .close
        case .character("q"), .control("c"): return .quit
        case .character(let c): return .unbound(String(c))
        default: return nil
        }
    }
}
