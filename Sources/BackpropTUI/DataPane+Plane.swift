import BackpropEngine

/// The input plane: heatmaps, the samples on them, the legend, and how values become colours.
extension DataPane {
    /// The range a neuron's output is coloured over: its activation's range (0…1 for logistic
    /// and softmax, −1…1 for tanh), or for relu and linear ± the largest finite |value| (±1
    /// when every value is 0), so that 0 is the middle.
    static func valueRange(_ activation: Activation, values: [Double]) -> ClosedRange<Double> {
        switch activation {
        case .logistic, .softmax: return 0 ... 1
        case .tanh: return -1 ... 1
        case .relu, .linear:
            let largest = values.lazy.filter(\.isFinite).map(abs).max() ?? 0
            return largest > 0 ? -largest ... largest : -1 ... 1
        }
    }

    /// The middle of an activation's range: the value between the two classes.
    static func middle(_ activation: Activation) -> Double {
        activation == .logistic || activation == .softmax ? 0.5 : 0
    }

    /// The heat level (0 ..< `Heat.levels`) of `value`: equal shares of `range`, the middle
    /// level around its centre; values beyond it take the end levels, NaN the middle.
    static func level(_ value: Double, in range: ClosedRange<Double>) -> Int {
        share(value, in: range, count: Heat.levels)
    }

    /// Which of the four shading characters shows `value` without colour: the half of
    /// `range` it is in (its side of the middle) and the quarter (how far from it).
    static func shade(_ value: Double, in range: ClosedRange<Double>) -> Int {
        share(value, in: range, count: 4)
    }

    private static func share(_ value: Double, in range: ClosedRange<Double>, count: Int) -> Int {
        let fraction = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        guard !fraction.isNaN else { return count / 2 }
        return min(count - 1, Int(min(max(fraction, 0), 1) * Double(count)))
    }

    /// The shading characters, lowest value first.
    static func shades(_ glyphs: Glyphs) -> [Character] {
        glyphs.isASCII ? [".", ":", "+", "#"] : ["░", "▒", "▓", "█"]
    }

    /// Whether maps are drawn in shading characters: without colour, or in ASCII.
    static func isShaded(_ canvas: Canvas) -> Bool {
        canvas.colors == .none || canvas.glyphs.isASCII
    }

    /// The cell (0 ..< `count`) a fraction of the way across falls in; nil outside 0…1.
    static func index(_ fraction: Double, count: Int) -> Int? {
        guard fraction >= 0, fraction <= 1 else { return nil }
        return min(count - 1, Int(fraction * Double(count)))
    }

    /// The output map with the samples on it, the neuron's map beside it, the legend below.
    /// Returns the rows it took below the legend: 1 where the axes did not fit beside the
    /// scale and `roomBelow` let them take a line of their own.
    @discardableResult
    func drawPlane(_ maps: DataMaps, _ parts: Parts, limit: Int, roomBelow: Bool, into canvas: inout Canvas) -> Int {
        guard let area = parts.map else { return 0 }
        let a = state.architecture, output = maps.output, classes = output.mapped == .predictedClass
        // A regression's targets share the map's scale, so that a mark's colour reads against it.
        let targets = state.classification ? [] : samples.map { $0.sample.targets[state.shownOutput] }
        let range = Self.valueRange(a.outputActivation, values: output.values + targets)
        drawHeat(output, range: range, in: area, into: &canvas)
        let across = output.plane.x, up = output.plane.y ?? 0
        for (sample, test) in samples where !(test && state.hidesTestSamples) {
            guard let column = Self.index((sample.inputs[across] - output.x.lowerBound) / (output.x.upperBound - output.x.lowerBound),
                                          count: output.columns),
                  let row = Self.index((output.y.upperBound - sample.inputs[up]) / (output.y.upperBound - output.y.lowerBound),
                                       count: output.rows) else { continue }
            var (character, style) = mark(sample, test: test, on: canvas)
            let value = output.value(column: column, row: row)
            let ground: Paint = classes ? .region(Int(value)) : .heat(Self.level(displayed(value, in: range), in: range))
            if Self.isShaded(canvas) {
                // The mark's character alone tells it.
            } else if canvas.colors == .eight {
                // Five colours cannot tell a mark from its ground: black or white on it, told by its character.
                style.heat = Heat(top: .contrast, bottom: ground)
            } else if classes {
                style.heat = Heat(top: .mark(sample.targets.largestIndex), bottom: ground)
            } else if !state.classification {
                style.heat = Heat(top: .heat(Self.level(sample.targets[state.shownOutput], in: range)), bottom: ground)
            } else {
                style.ground = ground
            }
            canvas.put(String(character), x: area.x + column, y: area.y + row / 2, style)
        }
        if let neuronArea = parts.neuron, let neuron = maps.neuron, case .neuron(let layer, let index) = neuron.mapped {
            canvas.put(a.neuronName(layer: layer, neuron: index), x: neuronArea.x, y: neuronArea.y - 1,
                       Style(.label, bold: true), limit: neuronArea.x + neuronArea.width)
            let neuronRange = Self.valueRange(a.activation(ofLayer: layer), values: neuron.values)
            drawHeat(neuron, range: neuronRange, in: neuronArea, into: &canvas)
        }
        drawTicks(output.x, name: pointName(across), under: area, limit: limit, into: &canvas)
        let legendY = area.y + area.height + 1
        let name = a.neuronName(layer: a.outputLayer, neuron: state.shownOutput)
        // The x axis has its ticks under the map; the y axis its range here.
        let axes = "\(pointName(up)) ↑ \(Self.axisLabel(output.y.lowerBound))…\(Self.axisLabel(output.y.upperBound))"
        let scaleLine = classes ? classScale(on: canvas, width: limit - area.x) : [(name + " ", Style(.label, bold: true))] + scale(range, on: canvas)
        let width = scaleLine.reduce(0) { $0 + canvas.glyphs.render($1.0).count } + 2 + axes.count
        let beside = area.x + width <= limit
        Self.putSegments(scaleLine + (beside ? [("  " + axes, Style(.muted))] : []), x: area.x, y: legendY, limit: limit, into: &canvas)
        let marks = classes ? classMarksLegend(on: canvas) : state.classification ? pointsLegend(on: canvas) : valuesLegend(on: canvas)
        Self.putSegments(marks, x: area.x, y: legendY + 1, limit: limit, into: &canvas)
        guard !beside, roomBelow else { return 0 }
        canvas.put(axes, x: area.x, y: legendY + 2, Style(.muted), limit: limit)
        return 1
    }

    /// The x axis under the map: the value at its left edge, centre and right edge, each
    /// under the cell it names, in two decimals like the ranges (the centre's left out where
    /// the labels would touch), then the input's name and its arrow (when given).
    func drawTicks(_ range: ClosedRange<Double>, name: String?, under area: Rect, limit: Int, into canvas: inout Canvas) {
        let y = area.y + area.height, low = Self.axisLabel(range.lowerBound), high = Self.axisLabel(range.upperBound)
        let middle = Self.axisLabel((range.lowerBound + range.upperBound) / 2), centre = area.x + area.width / 2
        let highX = area.x + area.width - high.count, middleX = centre - middle.count / 2
        var labels = [(low, area.x), (high, highX)]
        if area.x + low.count < middleX - 1, middleX + middle.count < highX - 1 { labels.insert((middle, middleX), at: 1) }
        guard area.x + low.count < highX else { return }
        for (text, x) in labels { canvas.put(text, x: x, y: y, Style(.muted), limit: limit) }
        if let name { canvas.put(" \(name) →", x: area.x + area.width, y: y, Style(.muted), limit: limit) }
    }

    /// A map's cells: half blocks whose two colours are the heat levels of the map rows they
    /// cover, or without colour the shading of their mean.
    /// A value as the map colours it: discretized, the end of the range on its side of the middle.
    private func displayed(_ value: Double, in range: ClosedRange<Double>) -> Double {
        guard state.discretized else { return value }
        return value > (range.lowerBound + range.upperBound) / 2 ? range.upperBound : range.lowerBound
    }

    private func drawHeat(_ map: OutputMap, range: ClosedRange<Double>, in area: Rect, into canvas: inout Canvas) {
        let shaded = Self.isShaded(canvas), shades = Self.shades(canvas.glyphs)
        func shown(_ value: Double) -> Double { displayed(value, in: range) }
        for row in 0 ..< area.height {
            for column in 0 ..< area.width {
                let top = shown(map.value(column: column, row: 2 * row)), bottom = shown(map.value(column: column, row: 2 * row + 1))
                if map.mapped == .predictedClass {
                    let (upper, lower) = (Int(map.value(column: column, row: 2 * row)), Int(map.value(column: column, row: 2 * row + 1)))
                    if shaded {
                        canvas.put(String(Self.classFill(upper, canvas.glyphs)), x: area.x + column, y: area.y + row, Style(.muted))
                    } else {
                        canvas.put("▀", x: area.x + column, y: area.y + row, Style(heat: Heat(top: .region(upper), bottom: .region(lower))))
                    }
                } else if shaded {
                    canvas.put(String(shades[Self.shade((top + bottom) / 2, in: range)]), x: area.x + column, y: area.y + row)
                } else {
                    let heat = Heat(top: Self.level(top, in: range), bottom: Self.level(bottom, in: range))
                    canvas.put("▀", x: area.x + column, y: area.y + row, Style(heat: heat))
                }
            }
        }
    }

    /// The colour scale: the range's ends around every heat level, or the shading characters.
    private func scale(_ range: ClosedRange<Double>, on canvas: Canvas) -> [(String, Style)] {
        let ramp: [(String, Style)] = Self.isShaded(canvas)
            ? [(String(Self.shades(canvas.glyphs)), .plain)]
            : (0 ..< Heat.levels).map { ("▀", Style(heat: Heat(top: $0, bottom: $0))) }
        return [(Self.label(range.lowerBound) + " ", Style(.muted))] + ramp + [(" " + Self.label(range.upperBound), Style(.muted))]
    }

    /// What the marks mean: training samples by their target's side of the middle, and test
    /// samples.
    func pointsLegend(on canvas: Canvas) -> [(String, Style)] {
        let middle = Format.short(Self.middle(state.architecture.outputActivation))
        let high = Self.mark(positive: true, test: false, on: canvas), low = Self.mark(positive: false, test: false, on: canvas)
        let test = Self.mark(positive: true, test: true, on: canvas), lowTest = Self.mark(positive: false, test: true, on: canvas)
        // Hidden test samples (T) are said as such, not given a mark the map does not show.
        let tests: [(String, Style)] = state.trainer.data.test.isEmpty ? []
            : state.hidesTestSamples ? [("test hidden (T)", Style(.muted))]
            : test.0 == lowTest.0 ? [(String(test.0), .plain), (" test", Style(.muted))]
            : [(String(test.0), .plain), (String(lowTest.0), .plain), (" test", Style(.muted))]
        return [(String(high.0), high.1), (" t>\(middle) ", Style(.muted)), (String(low.0), low.1), (" t≤\(middle) ", Style(.muted))] + tests
    }

    /// The class map's legend: each class's colour (or fill, without colour) and name, as many
    /// as `width` holds, then "…".
    private func classScale(on canvas: Canvas, width: Int) -> [(String, Style)] {
        let a = state.architecture, classes = a.layers[a.outputLayer]
        var segments: [(String, Style)] = [("picks ", Style(.label, bold: true))], used = 6
        for k in 0 ..< classes {
            let name = a.neuronName(layer: a.outputLayer, neuron: k) + " "
            guard used + 1 + name.count + (k < classes - 1 ? 1 : 0) <= width else {
                segments.append(("…", Style(.muted)))
                break
            }
            let swatch = Self.isShaded(canvas) ? (String(Self.classFill(k, canvas.glyphs)), Style(.muted))
                : ("▀", Style(heat: Heat(top: .region(k), bottom: .region(k))))
            segments += [swatch, (name, Style(.muted))]
            used += 1 + name.count
        }
        return segments
    }

    /// What a regression's marks mean: each in its target's colour on the map's scale (with
    /// fewer colours, a sample).
    private func valuesLegend(on canvas: Canvas) -> [(String, Style)] {
        let tests: [(String, Style)] = state.trainer.data.test.isEmpty ? []
            : state.hidesTestSamples ? [(" · test hidden (T)", Style(.muted))]
            : [(" · ", Style(.muted)), (String(Self.mark(positive: true, test: true, on: canvas).0), .plain), (" test", Style(.muted))]
        let mark = String(Self.mark(positive: true, test: false, on: canvas).0)
        let coloured = canvas.colors == .many && !canvas.glyphs.isASCII
        return [(mark, Style(.plain, bold: true)), (coloured ? " target's colour" : " sample", Style(.muted))] + tests
    }

    /// What the class map's marks mean: the target's class by its symbol, test samples reversed.
    private func classMarksLegend(on canvas: Canvas) -> [(String, Style)] {
        let a = state.architecture, outputs = a.layers[a.outputLayer]
        let symbols = (0 ..< min(outputs, 3)).map { String(Self.classSymbol($0)) }.joined(separator: " ") + (outputs > 3 ? " …" : "")
        let test: [(String, Style)] = state.trainer.data.test.isEmpty ? []
            : state.hidesTestSamples ? [(" · test hidden (T)", Style(.muted))]
            : [(" · ", Style(.muted)), (String(Self.classSymbol(0)), Style(.plain, bold: true, reverse: true)), (" test", Style(.muted))]
        return [(symbols, Style(.plain, bold: true)), (" the target's class", Style(.muted))] + test
    }

    /// The confusion matrix (rows the target class, columns the pick, of the training samples)
    /// with each class's share right and, with test samples, the test share (one decimal, or
    /// whole percents where that is what fits); in the first of `rooms` it fits, its right
    /// columns left out where they do not.
    func drawConfusion(_ confusion: (training: [[Int]], test: [[Int]]?), in rooms: [Rect], into canvas: inout Canvas) {
        let a = state.architecture, classes = confusion.training.count
        let names = (0 ..< classes).map { a.neuronName(layer: a.outputLayer, neuron: $0) }
        let count = Self.confusionCount(a, confusion.training), label = Self.confusionLabel(a)
        guard let needed = Self.confusionSize(state) else { return }
        guard let room = rooms.first(where: { $0.height >= needed.height && $0.width >= needed.width }) else {
            // Said where it would go, rather than left out without a word.
            if let place = rooms.first(where: { $0.width >= 12 && $0.height >= 2 }) {
                Self.putWrapped("the confusion matrix needs \(needed.width)×\(needed.height) cells", in: place, Style(.muted), into: &canvas)
            }
            return
        }
        let matrices = [confusion.training] + (confusion.test.map { [$0] } ?? []), spare = room.width - label - classes * (count + 1)
        // Each share column: a space and "99.5%" (or "100%" whole), as many as fit.
        let whole = spare < 7 * matrices.count, shareWidth = whole ? 4 : 6
        func share(_ matrix: [[Int]], _ k: Int) -> String {
            let total = matrix[k].reduce(0, +)
            return total == 0 ? "–" : String(format: whole ? "%.0f%%" : "%.1f%%", 100 * Double(matrix[k][k]) / Double(total))
        }
        let columns = zip([whole ? "ok" : "right", "test"], matrices).prefix(max(0, spare / (shareWidth + 1)))
            .map { name, matrix in (name, (0 ..< classes).map { share(matrix, $0) }) }
        let limit = room.x + room.width
        canvas.put(Self.confusionTitle, x: room.x, y: room.y, Style(.label, bold: true), limit: limit)
        let head = String(repeating: " ", count: label) + names.map { " " + Format.right($0, count) }.joined()
            + columns.map { " " + Format.right($0.0, shareWidth) }.joined()
        canvas.put(head, x: room.x, y: room.y + 1, Style(.muted), limit: limit)
        for k in 0 ..< classes {
            let x = canvas.put(Format.right(names[k], label), x: room.x, y: room.y + 2 + k, Style(.muted), limit: limit)
            var column = x
            for p in 0 ..< classes {
                column = canvas.put(" " + Format.right(Format.count(confusion.training[k][p]), count), x: column, y: room.y + 2 + k,
                                    Style(p == k ? .good : .plain, bold: p == k), limit: limit)
            }
            canvas.put(columns.map { " " + Format.right($0.1[k], shareWidth) }.joined(), x: column, y: room.y + 2 + k, limit: limit)
        }
    }

    /// An axis's end: two decimals on every axis, so the ranges read alike.
    static func axisLabel(_ value: Double) -> String {
        String(format: "%.2f", value).replacingOccurrences(of: "-", with: "−")
    }

    /// A value at the end of a scale or an axis: two decimals, as the axes, where they fit six
    /// characters and show the value; otherwise short when that fits.
    static func label(_ value: Double) -> String {
        let decimals = axisLabel(value)
        if decimals.count <= labelWidth, value == 0 || abs(value) >= 0.01 { return decimals }
        let short = Format.short(value)
        return short.count <= labelWidth ? short : Format.fit(value, width: labelWidth)
    }

    /// Writes `segments` left to right from (x, y), stopping at the first that does not fit
    /// before `limit`.
    static func putSegments(_ segments: [(String, Style)], x: Int, y: Int, limit: Int, into canvas: inout Canvas) {
        var column = x
        for (text, style) in segments {
            guard column + canvas.glyphs.render(text).count <= limit else { return }
            column = canvas.put(text, x: column, y: y, style, limit: limit)
        }
    }
}
