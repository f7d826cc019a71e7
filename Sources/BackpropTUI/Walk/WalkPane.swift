import Foundation

/// The walk as a running derivation: every sub-step so far, the newest at the bottom and
/// standing out, earlier ones scrolling up; long formulas wrap between words, never cut. Its
/// bottom edge names the diagram's two highlights.
struct WalkPane {
    let walk: WalkState

    /// How the diagram marks what a sub-step reads and what it writes.
    static let reads = Style(.accent, bold: true, reverse: true), writes = Style(.current, bold: true, reverse: true)

    func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.fill(rect)
        let keys = walk.isComplete ? "applied · n: the next iteration · N back · Esc closes" : "n next · N back · space completes · Esc leaves"
        canvas.box(rect, title: "Walk through iteration \(Format.count(walk.iteration + 1)) · \(walk.shown) of \(walk.walk.steps.count) · "
                   + keys, Style(.accent))
        let area = rect.inner
        guard area.width > 4, area.height > 0 else { return }
        var rows: [(text: String, role: Role, bold: Bool)] = []
        for line in walk.lines() {
            rows += Self.wrap(line.text, width: area.width - 1, glyphs: canvas.glyphs).map { ($0, line.role, line.bold) }
        }
        let back = min(walk.scroll, max(0, rows.count - area.height))
        let end = rows.count - back
        for (offset, row) in rows[max(0, end - area.height) ..< end].enumerated() {
            canvas.put(" " + row.text, x: area.x, y: area.y + offset, Style(row.role, bold: row.bold), limit: area.x + area.width)
        }
        let legend = [(" diagram: ", Style(.muted)), (" reads ", Self.reads), (" ", Style(.muted)), (" writes ", Self.writes), (" ", Style(.muted))]
        let legendWidth = legend.reduce(0) { $0 + $1.0.count }
        if rect.width >= legendWidth + 40 {
            DataPane.putSegments(legend, x: rect.x + rect.width - 2 - legendWidth, y: rect.y + rect.height - 1, limit: rect.x + rect.width - 1,
                                 into: &canvas)
        }
        if back > 0 {
            canvas.put(" ▼ \(back) newer rows below · ↓ PgDn ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.warning, bold: true),
                       limit: rect.x + rect.width - 1)
        } else if rows.count > area.height {
            canvas.put(" ↑ PgUp: earlier rows ", x: rect.x + 2, y: rect.y + rect.height - 1, Style(.muted), limit: rect.x + rect.width - 1)
        }
    }

    /// `text` in lines of at most `width` columns, broken between words; continuation lines
    /// indented under the first.
    static func wrap(_ text: String, width: Int, glyphs: Glyphs) -> [String] {
        let indent = String(text.prefix { $0 == " " }) + "    "
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if glyphs.render(candidate).count <= width || current.trimmingCharacters(in: .whitespaces).isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = indent + word
            }
        }
        lines.append(current)
        return lines
    }
}
