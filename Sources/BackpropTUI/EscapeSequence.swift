import Foundation

/// What the terminal sent after an ESC, read whole so that none of its bytes act as keys:
/// curses decodes the sequences its terminfo entry names, and this reads the rest (SGR mouse
/// reports, bracketed pastes, focus events, replies, anything unknown).
public enum EscapeSequence: Sendable, Equatable {
    /// ESC alone: the Escape key.
    case escape
    /// ESC, then a key that starts no sequence: Escape, then that key (a script's keys come
    /// this close together; the program uses no Alt combinations).
    case escapeThen(Key)
    /// ESC, ESC, then a key that starts no sequence: Escape twice, then that key.
    case escapeTwiceThen(Key)
    /// An SGR mouse report of the left button pressed, at a cell counted from 0.
    case click(x: Int, y: Int)
    /// Any other mouse report (a release, a move, the wheel, another button), or a focus event.
    case ignored
    /// A bracketed paste's text.
    case paste(String)
    /// A sequence the program does not use, named as written: "ESC [ 2 SP q".
    case unknown(String)

    /// The most text a paste keeps; the rest is read and dropped.
    static let pasteLimit = 4_096
    /// The most characters of one sequence kept to name it; a longer one is unknown.
    static let sequenceLimit = 64

    /// Reads the sequence after an ESC from `next`, which gives the following keys (nil when
    /// none is waiting).
    public static func read(_ next: () -> Key?) -> EscapeSequence {
        guard let first = next() else { return .escape }
        switch first {
        case .character("["): return control(next, introducer: "ESC [ ")
        // SS3: one final byte, or with parameters (Ctrl-F3 as ESC O 5 R).
        case .character("O"): return control(next, introducer: "ESC O ")
        // ESC ESC [ or ESC ESC O: a Meta prefix before a sequence (rxvt's Meta-Up is ESC ESC [ A),
        // read whole; otherwise Escape pressed twice, then the key after it.
        case .escape:
            guard let after = next() else { return .escapeThen(.escape) }
            if after == .character("[") { return control(next, introducer: "ESC [ ") }
            if after == .character("O") { return control(next, introducer: "ESC O ") }
            return .escapeTwiceThen(after)
        case .character(let c) where "]P_^".contains(c): return string(c, next)
        default: return .escapeThen(first)
        }
    }

    /// A CSI (or SS3) sequence: parameters (0x30–0x3F), intermediates (0x20–0x2F), a final byte
    /// (0x40–0x7E). However long it is, and whatever stray bytes it holds (a control or a
    /// non-ASCII character), it is read to its final byte, so that none of its bytes acts as a
    /// key; only its first `sequenceLimit` characters are kept to name it.
    private static func control(_ next: () -> Key?, introducer: String) -> EscapeSequence {
        var body: [Character] = [], length = 0, stray = false
        while let key = next() {
            guard case .character(let c) = key, let value = c.asciiValue, value >= 0x20 else {
                stray = true
                continue
            }
            length += 1
            if length <= sequenceLimit { body.append(c) }
            if (0x40 ... 0x7E).contains(value) {
                guard length <= sequenceLimit, !stray else { return .unknown(introducer + spelled(body) + " …") }
                if introducer == "ESC O " { return .unknown(introducer + spelled(body)) }
                return String(body) == "200~" ? .paste(pasted(next)) : meaning(String(body))
            }
            if value == 0x7F { stray = true }
        }
        return .unknown(introducer + spelled(body))
    }

    private static func meaning(_ body: String) -> EscapeSequence {
        if body == "I" || body == "O" { return .ignored }
        if body.hasPrefix("<"), let final = body.last, final == "M" || final == "m" {
            let numbers = body.dropFirst().dropLast().split(separator: ";").map { Int($0) }
            guard numbers.count == 3, let button = numbers[0], let x = numbers[1], let y = numbers[2] else { return .unknown("ESC [ " + spelled(Array(body))) }
            return final == "M" && button == 0 && x >= 1 && y >= 1 ? .click(x: x - 1, y: y - 1) : .ignored
        }
        return .unknown("ESC [ " + spelled(Array(body)))
    }

    /// After `ESC [ 200 ~`: the pasted text up to `ESC [ 201 ~`.
    public static func pasted(_ next: () -> Key?) -> String {
        var text = "", kept = 0, tail: [Character] = []
        let end = Array("\u{1B}[201~")
        while let key = next() {
            let c: Character = switch key {
            case .character(let c): c
            case .enter: "\n"
            case .tab: "\t"
            case .escape: "\u{1B}"
            default: "\u{FFFD}"
            }
            tail.append(c)
            if tail.count > end.count {
                let c = tail.removeFirst()
                if kept < pasteLimit { text.append(c) }
                kept += 1
            }
            if tail == end { return text }
        }
        return text + String(tail)
    }

    /// An OSC, DCS, APC or PM string, up to BEL or ESC \: a terminal's reply.
    private static func string(_ kind: Character, _ next: () -> Key?) -> EscapeSequence {
        var count = 0
        while count < pasteLimit, let key = next() {
            count += 1
            if key == .control("g") { break }
            if key == .escape {
                _ = next()  // the backslash of ESC \
                break
            }
        }
        return .unknown("ESC \(kind) …")
    }

    private static func spelled(_ characters: [Character]) -> String {
        characters.map { $0 == " " ? "SP" : String($0) }.joined(separator: " ")
            .replacingOccurrences(of: #"(\d) (?=\d)"#, with: "$1", options: .regularExpression)
    }

}

extension Command {
    /// The command a sequence means: a click selects, a paste is text in a prompt (on one
    /// line, control characters dropped) and ignored elsewhere, Alt and unknown sequences are
    /// named in the message line.
    /// For `.escapeThen` and `.escapeTwiceThen`, the command of the first Escape; the rest follow it.
    public static func from(_ sequence: EscapeSequence, prompt: Bool, tooSmall: Bool, double: Bool = false) -> Command? {
        switch sequence {
        case .escape, .escapeThen, .escapeTwiceThen: return from(.escape, prompt: prompt, tooSmall: tooSmall)
        case .click(let x, let y): return from(.click(x: x, y: y, double: double), prompt: prompt, tooSmall: tooSmall)
        case .ignored: return nil
        case .paste(let text):
            guard prompt else { return tooSmall ? nil : .ignoredInput("a paste: only a prompt (: = g) takes pasted text") }
            let line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { !$0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
            return .promptInsert(line)
        case .unknown(let name): return tooSmall ? nil : .ignoredInput("the terminal's sequence \(name)")
        }
    }
}
