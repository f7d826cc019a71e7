import BackpropEngine

/// Where each pane goes: the diagram across the top (the post's picture for its shape, or
/// tall enough for the widest layer when it can be), and below it the weights list beside the
/// chart; with the data view open, the diagram and the chart share the left and the data view
/// takes the right from top to bottom.
struct Layout: Sendable, Equatable {
    /// The smallest terminal the screen fits.
    public static let minimumWidth = 80, minimumHeight = 24

    let diagram: Rect, list: Rect, chart: Rect
    /// The data view's place: the list's and the chart's together.
    let data: Rect
    let status: Rect, message: Rect, hints: Rect
    let roomy: Bool
    /// Whether the diagram is the post's picture, every weight's value on its edge.
    let picture: Bool
    /// Whether the diagram is a small network's table of every weight (`EdgeTablePane`).
    let table: Bool
    /// The rows of each neuron's thumbnail map in the braille diagram: 2, or 1 where 2 do not
    /// fit, 0 for none (1 input, too large a network, too little room).
    let thumbnail: Int

    /// `dataView` puts the data view on the right.
    init?(width: Int, height: Int, architecture a: Architecture, dataView: Bool = false) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        roomy = width >= 110 && height >= 30
        let panes = height - 4
        let right = dataView
        picture = NetworkPane.draws(a) && !right
        let tallest = (1 ... a.outputLayer).map { EdgeTablePane.Places.rows(a, into: $0) }.max() ?? 0
        table = !picture && !right && tallest + 2 <= panes - 8
            && EdgeTablePane.Places(a, area: Rect(x: 0, y: 0, width: width, height: tallest + 2).inner, roomy: roomy) != nil
        let left = right ? width * 9 / 20 : width
        thumbnail = picture || table ? 0 : Self.thumbnailRows(a, width: left - 2, height: panes - 8 - 2)
        let widest = a.layers.max() ?? 1
        let diagramHeight = picture ? (roomy ? 10 : 7) : table ? tallest + 2
            : thumbnail > 0 ? widest * (thumbnail + 1) + 1 + 2 : min(max(5, widest + 2), panes - 8)
        diagram = Rect(x: 0, y: 0, width: left, height: diagramHeight)
        let listWidth = ParameterPane.width(a, columns: roomy ? 4 : 3)
        list = Rect(x: 0, y: diagramHeight, width: listWidth, height: panes - diagramHeight)
        chart = right ? Rect(x: 0, y: diagramHeight, width: left, height: panes - diagramHeight)
            : Rect(x: listWidth, y: diagramHeight, width: width - listWidth, height: panes - diagramHeight)
        data = right ? Rect(x: left, y: 0, width: width - left, height: panes)
            : Rect(x: 0, y: diagramHeight, width: width, height: panes - diagramHeight)
        status = Rect(x: 0, y: height - 4, width: width, height: 2)
        message = Rect(x: 0, y: height - 2, width: width, height: 1)
        hints = Rect(x: 0, y: height - 1, width: width, height: 1)
    }

    /// The most weights a network may have for its diagram to draw thumbnails.
    static let thumbnailWeights = 10_000
    /// The fewest columns between two layers whose edges still read as lines between them.
    static let thumbnailGap = 6

    /// The largest thumbnail (2 rows, then 1) whose diagram fits `width` × `height` inner cells:
    /// a thumbnail 2 columns a row wide and a space before each name, a row between neurons,
    /// `thumbnailGap` columns between layers for the edges; none for a network of 1 input or past
    /// `thumbnailWeights`.
    static func thumbnailRows(_ a: Architecture, width: Int, height: Int) -> Int {
        guard a.sampleInputs >= 2, a.weightCount <= thumbnailWeights else { return 0 }
        let names = a.layers.indices.map { l in (0 ..< a.layers[l]).map { a.neuronName(layer: l, neuron: $0).count }.max() ?? 1 }
        let widest = a.layers.max() ?? 1
        return [2, 1].first { rows in
            widest * (rows + 1) + 1 <= height && names.reduce(0) { $0 + $1 + 2 * rows + 1 } + (a.layers.count - 1) * thumbnailGap <= width
        } ?? 0
    }
}
