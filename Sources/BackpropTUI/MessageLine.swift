import BackpropEngine

/// The message row's parts: the open prompt with its own error, and the comparison with the post at
/// 10,000.
extension MessageLine {
    static func renderPrompt(_ prompt: Prompt, into canvas: inout Canvas, _ rect: Rect) {
        let limit = rect.x + rect.width
        let label = switch prompt.kind {
        case .goTo: "Go to iteration: "
        case .command: ":"
        case .set(let target): "Set \(target.name) (Tab: next): "
        }
        var x = canvas.put(label, x: rect.x, y: rect.y, Style(.accent, bold: true), limit: limit)
        // A line longer than the room (a pasted link) shows its end, where the cursor is.
        let room = max(8, limit - x - 1 - (prompt.error.map { min($0.count + 4, rect.width / 2) } ?? 0))
        let shown = prompt.text.count > room ? "…" + prompt.text.suffix(room - 1) : prompt.text
        x = canvas.put(shown, x: x, y: rect.y, Style(.plain, bold: true, reverse: prompt.selected), limit: limit)
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
        let error = trainer.trainingError.latest, ours = "iteration 10,000: E_total \(Format.number(error))"
        guard let printed = Post.errorAfter[Post.finalIteration] else { return [ours] }
        let post = Format.number(printed)
        if let departure = trainer.departureFromThePost {
            return ["\(ours) — \(departure): the post's \(post) does not apply · r continues",
                    "\(ours) — \(departure): not the post's run",
                    "\(ours) — not the post's run"]
        }
        if trainer.settings.order == .published {
            let agrees = Format.number(error) == post ? "✓" : "✗"
            return ["\(ours) — the post: \(post) \(agrees) · r continues", "\(ours) — the post: \(post) \(agrees)"]
        }
        let difference = Format.difference(error - printed)
        return ["\(ours) — the post: \(post) (published order; textbook differs by \(difference)) · r continues",
                "\(ours) — the post: \(post) (published order; Δ \(difference))",
                "\(ours) — the post: \(post) (Δ \(difference))"]
    }
}
