import BackpropEngine

/// Backprop's gradient of every parameter beside a central-difference estimate: ✓ where they
/// agree within the estimate's accuracy. In published order the gradient the update uses is
/// shown too; for w1…w4 and b1 it differs from the true gradient by design.
struct GradientCheckPane {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.fill(rect)
        canvas.box(rect, title: "Gradient check · iteration \(Format.count(state.trainer.iteration)) · Esc closes", Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        guard let check = state.derived.gradientCheck else { return }
        let published = state.trainer.settings.order == .published
        let used = state.derived.next.gradient
        writer.columns("", (published ? ["update uses"] : []) + ["backprop", "numerical", "|difference|"], .muted)
        var byDesign = 0
        for row in check.rows {
            let differs = published && used[row.parameter] != row.backprop
            if differs { byDesign += 1 }
            let mark = row.passes ? "✓" : "✗"
            let pointer = row.parameter == state.selection ? String(canvas.glyphs.selected) : " "
            let values = (published ? [Format.number(used[row.parameter]) + (differs ? "≠" : " ")] : [])
                + [Format.number(row.backprop), Format.number(row.numerical), Format.scientific(row.absoluteError, digits: 2)]
            writer.columns("\(pointer)\(row.parameter.rawValue)  \(mark)", values, row.passes ? .good : .bad)
        }
        writer.blank()
        let passed = check.rows.filter(\.passes).count
        writer.line("\(passed) of \(Format.plural(check.rows.count, "gradient")) agree: |difference| < "
            + "\(Format.scientific(GradientCheck.absoluteTolerance, digits: 1)) or relative < \(Format.scientific(GradientCheck.tolerance, digits: 1))",
            passed == check.rows.count ? .good : .bad)
        writer.line("numerical = (E(w+h) − E(w−h))/2h, h = 1e−5", .muted)
        writer.line("backprop = the true gradient of this network (textbook order)", .muted)
        if published, byDesign > 0 {
            writer.line("≠ published order (the post's script) computes w1…w4, b1 with w5…w8", .muted)
            writer.line("  already updated: by design not the true gradient. o: textbook order", .muted)
        } else if !published {
            writer.line("o: published order, whose w1…w4 and b1 updates differ from these by design", .muted)
        }
        canvas = writer.canvas
    }
}
