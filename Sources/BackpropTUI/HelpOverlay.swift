/// The `?` overlay: every key of the key table, and what the two update orders are.
struct HelpOverlay {
    let note = ": takes bptui's options · o: published gives the post's errors, textbook its w1⁺…w4⁺"

    func render(into canvas: inout Canvas, within screen: Rect) {
        let rows = KeyTable.bindings
        let width = min(screen.width - 4, 74)
        let height = min(screen.height - 1, rows.count + 4)
        let rect = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2,
                        width: width, height: height)
        canvas.fill(rect)
        canvas.box(rect, title: "Keys · Esc or ? closes", Style(.accent))
        let area = rect.inner
        let limit = area.x + area.width
        let keyWidth = rows.map(\.names.count).max() ?? 0
        var y = area.y
        for binding in rows where y < area.y + area.height {
            canvas.put(" " + binding.names, x: area.x, y: y, Style(.key, bold: true), limit: limit)
            canvas.put(binding.action, x: area.x + keyWidth + 3, y: y, .plain, limit: limit)
            y += 1
        }
        if y + 1 < area.y + area.height {
            canvas.put(" " + note, x: area.x, y: y + 1, Style(.muted), limit: limit)
        }
    }
}
