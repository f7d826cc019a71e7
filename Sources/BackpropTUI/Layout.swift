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
        let diagramHeight = picture ? (roomy ? 10 : 7) : table ? tallest + 2 : min(max(5, (a.layers.max() ?? 1) + 2), panes - 8)
        let left = right ? width * 9 / 20 : width
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
}
