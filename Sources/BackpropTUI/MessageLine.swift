import BackpropEngine

/// The message row: the open prompt with its own error, a divergence, what the last command
/// or event did, or the comparison with the post at 10,000.
struct MessageLine {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, limit = rect.x + rect.width
        if let prompt = state.prompt {
            Self.renderPrompt(prompt, into: &canvas, rect)
        } else if let divergence = trainer.divergence {
            canvas.fill(rect, with: " ", Style(.bad, reverse: true))
            let at = "diverged at iteration \(Format.count(divergence.iteration))"
            let texts = ["\(at) (η = \(Format.short(divergence.learningRate))): a number stopped being finite; "
                         + "the last finite state is shown · R resets",
                         "\(at) (η = \(Format.short(divergence.learningRate))): the last finite state is shown · R resets",
                         "\(at) · R resets"]
            canvas.put(" " + Self.fitting(texts, rect.width), x: rect.x, y: rect.y, Style(.bad, bold: true, reverse: true), limit: limit)
        } else if let message = state.message {
            canvas.put(message, x: rect.x, y: rect.y, Style(.accent), limit: limit)
        } else if let walk = state.walk {
            canvas.put(walk.hint, x: rect.x, y: rect.y, Style(.muted), limit: limit)
        } else if trainer.iteration == Post.finalIteration {
            canvas.fill(rect, with: " ", Style(.good, reverse: true))
            canvas.put(" " + Self.fitting(Self.banners(trainer), rect.width), x: rect.x, y: rect.y, Style(.good, bold: true, reverse: true), limit: limit)
        } else if trainer.iteration == 0 {
            canvas.put("iteration 0 is the starting network · space: one step · r: run · ?: help",
                       x: rect.x, y: rect.y, Style(.muted), limit: limit)
        }
    }

    static func renderPrompt(_ prompt: Prompt, into canvas: inout Canvas, _ rect: Rect) {
        let limit = rect.x + rect.width
        let label = switch prompt.kind {
        case .goTo: "Go to iteration: "
        case .edit(let quantity): "Set \(quantity.name) (Tab: next): "
        case .command: ":"
        case .set(let target): "Set \(target.name) (Tab: next): "
        }
        var x = canvas.put(label, x: rect.x, y: rect.y, Style(.accent, bold: true), limit: limit)
        x = canvas.put(prompt.text, x: x, y: rect.y, Style(.plain, bold: true, reverse: prompt.selected), limit: limit)
        x = canvas.put("▏", x: x, y: rect.y, Style(.current), limit: limit)
        if let error = prompt.error {
            canvas.put("  \(canvas.glyphs.fall) \(error)", x: x, y: rect.y, Style(.bad, bold: true), limit: limit)
        } else {
            let typing = prompt.selected ? "typing replaces · " : ""
            let tab = prompt.kind == .command ? "Tab completes · ↑ recalls · " : ""
            canvas.put("  \(typing)\(tab)Enter · Esc cancels · Ctrl-U clears", x: x, y: rect.y, Style(.muted), limit: limit)
        }
    }

    /// The longest of `variants` (longest first) that fits in `width` columns with its
    /// leading space, or the shortest.
    static func fitting(_ variants: [String], _ width: Int) -> String {
        variants.first { $0.count < width } ?? variants[variants.count - 1]
    }

    /// "iteration 10,000: E_total 0.000035085 — the post: 0.000035085 ✓ …", longest first.
    static func banners(_ trainer: Trainer) -> [String] {
        let ours = "iteration 10,000: E_total \(Format.number(trainer.forward.E_total))"
        guard let printed = Post.errorAfter[Post.finalIteration] else { return [ours] }
        let post = Format.number(printed)
        if let departure = trainer.departureFromThePost {
            return ["\(ours) — \(departure): the post's \(post) does not apply · r continues",
                    "\(ours) — \(departure): not the post's run",
                    "\(ours) — not the post's run"]
        }
        if trainer.settings.order == .published {
            let agrees = Format.number(trainer.forward.E_total) == post ? "✓" : "✗"
            return ["\(ours) — the post: \(post) \(agrees) · r continues", "\(ours) — the post: \(post) \(agrees)"]
        }
        let difference = Format.difference(trainer.forward.E_total - printed)
        return ["\(ours) — the post: \(post) (published order; textbook differs by \(difference)) · r continues",
                "\(ours) — the post: \(post) (published order; Δ \(difference))",
                "\(ours) — the post: \(post) (Δ \(difference))"]
    }
}
