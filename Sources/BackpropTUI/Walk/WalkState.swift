import BackpropEngine

/// A walk through the next iteration, revealed a sub-step at a time.
public struct WalkState: Sendable {
    public let walk: Walk
    /// How many sub-steps are shown (1 … walk.steps.count); the last applies the update.
    public internal(set) var shown = 1 {
        didSet { scroll = 0 }
    }
    /// Rows the derivation is scrolled back from its newest line (↑ ↓ PgUp PgDn).
    public internal(set) var scroll = 0
    /// The iteration the walk starts from.
    public let iteration: Int
    /// The post's figures by name, for its own run at iteration 0.
    public let figures: [String: Checkpoint]?

    /// Whether the walk has reached its last sub-step, which applies the update.
    public var isComplete: Bool { shown == walk.steps.count }

    /// The sub-step shown last: what the diagram highlights.
    public var current: WalkStep { walk.steps[shown - 1] }

    /// The message line's note while walking.
    var hint: String {
        isComplete ? "iteration \(Format.count(iteration + 1)) applied, exactly as space does · n walks the next one · N takes it back"
            : "walking through iteration \(Format.count(iteration + 1)): \(current.section.lowercased())"
    }
}

extension WalkState {
    /// The walk's lines up to the current sub-step, each with its style: section headings,
    /// formulas with the post's figure beside them, notes; the current sub-step stands out.
    func lines() -> [(text: String, role: Role, bold: Bool)] {
        var lines: [(String, Role, Bool)] = []
        var section = ""
        for (index, step) in walk.steps.prefix(shown).enumerated() {
            if step.section != section {
                section = step.section
                lines.append((section, .title, true))
            }
            let current = index == shown - 1
            lines.append(("  " + step.line + (Walk.comparison(step, figures).map { "   " + $0 } ?? ""), current ? .current : .plain, current))
            if let note = step.note { lines.append(("    " + note, .muted, false)) }
        }
        return lines
    }
}
