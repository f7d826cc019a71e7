import BackpropEngine
import Foundation

/// The prompt's half of the reducer: typing, refusing with a reason, and submitting.
extension AppState {
    mutating func openEdit(_ quantity: Quantity) {
        prompt = Prompt(.edit(quantity), text: "\(quantity.value(in: trainer.network, trainer.settings))")
    }

    mutating func insertIntoPrompt(_ typed: String) {
        guard var current = prompt else { return }
        // The screen writes − (U+2212); typed or pasted back, it means the ASCII minus.
        let text = String(typed.filter { !$0.isControl }.map { $0 == "−" ? "-" : $0 })
        guard !text.isEmpty else { return }
        var base = current.selected ? "" : current.text
        switch current.kind {
        case .goTo:
            guard text.allSatisfy(\.isASCIIDigit) else {
                current.error = "digits only"
                prompt = current
                return
            }
            base += text
            while base.count > 1, base.first == "0" { base.removeFirst() }
            guard let value = Int(base), value <= Self.goToLimit else {
                current.error = "at most \(Format.count(Self.goToLimit))"
                prompt = current
                return
            }
        case .edit:
            guard !text.contains(where: { $0.isWhitespace || !$0.isASCII }) else {
                current.error = "a number: digits . − + e"
                prompt = current
                return
            }
            base += text
            if base.count > Self.editLimit {
                current.overflowed = true
                current.error = "too long (max \(Self.editLimit))"
                base = String(base.prefix(Self.editLimit))
            }
        case .command:
            current.type(text)
            prompt = current
            return
        case .set:
            return
        }
        current.text = base
        current.selected = false
        prompt = current
    }

    /// Enter: goes, or sets the number; a refused entry keeps the prompt open with its reason.
    mutating func submitPrompt() -> [Effect] {
        guard let current = prompt else { return [] }
        switch current.kind {
        case .goTo:
            guard let target = Int(current.text) else {
                prompt?.error = "type an iteration number, or Esc to cancel"
                return []
            }
            prompt = nil
            return goTo(target)
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
                if Recipe(layers: [2, 2, 2], data: .builtIn(.post), learningRate: changed.learningRate, order: changed.order,
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
        if current.overflowed { return "too long (max \(Self.editLimit))" }
        if current.text.isEmpty { return "type a number, or Esc to cancel" }
        guard let value = Double(current.text), value.isFinite else { return "not a finite number" }
        if quantity == .learningRate, value <= 0 { return "η must be above 0" }
        guard trainer.edit(quantity, to: value) else { return "that makes the network's numbers non-finite" }
        message = "\(quantity.name) set to \(Format.exact(value)) at iteration \(Format.count(trainer.iteration))"
            + " · replayed when the run passes it again"
        return nil
    }
}

extension Character {
    /// C0 and C1 control characters and DEL: never drawn, never typed into a prompt.
    var isControl: Bool {
        if let ascii = asciiValue { return ascii < 32 || ascii == 127 }
        return unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
