import BackpropEngine

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
    /// Make the recipe's trainer away from the screen's loop (a large data set takes
    /// seconds); answer with `.built`.
    case build(Recipe)
    /// Stop making the trainer `build` asked for, given up with Esc: no answer is awaited.
    case giveUpBuilding
    /// Train and derive a large network away from the screen's loop; answer with `.advanced`.
    case advance(Advance)
}

/// The screen's timing and limits, each named once with its reason.
public enum Timing {
    /// The largest iteration the go-to prompt accepts.
    public static let goToLimit = 1_000_000_000
    /// The frame interval the run mode aims at: about 30 redraws a second.
    public static let frameSeconds = 1.0 / 30
    /// With the data view open a frame also redraws its maps now and then: run mode aims
    /// shorter, so a key waits well under 50 ms even on a frame with a map.
    static let dataViewFrameSeconds = 0.02
    /// Slices aim at this many seconds between ticks, so a key waits at most about a frame.
    static let sliceSeconds = 0.025
    /// The multiply-adds a frame of run mode may train at most: a few frames' worth of work
    /// in a release build, whatever the network (the post's: a million updates).
    static let frameWork = 10_000_000
    /// The multiply-adds of one slice of the data view's maps: a few milliseconds.
    static let sliceWork = 5_000_000
    /// The multiply-adds a job's first slice takes: 20,000 updates of the post's network.
    static let firstSliceWork = 200_000
    /// The multiply-adds past which one update (with its epoch's errors and the next
    /// update's derivation) outlasts a frame in a release build: such a network trains and
    /// derives on the backend's thread (`Advance`), and each hand-off takes about this much.
    static let awayWork = 30_000_000
    /// The longest text the edit prompt takes.
    static let editLimit = 32
}

extension ExportWritten {
    /// "exported bptui-20261129-195900-{history.csv,network.json}": both names in full,
    /// their shared start written once; a network left out says why.
    var message: String {
        let names = paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        let every = networkLeftOut.map {
            "; no network.json: at least \(Format.bytes($0)), more than --config reads (\(Format.bytes(RunConfig.largestFileBytes)))"
        } ?? ""
        let lack = playgroundLacks.map { "; no Playground link: " + $0.sentence } ?? ""
        guard let first = names.first else { return "exported nothing" }
        var stem = names.dropFirst().reduce(first) { String(zip($0, $1).prefix { $0 == $1 }.map(\.0)) }
        if let cut = stem.lastIndex(of: "-") { stem = String(stem[...cut]) }
        guard names.count > 1, !stem.isEmpty else { return "exported " + names.joined(separator: " and ") + every + lack }
        return "exported \(stem){" + names.map { String($0.dropFirst(stem.count)) }.joined(separator: ",") + "}" + every + lack
    }

}

extension Command {
    /// Commands that would change the network, its training or the panes a walk replaces:
    /// refused while a walk is under way.
    var conflictsWithTheWalk: Bool {
        switch self {
        case .reset, .toggleOrder, .toggleBiases, .openEdit, .openCommandLine, .openGoTo, .stepBack, .toggleRun, .toggleDataView, .regenerate,
             .export, .toggleCheckpoints: true
        default: false
        }
    }

    /// How many rows a key scrolls the walk's derivation back (negative: forward).
    var walkScroll: Int? {
        switch self {
        case .selectPrevious: 1
        case .selectNext: -1
        case .pageUp: 10
        case .pageDown: -10
        default: nil
        }
    }

    /// The prompts' commands: opening one, typing into it, Enter.
    var isPromptCommand: Bool {
        switch self {
        case .openGoTo, .openEdit, .openCommandLine, .promptInsert, .promptBackspace, .promptClear, .promptKeep, .promptNextTarget,
             .promptRecall, .promptSubmit: true
        default: false
        }
    }

    /// Commands of the views, the selection and the terminal's size.
    var isView: Bool {
        switch self {
        case .toggleScale, .toggleHelp, .toggleExplain, .toggleGradientCheck, .toggleCheckpoints, .toggleDataView, .switchFocus,
             .toggleTestSamples, .toggleDiscretize,
             .selectPrevious, .selectNext, .pageUp, .pageDown, .previousOutput, .nextOutput, .nextMapX, .nextMapY, .close, .resized: true
        default: false
        }
    }

    /// Commands that only look (views, selection, scale) or report, and so leave the message
    /// of the last event on the line.
    var keepsTheMessage: Bool {
        switch self {
        case .tick, .exported, .built, .advanced, .resized, .toggleHelp, .toggleExplain, .toggleGradientCheck, .toggleCheckpoints,
             .selectPrevious, .selectNext, .pageUp, .pageDown, .toggleScale: true
        default: false
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
