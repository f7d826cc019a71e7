import BackpropEngine

/// Backprop's gradient of every weight and bias of any network beside a central difference
/// on the next batch: ✓ where they agree. The rows around the selected parameter are shown.
struct GradientCheckPane {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.fill(rect)
        canvas.box(rect, title: "Gradient check · next batch · iteration \(Format.count(state.trainer.iteration)) · ↑↓ · Esc closes",
                   Style(.accent))
        guard let unordered = state.derived.gradientCheck else { return }
        // In the weights list's order, so that ↑↓ walk the rows in turn.
        let list = ParameterList(a: state.architecture, headings: false)
        func position(_ target: Edit.Target) -> Int {
            switch target {
            case .weight(let k): list.index(of: .weight(k)) ?? 0
            case .bias(let k): list.index(of: .bias(k)) ?? 0
            default: 0
            }
        }
        let rows = unordered.rows.sorted { position($0.target) < position($1.target) }
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        writer.wraps = true
        // In published order the update does not use the true gradient below the output layer:
        // it is shown beside it, ≠ where they differ.
        let published = state.trainer.settings.order == .published, next = state.derived.next
        writer.columns("", (published ? ["update uses"] : []) + ["backprop", "numerical", "|difference|"], .muted)
        let room = max(1, rect.inner.height - 7)
        let selected = rows.firstIndex { $0.target == Edit.Target(state.parameter) } ?? 0
        let first = min(max(0, selected - room / 2), max(0, rows.count - room))
        let names = ParameterPane.nameWidth(state.architecture)
        for row in rows[first ..< min(rows.count, first + room)] {
            let pointer = row.target == Edit.Target(state.parameter) ? String(canvas.glyphs.selected) : " "
            let used = switch row.target {
            case .weight(let k): next.weightGradient[k]
            case .bias(let k): next.biasGradient[k]
            default: row.backprop
            }
            let differs = published && used != row.backprop
            writer.columns("\(pointer)\(Format.left(row.target.name, names))  \(row.passes ? "✓" : "✗")",
                           (published ? [Format.number(used) + (differs ? "≠" : " ")] : [])
                           + [Format.number(row.backprop), Format.number(row.numerical), Format.scientific(row.absoluteError, digits: 2)],
                           row.passes ? .good : .bad)
        }
        writer.blank()
        let passed = rows.filter(\.passes).count
        if unordered.checked < unordered.total {
            writer.line("\(Format.count(unordered.checked)) of \(Format.count(unordered.total)) parameters checked, around the selection "
                + "(each costs two passes over the batch); ↑↓ move the window", .warning)
        }
        writer.line("\(passed) of \(Format.plural(rows.count, "gradient")) \(rows.count == 1 ? "agrees" : "agree"): |difference| < "
            + "\(Format.scientific(GradientCheck.absoluteTolerance, digits: 1)) or relative < \(Format.scientific(GradientCheck.tolerance, digits: 1))",
            passed == rows.count ? .good : .bad)
        writer.line("numerical = (E(w+h) − E(w−h))/2h, h = 1e−5, E the next batch's mean loss; backprop in textbook order", .muted)
        if published, rows.contains(where: { row in
            if case .weight(let k) = row.target { return next.weightGradient[k] != row.backprop }
            if case .bias(let k) = row.target { return next.biasGradient[k] != row.backprop }
            return false
        }) {
            writer.line("≠ published order (the post's script) computes each layer below the top with the layer above", .muted)
            writer.line("  already updated: by design not the true gradient. o: textbook order", .muted)
        } else if !published, state.architecture.outputLayer > 1 {
            writer.line("o: published order, whose updates below the output layer differ from these by design", .muted)
        }
        canvas = writer.canvas
        // Rows out of view are counted in the bottom border.
        let above = first, below = max(0, rows.count - first - room)
        let marks = (above > 0 ? ["▲ \(Format.count(above)) above"] : []) + (below > 0 ? ["▼ \(Format.count(below)) below"] : [])
        if !marks.isEmpty {
            canvas.put(" " + marks.joined(separator: " · ") + " · ↑↓ ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.warning, bold: true),
                       limit: rect.x + rect.width - 1)
        }
    }
}
