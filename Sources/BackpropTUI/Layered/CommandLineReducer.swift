import Foundation
import BackpropEngine

/// The `:` command line's half of the reducer: typing, Tab completion, recalling earlier
/// lines, and running a line.
extension LayeredState {
    mutating func insertIntoCommandLine(_ typed: String) {
        guard var current = prompt else { return }
        let text = String(typed.filter { !$0.isControl })
        guard !text.isEmpty else { return }
        current.error = nil
        if current.text.count + text.count > Self.commandLimit {
            current.error = "too long (max \(Self.commandLimit))"
            current.text = String((current.text + text).prefix(Self.commandLimit))
        } else {
            current.text += text
        }
        prompt = current
    }

    /// Tab: completes the option's name or value, or lists what could follow.
    mutating func completeCommandLine() {
        guard let text = prompt?.text else { return }
        let candidates = RecipeOption.candidates(for: text)
        if let completed = RecipeOption.complete(text), completed != text {
            prompt?.text = completed
            prompt?.error = nil
        } else if candidates.isEmpty {
            prompt?.error = text.contains(" ") ? "any number" : "no option starts so"
        } else {
            prompt?.error = candidates.joined(separator: " ")
        }
    }

    /// ↑ ↓: the previous or next line run, newest first.
    mutating func recall(_ offset: Int) {
        guard prompt?.kind == .command, !commandHistory.isEmpty else { return }
        let index = (recalled ?? commandHistory.count) + offset
        guard index >= 0 else { return }
        if index >= commandHistory.count {
            recalled = nil
            prompt?.text = ""
        } else {
            recalled = index
            prompt?.text = commandHistory[index]
        }
        prompt?.error = nil
    }

    /// Enter: runs the line. A bad line stays open with its reason and changes nothing.
    mutating func submitCommandLine() {
        guard let text = prompt?.text.trimmingCharacters(in: .whitespaces) else { return }
        let parsed: (option: RecipeOption, value: String)
        var changed = recipe
        do {
            parsed = try RecipeOption.parse(text)
            try parsed.option.apply(&changed, parsed.value)
            if parsed.option.restarts { _ = try changed.trainer() }
        } catch {
            prompt?.error = error.description
            return
        }
        if commandHistory.last != text { commandHistory.append(text) }
        prompt = nil
        if parsed.option.restarts {
            restart(changed, "\(parsed.option.name) \(parsed.value)")
        } else {
            recipe = changed
            trainer.edit(.learningRate, to: changed.learningRate)
            message = "η = \(Format.short(changed.learningRate)) from the next update on"
        }
    }
}
