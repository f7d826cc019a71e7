/// The htop-style key-hint bar, from the key table: as many hints as fit, most important
/// first, in the table's order; `?` help lists the rest.
struct HintBar {
    /// The hints that fit in `width` columns, measured as `glyphs` draws them (ASCII's ←→ is
    /// <-->: measured as Unicode, the bar's last hint, q Quit, was cut).
    static func hints(fitting width: Int, _ glyphs: Glyphs) -> [(key: String, label: String)] {
        let all = KeyTable.bindings.compactMap(\.hint)
        var chosen = Set<Int>(), used = 0
        for (index, hint) in all.enumerated().sorted(by: { $0.element.rank < $1.element.rank }) {
            let cost = glyphs.render(hint.key).count + glyphs.render(hint.label).count + 2
            if used + cost <= width {
                chosen.insert(index)
                used += cost
            }
        }
        return all.enumerated().filter { chosen.contains($0.offset) }.map { (key: $0.element.key, label: $0.element.label) }
    }

    func render(into canvas: inout Canvas, _ rect: Rect) {
        var x = rect.x
        let limit = rect.x + rect.width
        for hint in Self.hints(fitting: rect.width, canvas.glyphs) {
            x = canvas.put(hint.key, x: x, y: rect.y, Style(.key, bold: true), limit: limit)
            x = canvas.put(" \(hint.label) ", x: x, y: rect.y, Style(.key, reverse: true), limit: limit)
        }
        canvas.restyle(y: rect.y, x: x, width: limit - x, Style(.key, reverse: true))
    }
}
