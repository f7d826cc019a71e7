/// One row of the key table: the keys and the commands they send, how help names them, what
/// they do, and their place in the hint bar.
public struct KeyBinding: Sendable {
    public let keys: [(key: Key, command: Command)]
    /// The keys as help and the README write them: "space, s".
    public let names: String
    public let action: String
    /// The hint bar's short label and rank (1 shows first when room is short); nil: help only.
    public let hint: (key: String, label: String, rank: Int)?
}

/// The one key table: `Command.from`, the help overlay, the hint bar and the README check all
/// read it.
public enum KeyTable {
    public static let bindings: [KeyBinding] = [
        row([(.character(" "), .step), (.character("s"), .step)], "space, s",
            "one backprop iteration: forward, backward, update", hint: ("spc", "Step", 1)),
        row([(.left, .stepBack), (.right, .step)], "← →", "one update back / forward (edits replay)", hint: ("←→", "Back", 7)),
        row([(.character("r"), .toggleRun)], "r", "run / pause (the post's run stops once at 10,000)", hint: ("r", "Run", 2)),
        row([(.character("+"), .faster), (.character("-"), .slower), (.character("_"), .slower)], "+ -",
            "faster / slower: 1 to 1,000,000 a second, then max", hint: ("+-", "Speed", 9)),
        row([(.character("g"), .openGoTo)], "g", "go to iteration (Esc stops a long one)", hint: ("g", "Go to", 3)),
        row([(.character("R"), .reset)], "R", "reset to iteration 0, forgetting edits", hint: ("R", "Reset", 10)),
        row([(.character("n"), .walkNext), (.character("N"), .walkBack)], "n N",
            "walk an iteration sub-step by sub-step (N goes back)", hint: ("n", "Walk", 4)),
        row([(.character("o"), .toggleOrder), (.character("b"), .toggleBiases), (.character("l"), .toggleScale)], "o b l",
            "o order, b biases (both reset), l log₁₀ ↔ linear", hint: ("o", "Order", 12)),
        row([(.up, .selectPrevious), (.character("k"), .selectPrevious), (.down, .selectNext), (.character("j"), .selectNext),
             (.pageUp, .pageUp), (.pageDown, .pageDown)], "↑ ↓ k j PgUp PgDn",
            "select a weight or (Tab) a neuron; PgUp PgDn: a page", hint: nil),
        row([(.character("e"), .toggleExplain), (.enter, .toggleExplain)], "e, Enter",
            "chain rule of a weight, forward pass of a neuron", hint: ("e", "Explain", 6)),
        row([(.character("c"), .toggleGradientCheck)], "c", "gradient check: backprop against differences", hint: ("c", "Check", 8)),
        row([(.character("t"), .toggleCheckpoints)], "t", "the post's figures beside bptui's (its network)", hint: ("t", "Post", 11)),
        row([(.character("d"), .toggleDataView), (.character("["), .previousOutput), (.character("]"), .nextOutput),
             (.character("T"), .toggleTestSamples), (.character("D"), .toggleDiscretize), (.character("G"), .regenerate)], "d [ ] T D G",
            "data view, [ ] output, T tests, D sign, G new points", hint: ("d", "Data", 3)),
        row([(.character("X"), .nextMapX), (.character("Y"), .nextMapY)], "X Y",
            "the map's x or y input, for 3 or more inputs", hint: nil),
        row([(.character(":"), .openCommandLine)], ":", "options without their dashes, e.g. :layers 2,3,1", hint: (":", "Cmd", 3)),
        row([(.tab, .switchFocus)], "Tab", "between the weights list and the diagram's neurons", hint: nil),
        row([(.character("="), .openEdit)], "=", "set the selected weight or bias (Tab: sample, η, λ)", hint: ("=", "Set", 4)),
        row([(.character("x"), .export)], "x", "export errors (CSV), run (JSON), link (.url) here", hint: ("x", "Export", 5)),
        row([(.character("?"), .toggleHelp), (.character("h"), .toggleHelp)], "?, h", "this help", hint: ("?", "Help", 0)),
        row([(.escape, .close)], "Esc", "close a prompt or view, stop a job; never quits", hint: nil),
        row([(.character("q"), .quit), (.control("c"), .quit)], "q, Ctrl-C", "quit", hint: ("q", "Quit", 0)),
    ]

    private static func row(_ keys: [(Key, Command)], _ names: String, _ action: String, hint: (String, String, Int)?) -> KeyBinding {
        KeyBinding(keys: keys.map { (key: $0.0, command: $0.1) }, names: names, action: action,
                   hint: hint.map { (key: $0.0, label: $0.1, rank: $0.2) })
    }

    /// The command a key sends outside the prompt, if any.
    public static func command(for key: Key) -> Command? {
        for binding in bindings {
            if let match = binding.keys.first(where: { $0.key == key }) { return match.command }
        }
        return nil
    }

    /// A typed character as a message names it: control characters by their code.
    static func name(of character: Character) -> String {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
              scalar.properties.generalCategory == .control else { return String(character) }
        return "U+" + String(scalar.value, radix: 16, uppercase: true)
    }
}
