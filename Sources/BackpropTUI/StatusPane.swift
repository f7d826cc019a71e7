import BackpropEngine

/// Two status rows: where training is (iteration, E_total, outputs against targets) and how it
/// trains (order, biases, η, paused or running, speed).
struct StatusPane {
    let state: AppState
    let roomy: Bool

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer, f = trainer.forward, n = trainer.network
        let separator = " \(canvas.glyphs.vertical) "
        var x = rect.x
        func field(_ label: String, _ value: String, _ role: Role = .plain, y: Int, first: Bool = false) {
            if !first { x = canvas.put(separator, x: x, y: y, Style(.muted)) }
            if !label.isEmpty { x = canvas.put(label + " ", x: x, y: y, Style(.label)) }
            x = canvas.put(value, x: x, y: y, Style(role, bold: true))
        }
        let top = rect.y
        field(roomy ? "iteration" : "iter", Format.count(trainer.iteration), y: top, first: true)
        field("E_total", Format.fixed(f.E_total), .accent, y: top)
        let arrow = roomy ? " → " : "→"
        field(roomy ? "out_o1" : "o1", Format.fixed(f.out_o1) + arrow + Format.short(n.target_o1), y: top)
        field(roomy ? "out_o2" : "o2", Format.fixed(f.out_o2) + arrow + Format.short(n.target_o2), y: top)

        x = rect.x
        let bottom = rect.y + 1
        let settings = trainer.settings
        field("", "\(settings.order.rawValue) order", .accent, y: bottom, first: true)
        field("", settings.trainBiases ? "biases trained" : "biases fixed", y: bottom)
        field("η", Format.short(settings.learningRate), y: bottom)
        if trainer.divergence != nil {
            field("", "diverged", .bad, y: bottom)
        } else if state.running {
            field("", "\(canvas.glyphs.arrow) running", .good, y: bottom)
        } else {
            field("", "paused", .warning, y: bottom)
        }
        var speed = state.speed.label
        if state.running, let rate = state.measuredRate { speed += " (measured \(Format.count(Int(rate)))/s)" }
        field("speed", speed, y: bottom)
    }
}

/// The message row: the go-to prompt, a divergence, the comparison with the post at
/// iteration 10,000, or what the last command did.
struct MessageLine {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let trainer = state.trainer
        if let prompt = state.prompt {
            let label = switch state.promptKind {
            case .goTo: "Go to iteration: "
            case .edit(let target): "Set \(target.label) (Tab: next number): "
            }
            var x = canvas.put(label, x: rect.x, y: rect.y, Style(.accent, bold: true))
            x = canvas.put(prompt, x: x, y: rect.y, Style(.plain, bold: true))
            x = canvas.put("▏", x: x, y: rect.y, Style(.current))
            canvas.put("   Enter · Ctrl-U clears · Esc cancels", x: x, y: rect.y, Style(.muted), limit: rect.x + rect.width)
            return
        }
        if let divergence = trainer.divergence {
            canvas.fill(rect, with: " ", Style(.bad, reverse: true))
            canvas.put(" diverged at iteration \(Format.count(divergence.iteration)) (η = \(Format.short(divergence.learningRate))): "
                + "a number stopped being finite; the last finite state is shown · R resets",
                x: rect.x, y: rect.y, Style(.bad, bold: true, reverse: true))
            return
        }
        if let message = state.message {
            canvas.put(message, x: rect.x, y: rect.y, Style(.accent))
        } else if trainer.iteration == Post.finalIteration {
            canvas.fill(rect, with: " ", Style(.good, reverse: true))
            let text = banners(trainer).first { $0.count < rect.width } ?? ""
            canvas.put(" " + text, x: rect.x, y: rect.y, Style(.good, bold: true, reverse: true))
        } else if trainer.iteration == 0 {
            canvas.put("iteration 0 is the starting network · space: one step · r: run · ?: help",
                       x: rect.x, y: rect.y, Style(.muted))
        }
    }

    /// "iteration 10,000: E_total 0.000035085 — the post: 0.000035085 …", longest first.
    func banners(_ trainer: Trainer) -> [String] {
        let ours = "iteration 10,000: E_total \(Format.fixed(trainer.forward.E_total))"
        guard Post.isPostsRun(start: trainer.start, settings: trainer.settings),
              let printed = Post.errorAfter[Post.finalIteration] else {
            return ["\(ours) — the post's 0.000035085 is for its own network · r continues",
                    "\(ours) — not the post's network"]
        }
        let post = Format.fixed(printed)
        if trainer.settings.order == .published {
            let agrees = Format.fixed(trainer.forward.E_total) == post ? "✓" : "✗"
            return ["\(ours) — the post: \(post) \(agrees) · r continues", "\(ours) — the post: \(post) \(agrees)"]
        }
        let difference = String(format: "%+.1e", trainer.forward.E_total - printed)
        return ["\(ours) — the post: \(post) (published order; textbook differs by \(difference)) · r continues",
                "\(ours) — the post: \(post) (published order; Δ \(difference))",
                "\(ours) — the post: \(post) (Δ \(difference))"]
    }
}

/// The htop-style key-hint bar: the main keys, the toggles when there is room, then help and quit.
struct HintBar {
    static let main: [(key: String, label: String)] = [
        ("spc", "Step"), ("r", "Run"), ("+-", "Speed"), ("g", "Go to"), ("R", "Reset"),
        ("e", "Explain"), ("c", "Check"), ("t", "Post"),
    ]
    static let toggles: [(key: String, label: String)] = [("o", "Order"), ("b", "Bias"), ("l", "Scale")]
    static let last: [(key: String, label: String)] = [("?", "Help"), ("q", "Quit")]

    static func width(_ hints: [(key: String, label: String)]) -> Int {
        hints.reduce(0) { $0 + $1.key.count + $1.label.count + 2 }
    }

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let roomForToggles = Self.width(Self.main + Self.toggles + Self.last) <= rect.width
        var x = rect.x
        let limit = rect.x + rect.width
        for hint in Self.main + (roomForToggles ? Self.toggles : []) + Self.last {
            x = canvas.put(hint.key, x: x, y: rect.y, Style(.key, bold: true), limit: limit)
            x = canvas.put(" \(hint.label) ", x: x, y: rect.y, Style(.key, reverse: true), limit: limit)
        }
        canvas.restyle(y: rect.y, x: x, width: limit - x, Style(.key, reverse: true))
    }
}
