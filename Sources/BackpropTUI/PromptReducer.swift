import BackpropEngine
import Foundation

/// The prompt's half of the reducer: typing, refusing with a reason, and submitting.
extension AppState {
    mutating func openEdit(_ quantity: Quantity) {
        prompt = Prompt(.edit(quantity), text: "\(quantity.value(in: trainer.network, trainer.settings))")
    }

    /// Enter: goes, or sets the number; a refused entry keeps the prompt open with its reason.
    mutating func submitPrompt() -> [Effect] {
        guard let current = prompt else { return [] }
        switch current.kind {
        case .goTo:
            switch current.iteration() {
            case .success(let target):
                prompt = nil
                return goTo(target)
            case .failure(let refusal):
                prompt?.error = refusal.description
                return []
            }
        case .edit(let quantity):
            if let reason = editRefusal(quantity, current) {
                prompt?.error = reason
                return []
            }
            prompt = nil
            return []
        case .command:
            // A change on the post's screen opens the screen of any network with it.
            let text = current.text.trimmingCharacters(in: .whitespaces)
            var changed = recipe
            do {
                let applied = try RecipeOption.apply(text, to: &changed)
                _ = try changed.trainer()
                prompt = nil
                // Order, bias training and η are the post's screen's own: they stay here.
                if Recipe(layers: [2, 2, 2], bias: .shared, data: .builtIn(.post), learningRate: changed.learningRate, order: changed.order,
                          trainBiases: changed.trainBiases) == changed {
                    stayOnThePostsScreen(changed, applied.change)
                    return []
                }
                return [.openGeneral(changed, message: "\(applied.change) — \(changed.layers.map(String.init).joined(separator: "-")) "
                    + "on \(changed.dataName), on the screen of any network, training from iteration 0")]
            } catch {
                prompt?.error = error.description
                return []
            }
        case .set:
            return []
        }
    }

    /// A `:` change the post's screen makes itself: the order or bias training (starting
    /// over, as `o` and `b` do) and η (from the next update on, as `=` does).
    private mutating func stayOnThePostsScreen(_ changed: Recipe, _ change: String) {
        var settings = trainer.settings
        if changed.order != settings.order || changed.trainBiases != settings.trainBiases {
            settings.order = changed.order
            settings.trainBiases = changed.trainBiases
            trainer = Trainer(start: trainer.start, settings: settings)
            if overlay == .checkpoints { checkpoints = Post.checkpoints(order: settings.order) }
            message = "\(change) — reset to iteration 0"
        }
        if changed.learningRate != trainer.settings.learningRate {
            trainer.edit(.learningRate, to: changed.learningRate)
            message = "\(change) at iteration \(Format.count(trainer.iteration)) · replayed when the run passes it again"
        }
    }

    /// Applies an edit, or says why not (nothing changes then).
    private mutating func editRefusal(_ quantity: Quantity, _ current: Prompt) -> String? {
        let value: Double
        switch current.number(learningRate: quantity == .learningRate) {
        case .success(let number): value = number
        case .failure(let refusal): return refusal.description
        }
        guard trainer.edit(quantity, to: value) else { return "that makes the network's numbers non-finite" }
        message = "\(quantity.name) set to \(Format.exact(value)) at iteration \(Format.count(trainer.iteration))"
            + " · replayed when the run passes it again"
        return nil
    }
}

extension Prompt {
    /// Why a prompt refuses what was typed or entered.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Typing: digits up to the go-to limit for a go-to, a number for `=` (at most
    /// `AppState.editLimit` characters), any printable text for the command line; what is
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
            guard let value = Int(base), value <= AppState.goToLimit else {
                error = "at most \(Format.count(AppState.goToLimit))"
                return
            }
        case .edit, .set:
            guard !text.contains(where: { $0.isWhitespace || !$0.isASCII }) else {
                error = "a number: digits . − + e"
                return
            }
            base += text
            if base.count > AppState.editLimit {
                overflowed = true
                error = "too long (max \(AppState.editLimit))"
                base = String(base.prefix(AppState.editLimit))
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
        let then = " — Backspace or Ctrl-U, then Enter"
        if let error { return .failure(Refusal(description: error.hasSuffix(then) ? error : error + then)) }
        guard let target = Int(text) else { return .failure(Refusal(description: "type an iteration number, or Esc to cancel")) }
        return .success(target)
    }

    /// The number entered into a `=` prompt, or why it is refused (η must be above 0).
    func number(learningRate: Bool) -> Result<Double, Refusal> {
        if overflowed { return .failure(Refusal(description: "too long (max \(AppState.editLimit))")) }
        if text.isEmpty { return .failure(Refusal(description: "type a number, or Esc to cancel")) }
        guard let value = Double(text), value.isFinite else { return .failure(Refusal(description: "not a finite number")) }
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
