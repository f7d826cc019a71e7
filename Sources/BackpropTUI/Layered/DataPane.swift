/// The data view: the output over the input plane and every sample.
struct DataPane {
    let state: LayeredState

    func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Data")
    }
}
