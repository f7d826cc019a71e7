import BackpropEngine

/// Every figure the post prints beside bptui's value in the current order: ✓ where they agree
/// to the printed digits, ✗ with the reason where they do not.
struct CheckpointsPane {
    let state: AppState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let order = state.trainer.settings.order
        canvas.fill(rect)
        canvas.box(rect, title: "The post's checkpoints · \(order.rawValue) order · o switches · Esc closes", Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        guard state.trainer.start == .post else {
            writer.line("These checkpoints are the post's, for its own network; they do not apply to this one", .warning)
            writer.line("(started from --config). Without --config, bptui starts from the post's network.", .muted)
            canvas = writer.canvas
            return
        }
        let rows = state.checkpoints
        let reasons = rows.filter { !$0.agrees }.compactMap(\.reason).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        writer.line("\(rows.filter(\.agrees).count) of \(rows.count) agree to the printed digits in \(order.rawValue) order", .title)
        let rowWidth = 57
        let columns = max(1, writer.area.width / rowWidth)
        for column in 0 ..< columns {
            let heading = String(repeating: " ", count: 32) + Format.right("the post", 12) + " " + Format.right("bptui", 12)
            writer.canvas.put(heading, x: writer.area.x + column * rowWidth, y: writer.y, Style(.muted))
        }
        writer.blank()
        let lines = writer.area.height - (writer.y - writer.area.y) - reasons.count
        let shown = rows.count <= columns * lines ? rows : Array((rows.filter { !$0.agrees } + rows.filter(\.agrees)).prefix(columns * lines - 1))
        let perColumn = max(1, (shown.count + columns - 1) / columns)
        let top = writer.y
        for (index, row) in shown.enumerated() {
            let x = writer.area.x + (index / perColumn) * rowWidth
            let text = " \(row.agrees ? "✓" : "✗") " + pad(row.name, 29) + Format.right(Format.fixed(row.printed, row.decimals), 12) + " "
                + Format.right(Format.fixed(row.value, row.decimals), 12)
            writer.canvas.put(text, x: x, y: top + index % perColumn, Style(row.agrees ? .good : .bad), limit: x + rowWidth)
        }
        writer.y = top + perColumn
        if shown.count < rows.count {
            writer.line("… and \(rows.count - shown.count) more that agree (a larger terminal shows every row)", .muted)
        }
        for reason in reasons { writer.line("✗ " + reason, .muted) }
        canvas = writer.canvas
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
