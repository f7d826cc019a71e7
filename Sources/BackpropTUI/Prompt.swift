import BackpropEngine

/// The prompt in the message line: go to an iteration, or set a number (`=`).
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case goTo
        /// `:`: an option of the command line and its value.
        case command
        /// `=`: a weight, a bias, η, or an input or target of a one-sample run (Tab cycles).
        case set(Edit.Target)
    }

    public internal(set) var kind: Kind
    public internal(set) var text: String
    /// Whether the pre-filled text is selected: the first character typed replaces it.
    public internal(set) var selected = true
    /// Why the last key or Enter was refused, shown beside the text while it stays open.
    public internal(set) var error: String?
    /// Whether more was typed than the prompt holds; submitting then refuses.
    var overflowed = false
    /// Tab after Tab on the command line: the line before the last word, the candidates for
    /// it, and the one now in place.
    var cycling: Cycle?

    struct Cycle: Sendable, Equatable {
        let line: String, candidates: [String], index: Int
    }

    init(_ kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}


extension Prompt {
    /// Why a prompt refuses what was typed or entered.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Typing: digits up to the go-to limit for a go-to, a number for `=` (at most
    /// `Timing.editLimit` characters), any printable text for the command line; what is
    /// refused is said beside the text and leaves it as it was.
    mutating func insert(_ typed: String) {
        // The screen writes − (U+2212); typed or pasted back, it means the ASCII minus.
        let text = String(typed.filter { !$0.isControl }.map { $0 == "−" ? "-" : $0 })
        guard !text.isEmpty else { return }
        var base = selected ? "" : self.text
        switch kind {
        case .goTo:
            guard text.allSatisfy(\.isASCIIDigit) else {
                error = "digits only"
                return
            }
            base += text
            while base.count > 1, base.first == "0" { base.removeFirst() }
            guard let value = Int(base), value <= Timing.goToLimit else {
                error = "at most \(Format.count(Timing.goToLimit))"
                return
            }
        case .set:
            // Only a decimal number's characters: Double would read 0x10 as 16, and inf or nan.
            guard text.allSatisfy({ "0123456789.eE+-".contains($0) }) else {
                error = "a number: digits . − + e"
                return
            }
            base += text
            if base.count > Timing.editLimit {
                overflowed = true
                error = "too long (max \(Timing.editLimit))"
                base = String(base.prefix(Timing.editLimit))
            }
        case .command:
            type(text)
            return
        }
        self.text = base
        selected = false
    }

    /// Backspace: one character less, and whatever was refused forgotten.
    mutating func backspace() {
        selected = false
        error = nil
        overflowed = false
        if !text.isEmpty { text.removeLast() }
    }

    /// Ctrl-U: empty, and whatever was refused forgotten.
    mutating func clear() {
        text = ""
        selected = false
        error = nil
        overflowed = false
    }

    /// The iteration a go-to prompt asks for; refused while a refusal of what was typed
    /// stands (`1e5` left `15` beside "digits only": Enter does not go to 15).
    func iteration() -> Result<Int, Refusal> {
        if let standing { return .failure(standing) }
        guard let target = Int(text) else { return .failure(Refusal(description: "type an iteration number, or Esc to cancel")) }
        // The pre-filled iteration of a loaded run may be past what typing allows.
        guard target <= Timing.goToLimit else { return .failure(Refusal(description: "at most \(Format.count(Timing.goToLimit))")) }
        return .success(target)
    }

    /// A refusal of what was typed, while it stands: Enter is refused too, so that what was
    /// left of a typed text is never taken for what was meant.
    private var standing: Refusal? {
        let then = " — Backspace or Ctrl-U, then Enter"
        return error.map { Refusal(description: $0.hasSuffix(then) ? $0 : $0 + then) }
    }

    /// The number entered into a `=` prompt, or why it is refused (η must be above 0).
    func number(learningRate: Bool) -> Result<Double, Refusal> {
        if let standing { return .failure(standing) }
        if text.isEmpty { return .failure(Refusal(description: "type a number, or Esc to cancel")) }
        guard let value = Double(text), value.isFinite else { return .failure(Refusal(description: "not a finite number")) }
        if Double.underflows(text, to: value) {
            return .failure(Refusal(description: "too small for a double: it would be 0"))
        }
        if learningRate, value <= 0 { return .failure(Refusal(description: "η must be above 0")) }
        return .success(value)
    }
}

extension Character {
    /// C0 and C1 control characters and DEL: never drawn, never typed into a prompt.
    var isControl: Bool {
        if let ascii = asciiValue { return ascii < 32 || ascii == 127 }
        return unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
