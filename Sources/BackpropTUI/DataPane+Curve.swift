import BackpropEngine

/// The input line: the shown output as a curve over a network's one input.
extension DataPane {
    /// The values a curve's axis spans: the activation's range when it is bounded, otherwise
    /// the finite values' own (widened by 0.5 each way when they agree).
    static func curveRange(_ activation: Activation, values: [Double]) -> ClosedRange<Double> {
        switch activation {
        case .logistic, .softmax, .tanh: return valueRange(activation, values: [])
        case .relu, .linear:
            let finite = values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return -1 ... 1 }
            return high > low ? low ... high : (low - 0.5) ... (high + 0.5)
        }
    }

    /// The curve (braille dots, "." in ASCII) joined column to column, the samples at their
    /// targets, the middle of the output's range as a reference line, the value range left of
    /// the plot, the input range and a legend below it.
    func drawCurve(_ map: OutputMap, in plot: Rect, into canvas: inout Canvas) {
        let a = state.architecture, activation = a.outputActivation, all = samples
        let range = Self.curveRange(activation, values: map.values + all.map { $0.sample.targets[state.shownOutput] })
        func row(_ value: Double, per cell: Int) -> Int? {
            Self.index((range.upperBound - value) / (range.upperBound - range.lowerBound), count: plot.height * cell)
        }
        var labels = [(plot.y, range.upperBound), (plot.y + plot.height - 1, range.lowerBound)]
        let middle = Self.middle(activation)
        if let reference = row(middle, per: 1) {
            for x in plot.x ..< plot.x + plot.width {
                canvas.put(String(canvas.glyphs.reference), x: x, y: plot.y + reference, Style(.reference))
            }
            if !labels.contains(where: { $0.0 == plot.y + reference }) { labels.append((plot.y + reference, middle)) }
        }
        for (y, value) in labels {
            canvas.put(Format.right(Self.label(value), Self.labelWidth), x: plot.x - Self.labelWidth - 1, y: y, Style(.muted))
        }
        let dots = canvas.glyphs.isASCII ? 1 : 4
        var marks = [[Int]](repeating: [Int](repeating: 0, count: plot.width), count: plot.height)
        var previous: Int?
        for column in 0 ..< min(map.columns, plot.width) {
            guard let dot = row(map.value(column: column, row: 0), per: dots) else {
                previous = nil
                continue
            }
            for filled in min(dot, previous ?? dot) ... max(dot, previous ?? dot) {
                marks[filled / dots][column] |= dots == 1 ? 1
                    : ChartPane.mark(across: 0, down: filled % dots, braille: true, single: false)
                    | ChartPane.mark(across: 1, down: filled % dots, braille: true, single: false)
            }
            previous = dot
        }
        for (y, line) in marks.enumerated() {
            for (x, mark) in line.enumerated() where mark != 0 {
                let character = dots == 1 ? "." : Character(Unicode.Scalar(0x2800 + mark)!)
                canvas.put(String(character), x: plot.x + x, y: plot.y + y, Style(.accent))
            }
        }
        for (sample, test) in all where !(test && state.hidesTestSamples) {
            guard let column = Self.index((sample.inputs[0] - map.x.lowerBound) / (map.x.upperBound - map.x.lowerBound), count: plot.width),
                  let y = row(sample.targets[state.shownOutput], per: 1) else { continue }
            let (character, style) = mark(sample, test: test, on: canvas)
            canvas.put(String(character), x: plot.x + column, y: plot.y + y, style)
        }
        // The x axis's ticks as under a map; the plot spans the width, so the input is named in the legend.
        let axisY = plot.y + plot.height, right = plot.x + plot.width
        drawTicks(map.x, name: nil, under: plot, limit: right, into: &canvas)
        let output = a.neuronName(layer: a.outputLayer, neuron: state.shownOutput)
        // Targets that are not class labels have no side of a middle to be marked by.
        let legend = state.classification ? pointsLegend(on: canvas)
            : [(String(mark(state.trainer.data.training[0], test: false, on: canvas).0), Style(.plain, bold: true)), (" a sample, at its target", Style(.muted))]
        Self.putSegments([("curve \(output) over \(pointName(0)) →  ", Style(.accent))] + legend,
                         x: plot.x - Self.labelWidth - 1, y: axisY + 1, limit: right, into: &canvas)
    }
}
