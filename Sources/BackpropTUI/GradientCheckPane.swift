import BackpropEngine

/// Backprop's gradient of every parameter beside a central-difference estimate, with their
/// relative error, marked as passing below 1e-7.
struct GradientCheckPane {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let check = GradientCheck(state.trainer.network)
        canvas.fill(rect)
        canvas.box(rect, title: "Gradient check · iteration \(Format.count(state.trainer.iteration)) · Esc closes", Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        writer.columns("      ∂E_total/∂w", ["backprop", "numerical", "rel. error"], .muted)
        for row in check.rows {
            let mark = row.passes ? "✓" : "✗"
            writer.columns("\(row.parameter == state.selection ? "▸" : " ")\(row.parameter.rawValue)  \(mark)",
                           [Format.fit(row.backprop, width: 13, decimals: 9), Format.fit(row.numerical, width: 13, decimals: 9),
                            String(format: "%.1e", row.relativeError)],
                           row.passes ? .good : .bad)
        }
        writer.blank()
        let passed = check.rows.filter(\.passes).count
        writer.line("\(passed) of \(check.rows.count) pass (relative error < 1e-7)", passed == check.rows.count ? .good : .bad)
        writer.line("numerical = (E(w+h) − E(w−h))/2h with h = 1e-5; backprop is the true gradient", .muted)
        writer.line("of this network (textbook order): the published order's hidden values use", .muted)
        writer.line("already-updated w5…w8.", .muted)
        canvas = writer.canvas
    }
}
