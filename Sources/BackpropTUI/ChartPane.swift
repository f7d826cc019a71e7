import BackpropEngine
import Foundation

/// E_total against iteration: the whole history compressed into the plot width (each column
/// spans its bucket's min..max), a log₁₀ or linear y axis, the post's 10,000-iteration error as
/// a reference line, and the current point highlighted.
struct ChartPane {
    /// The training error, and the test error when there is a test split.
    let history: ErrorHistory, test: ErrorHistory?
    let scale: ChartScale
    /// The post's error at 10,000, drawn as a line while the run is the post's.
    let reference: Double?
    /// Why the post's line does not apply, if it does not.
    let departure: String?
    /// Where edits were made (kept after going back), drawn as marks.
    let edits: [Int]
    /// The epoch the history starts at: 0, or where a loaded run stood.
    let first: Int
    /// The x axis: "iteration" (the post), or "epoch".
    let unit: String
    /// The title's name for the error.
    let name: String

    init(state: AppState) {
        history = state.trainer.trainingError
        test = state.trainer.testError
        scale = state.chartScale
        let trainer = state.trainer
        // The post's network: its reference line, or why it does not apply.
        departure = trainer.isThePostsNetwork ? trainer.departureFromThePost : nil
        reference = trainer.isThePostsNetwork && departure == nil ? Post.errorAfter[Post.finalIteration] : nil
        // One sample: an epoch is an iteration, and edits are marked where they were made.
        let oneSample = trainer.firstData.training.count == 1 && trainer.firstData.test.isEmpty
        edits = oneSample ? trainer.edits.map { $0.iteration - trainer.origin.iteration } : []
        first = trainer.origin.epoch
        unit = oneSample ? "iteration" : "epoch"
        name = oneSample ? "E_total" : test == nil ? "E_total per epoch" : "E_total per epoch: training, ◦ test"
    }

    static let labelWidth = 6
    /// Errors below this are drawn on the floor of the log axis.
    static let logFloor = 1e-300

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let scale = self.scale == .log ? "log₁₀" : "linear"
        canvas.box(rect, title: "\(name) · \(scale) · l switches")
        let area = rect.inner
        let plot = Rect(x: area.x + Self.labelWidth, y: area.y, width: area.width - Self.labelWidth, height: area.height - 2)
        guard plot.width >= 2, plot.height >= 2 else { return }
        let end = Self.axisEnd(iteration: history.count - 1)
        let shown = end + 1
        let dots = canvas.glyphs.isASCII ? (across: 1, down: 1) : (across: 2, down: 4)
        let columns = plot.width * dots.across, rows = plot.height * dots.down
        let ranges = (0 ..< columns).map { history.range(Self.span(of: $0, columns: columns, count: shown)) }
        let testRanges = test.map { test in (0 ..< columns).map { test.range(Self.span(of: $0, columns: columns, count: shown)) } }
        let axis = Axis(self.scale, ranges: ranges + (testRanges ?? []), reference: reference)

        for label in axis.labels(rows: plot.height) {
            canvas.put(Format.right(label.text, Self.labelWidth - 1), x: area.x, y: plot.y + label.row, Style(.muted))
        }
        if let reference {
            let row = axis.row(of: reference, rows: plot.height)
            for x in plot.x ..< plot.x + plot.width {
                canvas.put(String(canvas.glyphs.reference), x: x, y: plot.y + row, Style(.reference))
            }
        }
        // Edits still ahead (kept after going back) are off this axis until the run gets there.
        for edit in edits where edit < shown {
            let column = (edit * plot.width) / shown
            for y in plot.y ..< plot.y + plot.height {
                canvas.put("┊", x: plot.x + min(column, plot.width - 1), y: y, Style(.warning))
            }
        }
        var marks = Array(repeating: [Int](repeating: 0, count: plot.width), count: plot.height)
        var lastColumn: Int?
        for (column, range) in ranges.enumerated() where !range.isEmpty && range.min.isFinite && range.max.isFinite {
            let top = axis.row(of: range.max, rows: rows), bottom = axis.row(of: range.min, rows: rows)
            for row in top ... bottom {
                marks[row / dots.down][column / dots.across] |= Self.mark(
                    across: column % dots.across, down: row % dots.down, braille: dots.down > 1, single: top == bottom)
            }
            lastColumn = column
        }
        for (y, row) in marks.enumerated() {
            for (x, mark) in row.enumerated() where mark != 0 {
                let glyph = canvas.glyphs.isASCII ? (mark == 1 ? canvas.glyphs.point : canvas.glyphs.span)
                    : Character(Unicode.Scalar(0x2800 + mark)!)
                canvas.put(String(glyph), x: plot.x + x, y: plot.y + y, Style(.accent))
            }
        }
        if let testRanges {
            for (column, range) in testRanges.enumerated() where !range.isEmpty && range.max.isFinite && column % dots.across == 0 {
                canvas.put(canvas.glyphs.isASCII ? "o" : "◦", x: plot.x + column / dots.across,
                           y: plot.y + axis.row(of: range.max, rows: rows) / dots.down, Style(.warning, bold: true))
            }
        }
        if let lastColumn, history.latest.isFinite {
            canvas.put(String(canvas.glyphs.current), x: plot.x + lastColumn / dots.across,
                       y: plot.y + axis.row(of: history.latest, rows: rows) / dots.down, Style(.current, bold: true))
        }
        let axisY = plot.y + plot.height
        axisLabels(end: end, plot: plot, y: axisY, into: &canvas)

        let now = history.latest.isFinite ? Format.number(history.latest) : "not finite"
        let x = canvas.put("\(canvas.glyphs.current) \(now)", x: area.x, y: axisY + 1, Style(.current), limit: area.x + area.width)
        if let reference {
            canvas.put(" \(canvas.glyphs.reference) post \(Format.number(reference))", x: x, y: axisY + 1,
                       Style(.reference), limit: area.x + area.width)
        } else if departure != nil {
            canvas.put(" \(canvas.glyphs.reference) post: n/a", x: x, y: axisY + 1, Style(.muted), limit: area.x + area.width)
        }
    }

    /// The iteration at the right edge: until 10,000, a round number (1, 2 or 5 × 10^k, at
    /// least 10) at or above the current iteration, so early steps spread over the plot; past
    /// 10,000, the current iteration.
    static func axisEnd(iteration: Int) -> Int {
        guard iteration < Post.finalIteration else { return iteration }
        var decade = 10
        while true {
            for step in [1, 2, 5] where step * decade >= iteration { return step * decade }
            decade *= 10
        }
    }

    /// "0", "iteration" and the end under the plot, and a ↑10k mark at the post's 10,000
    /// once the axis passes it; a label that would touch another is left out.
    private func axisLabels(end: Int, plot: Rect, y: Int, into canvas: inout Canvas) {
        var taken: [Range<Int>] = []
        func place(_ text: String, at x: Int) {
            let span = (x - 1) ..< (x + text.count + 1)
            guard x >= plot.x, x + text.count <= plot.x + plot.width, !taken.contains(where: { $0.overlaps(span) }) else { return }
            canvas.put(text, x: x, y: y, Style(.muted))
            taken.append(x ..< x + text.count)
        }
        let last = Format.count(first + end)
        place(Format.count(first), at: plot.x)
        place(last, at: plot.x + plot.width - last.count)
        if reference != nil || departure != nil, first + end > Post.finalIteration, first <= Post.finalIteration {
            let column = plot.x + (Post.finalIteration - first) * plot.width / (end + 1)
            place("↑10k", at: column)
            place("↑", at: column)
        }
        place(unit, at: plot.x + (plot.width - unit.count) / 2)
    }

    /// The mark a data point leaves in its cell: a braille dot bit (U+2800 block, 2×4 dots a
    /// cell), or in ASCII 1 for a lone point and 2 for part of a min..max span.
    static func mark(across: Int, down: Int, braille: Bool, single: Bool) -> Int {
        guard braille else { return single ? 1 : 2 }
        return (across == 0 ? [0x01, 0x02, 0x04, 0x40] : [0x08, 0x10, 0x20, 0x80])[down]
    }

    /// The iterations a plot column covers: an equal share of those shown (none for some
    /// columns while there are fewer iterations than columns).
    static func span(of column: Int, columns: Int, count: Int) -> Range<Int> {
        let lower = (column * count + columns - 1) / columns, upper = ((column + 1) * count + columns - 1) / columns
        return lower ..< max(lower, upper)
    }
}

/// Maps errors to plot rows on a log₁₀ or linear scale and labels it.
struct Axis {
    let scale: ChartScale
    /// The bottom and top of the axis: decades (log) or errors (linear).
    let low: Double, high: Double

    init(_ scale: ChartScale, ranges: [ErrorRange], reference: Double?) {
        self.scale = scale
        let filled = ranges.filter { !$0.isEmpty && $0.min.isFinite && $0.max.isFinite }
        var lowest = filled.map(\.min).min() ?? 0, highest = filled.map(\.max).max() ?? 1
        switch scale {
        case .log:
            if let reference { lowest = min(lowest, reference) }
            let floor = Foundation.floor(log10(max(lowest, ChartPane.logFloor)))
            var ceiling = ceil(log10(max(highest, ChartPane.logFloor)))
            if ceiling <= floor { ceiling = floor + 1 }
            low = floor
            high = ceiling
        case .linear:
            low = 0
            high = highest > 0 ? highest : 1
        }
    }

    /// The plot row (0 at the top) of an error.
    func row(of error: Double, rows: Int) -> Int {
        let value = scale == .log ? log10(max(error, ChartPane.logFloor)) : error
        let fraction = (high - value) / (high - low)
        guard fraction.isFinite else { return rows - 1 }
        return min(rows - 1, max(0, Int((fraction * Double(rows - 1)).rounded())))
    }

    /// A linear-axis label in at most five characters: 0.3, 0.15, 4e-5.
    static func compact(_ value: Double) -> String {
        value >= 0.01 ? String(format: "%.2g", value) : Format.scientific(value, digits: 1)
    }

    /// Labels down the y axis: decades 1e-1 … 1e-5 (log), or top, middle and 0 (linear).
    func labels(rows: Int) -> [(row: Int, text: String)] {
        switch scale {
        case .log:
            let decades = Int(high - low)
            let every = max(1, Int((Double(decades + 1) / Double(rows)).rounded(.up)))
            var labels: [(Int, String)] = []
            for decade in stride(from: Int(high), through: Int(low), by: -every) {
                let row = row(of: pow(10, Double(decade)), rows: rows)
                if labels.last?.0 != row { labels.append((row, "1e" + (decade < 0 ? Format.minus : "") + "\(abs(decade))")) }
            }
            return labels
        case .linear:
            return [(0, Self.compact(high)), ((rows - 1) / 2, Self.compact(high / 2)), (rows - 1, "0")]
        }
    }
}
