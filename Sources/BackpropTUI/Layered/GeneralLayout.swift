/// Where each pane of the general screen goes: the diagram across the top, tall enough for
/// the widest layer when it can be, and below it the weights list beside the chart; with the
/// data view open, the diagram and the chart share the left and the data view takes the
/// right from top to bottom.
struct GeneralLayout: Sendable, Equatable {
    let diagram: Rect, list: Rect, chart: Rect
    /// The data view's place: the list's and the chart's together.
    let data: Rect
    let status: Rect, message: Rect, hints: Rect
    let roomy: Bool

    /// `dataView` puts the data view on the right; `tableOnly` (a network of more than two
    /// inputs, whose data view is only its table) puts it across the bottom instead.
    init?(width: Int, height: Int, widestLayer: Int, dataView: Bool = false, tableOnly: Bool = false) {
        guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else { return nil }
        roomy = width >= 110 && height >= 30
        let panes = height - 4
        let diagramHeight = min(max(5, widestLayer + 2), panes - 8)
        let right = dataView && !tableOnly
        let left = right ? width * 9 / 20 : width
        diagram = Rect(x: 0, y: 0, width: left, height: diagramHeight)
        let listWidth = roomy ? 56 : 44
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
