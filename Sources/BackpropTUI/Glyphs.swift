/// The characters the screen is drawn with: Unicode, or plain ASCII for terminals whose
/// locale is not UTF-8.
public struct Glyphs: Sendable, Equatable {
    public let horizontal: Character, vertical: Character
    public let topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    public let arrow: Character, rise: Character, fall: Character, selected: Character
    public let point: Character, span: Character, current: Character, reference: Character
    public let diagonalDown: Character, diagonalUp: Character, toDown: Character, toUp: Character
    let isASCII: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
        arrow: "▶", rise: "▲", fall: "▼", selected: "▸",
        point: "•", span: "┃", current: "●", reference: "┄",
        diagonalDown: "╲", diagonalUp: "╱", toDown: "↘", toUp: "↗", isASCII: false)

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        arrow: ">", rise: "^", fall: "v", selected: ">",
        point: "*", span: "|", current: "@", reference: "-",
        diagonalDown: "\\", diagonalUp: "/", toDown: ">", toUp: ">", isASCII: true)

    /// `text` as this glyph set shows it: unchanged in Unicode, transliterated in ASCII.
    public func render(_ text: String) -> String {
        guard isASCII, !text.allSatisfy(\.isASCII) else { return text }
        var result = ""
        let characters = Array(text)
        var formula = false
        for (index, character) in characters.enumerated() {
            if character == "=" { formula = true }
            if character.isASCII {
                result.append(character)
            } else if character == "·", formula || (index > 0 && index + 1 < characters.count
                                                   && characters[index - 1] != " " && characters[index + 1] != " ") {
                // A product: inside a term (0.15·0.05) or anywhere after a formula's "=";
                // elsewhere ( · ) it separates the parts of a line.
                result += "*"
            } else {
                result += Self.asciiFallback[character] ?? "?"
            }
        }
        return result
    }

    private static let asciiFallback: [Character: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "┄": "-", "┊": ":", "╲": "\\", "╱": "/",
        "▶": ">", "◀": "<", "▲": "^", "▼": "v", "▸": ">", "•": "*", "●": "@", "·": ".",
        "↘": ">", "↗": ">", "→": "->", "←": "<-", "↑": "^", "↓": "v", "…": "...",
        "∂": "d", "η": "eta", "δ": "delta", "Δ": "D", "Σ": "sum", "×": "x", "−": "-",
        "≤": "<=", "≥": ">=", "≈": "~", "⁺": "+", "²": "^2", "½": "1/2", "—": "-", "–": "-",
        "✓": "ok", "÷": "/", "↔": "<->", "₁": "1", "₀": "0", "✗": "X", "⏸": "||", "█": "#", "▏": "|",
        "≠": "!=", "◂": "<", "⠀": " ", "◦": "o", "○": "o", "◇": "=", "⋮": ":", "░": ".", "▒": ":", "▓": "+", "▀": "#",
    ]
}
