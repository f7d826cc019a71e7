import BackpropEngine

/// Every figure the post prints beside bptui's value in the current order: ✓ where they agree
/// to the printed digits, ✗ with the reason where they do not. Two columns when there is
/// room; ↑↓ and PgUp/PgDn scroll when the figures do not fit.
struct CheckpointsPane {
    let state: AppState

    static let rowWidth = 59

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let order = state.trainer.settings.order
        canvas.fill(rect)
        canvas.box(rect, title: "The post's checkpoints · \(order.rawValue) order · o switches · Esc closes", Style(.accent))
        var writer = LineWriter(canvas: canvas, area: rect.inner)
        let page = Self.page(state, area: rect.inner)
        for line in Self.header(state, columns: page.columns) { writer.line(line.text, line.role) }
        let rows = Self.rows(state)
        let first = min(state.checkpointScroll, max(0, rows.count - page.capacity))
        let top = writer.y
        for (index, row) in rows.dropFirst(first).prefix(page.capacity).enumerated() {
            let x = writer.area.x + (index / page.lines) * Self.rowWidth
            writer.canvas.put(" " + row.text, x: x, y: top + index % page.lines, Style(row.role), limit: x + Self.rowWidth)
        }
        writer.y = top + page.lines
        for line in Self.footer(state) { writer.line(line.text, line.role) }
        if rows.count > page.capacity {
            let last = min(rows.count, first + page.capacity)
            let position = " rows \(first + 1)–\(last) of \(rows.count) · ↑↓ PgUp PgDn scroll "
            writer.canvas.put(position, x: rect.x + rect.width - position.count - 2, y: rect.y + rect.height - 1, Style(.muted))
        }
        canvas = writer.canvas
    }

    /// Lines above the figures: the count, whose run it is, the column headings.
    static func header(_ state: AppState, columns: Int) -> [(text: String, role: Role)] {
        let rows = state.checkpoints, order = state.trainer.settings.order.rawValue
        var lines = [(text: "\(rows.filter(\.agrees).count) of \(rows.count) agree to the printed digits in \(order) order", role: Role.title)]
        if let departure = state.trainer.departureFromThePost {
            lines.append(("Not the post's run (\(departure)):", .warning))
            lines.append(("the bptui column is the post's own network in \(order) order, not this run", .warning))
        }
        let heading = "  " + Format.left("figure", 29) + Format.right("the post", 13) + Format.right("bptui", 13)
        lines.append((String(repeating: Format.left(heading, rowWidth), count: columns), .muted))
        return lines
    }

    /// One line per figure.
    static func rows(_ state: AppState) -> [(text: String, role: Role)] {
        state.checkpoints.map { row in
            (text: "\(row.agrees ? "✓" : "✗") " + Format.left(row.name, 29) + Format.right(Format.asPrinted(row.printed, row.decimals), 13)
                + Format.right(Format.asPrinted(row.value, row.decimals), 13), role: row.agrees ? Role.good : .bad)
        }
    }

    /// Below the figures: the reason for every kind of mismatch.
    static func footer(_ state: AppState) -> [(text: String, role: Role)] {
        let reasons = state.checkpoints.filter { !$0.agrees }.compactMap(\.reason)
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return reasons.map { (text: "✗ " + $0, role: Role.muted) }
    }

    /// Columns, lines per column and figures shown at once in `area`.
    static func page(_ state: AppState, area: Rect) -> (columns: Int, lines: Int, capacity: Int) {
        let columns = area.width >= 2 * rowWidth ? 2 : 1
        let room = max(1, area.height - header(state, columns: columns).count - footer(state).count)
        let rows = state.checkpoints.count
        let lines = rows <= columns * room ? max(1, (rows + columns - 1) / columns) : room
        return (columns, lines, columns * lines)
    }

    /// The figures one page shows at the current screen size (10 before the size is known).
    static func pageRows(_ state: AppState) -> Int {
        guard let size = state.screenSize,
              let layout = Layout(width: size.width, height: size.height, architecture: state.architecture) else { return 10 }
        return page(state, area: Rect(x: 0, y: 0, width: size.width, height: layout.status.y).inner).capacity
    }
}
