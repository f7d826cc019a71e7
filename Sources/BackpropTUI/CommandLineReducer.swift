import Foundation
import BackpropEngine

/// The `:` command line's half of the reducer: recalling earlier lines and running a line
/// (typing and Tab completion are the prompt's own).
extension AppState {
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
    mutating func submitCommandLine() -> [Effect] {
        guard let text = prompt?.text.trimmingCharacters(in: .whitespaces) else { return [] }
        // A line cut at the limit is not run as if it had been typed so.
        if prompt?.overflowed == true {
            prompt?.error = "too long (max \(Prompt.commandLimit)): the line was cut — Backspace or Ctrl-U, then Enter"
            return []
        }
        if text.hasPrefix("playground ") {
            let link = String(text.dropFirst("playground ".count)).trimmingCharacters(in: .whitespaces)
            guard !link.contains(where: \.isWhitespace) else {
                prompt?.error = RecipeOption.playgroundAlone
                return []
            }
            openPlayground(link, line: text)
            return []
        }
        var changed = recipe
        let applied: (change: String, restarts: Bool)
        var made: NewRun?
        do {
            applied = try RecipeOption.apply(text, to: &changed)
            // A large run is made away from the screen's loop; its shape and memory are checked here.
            if applied.restarts { if changed.buildsSlowly { _ = try changed.checkedArchitecture() } else { made = NewRun(try changed.trainer()) } }
        } catch {
            prompt?.error = error.description
            return []
        }
        if commandHistory.last != text { commandHistory.append(text) }
        prompt = nil
        if applied.restarts {
            return rebuild(changed, applied.change, made: made)
        } else {
            // η and λ change on the run's timeline, as `=` sets them.
            var said: [String] = []
            if changed.learningRate != recipe.learningRate, trainer.edit(.learningRate, to: changed.learningRate) {
                said.append("η = \(Format.short(changed.learningRate))")
            }
            if let rate = changed.regularization?.rate, rate != recipe.regularization?.rate, trainer.edit(.penaltyRate, to: rate) {
                said.append("λ = \(Format.short(rate))")
            }
            recipe = changed
            message = said.isEmpty ? "nothing changed" : said.joined(separator: ", ") + " from the next update on"
        }
        return []
    }
}

extension AppState {
    /// `:playground URL`: the link's experiment replaces the run. A link without a seed takes
    /// one from the run's own seed (the screen draws no random numbers), and says so.
    mutating func openPlayground(_ text: String, line: String) {
        let link: PlaygroundLink, seed: String, built: (trainer: Trainer, recipe: Recipe)
        do {
            link = try PlaygroundLink(text)
            seed = link.seed ?? String(format: "%.5f", Double(recipe.seed % 100_000) / 100_000)
        } catch {
            prompt?.error = error.description
            return
        }
        do {
            built = try Recipe.playground(link, seed: seed)
        } catch {
            prompt?.error = error.description
            return
        }
        if commandHistory.last != line { commandHistory.append(line) }
        prompt = nil
        restart(built.recipe, "playground" + (link.seed == nil ? " (no seed in the link: seed=\(seed))" : ""), trainer: NewRun(built.trainer))
        followTheLinksView()
    }
}

extension Prompt {
    /// The longest line the command line takes: room for a Playground link.
    static let commandLimit = 1_024

    /// Typing into the command line: printable characters, at most `commandLimit`.
    mutating func type(_ typed: String) {
        let typed = String(typed.filter { !$0.isControl })
        guard !typed.isEmpty else { return }
        error = nil
        cycling = nil
        if text.count + typed.count > Self.commandLimit {
            error = "too long (max \(Self.commandLimit))"
            overflowed = true
            text = String((text + typed).prefix(Self.commandLimit))
        } else {
            text += typed
        }
    }

    /// Tab: completes the option's name or value, or lists what could follow; Tab again puts
    /// each candidate in turn in place of the last word (the list, from it on, beside the text).
    mutating func complete() {
        if let cycle = cycling, text == cycle.line + cycle.candidates[cycle.index] {
            let candidates = cycle.candidates, next = (cycle.index + 1) % candidates.count
            text = cycle.line + candidates[next]
            cycling = Cycle(line: cycle.line, candidates: candidates, index: next)
            error = "▸ " + (candidates[next...] + candidates[..<next]).joined(separator: " ")
            return
        }
        cycling = nil
        let candidates = RecipeOption.candidates(for: text)
        if let completed = RecipeOption.complete(text), completed != text {
            text = completed
            error = nil
        } else if candidates.isEmpty {
            error = RecipeOption.hint(for: text)
        } else if error == candidates.joined(separator: " ") {
            // The list is already beside the text: the first candidate goes in.
            let line = String(text.dropLast(text.split(separator: " ", omittingEmptySubsequences: false).last?.count ?? 0))
            text = line + candidates[0]
            cycling = Cycle(line: line, candidates: candidates, index: 0)
            error = "▸ " + candidates.joined(separator: " ")
        } else {
            error = candidates.joined(separator: " ")
        }
    }
}
