/// Clicks: what is under a cell, from the same geometry the panes draw
/// with. A neuron's label selects the neuron, an edge the weight drawn in that cell, a row of
/// the weights list its parameter; a double-click also explains it.
extension AppState {
    func target(x: Int, y: Int) -> ClickTarget? {
        guard let size = screenSize, overlay == nil,
              let layout = Layout(width: size.width, height: size.height, architecture: architecture,
                                         dataView: dataView) else { return nil }
        let diagram = layout.diagram.inner
        if diagram.contains(x: x, y: y), layout.picture { return NetworkPane.Places(diagram, roomy: layout.roomy).target(x: x, y: y) }
        if diagram.contains(x: x, y: y), layout.table, let places = EdgeTablePane.Places(architecture, area: diagram, roomy: layout.roomy) {
            return places.target(x: x, y: y, height: diagram.height)
        }
        if diagram.contains(x: x, y: y) {
            let geometry = DiagramGeometry(self, area: diagram)
            // A neuron's name or its thumbnail.
            if let node = geometry.nodes.first(where: { node in
                node.y == y && x >= node.x && x < node.x + node.name.count || node.thumbnail?.contains(x: x, y: y) == true
            }) {
                return .neuron(node.neuron)
            }
            let weights = trainer.network.weights
            let crossing = geometry.edges.filter { edge in DiagramPane.dots(from: edge.from, to: edge.to).contains { $0.x == x && $0.y == y } }
            return crossing.max { weights[$0.weight].magnitude < weights[$1.weight].magnitude }.map { .parameter(.weight($0.weight)) }
        }
        let list = layout.list.inner
        if !dataView, list.contains(x: x, y: y), y > list.y {
            let rows = ParameterPane.rows(architecture, room: list.height - 1)
            let index = ParameterPane.firstRow(rows: rows, selected: parameter, room: list.height - 1) + (y - list.y - 1)
            return index >= 0 && index < rows.count ? rows.row(index).parameter.map { .parameter($0) } : nil
        }
        return nil
    }

    mutating func click(x: Int, y: Int, double: Bool) {
        switch target(x: x, y: y) {
        case .neuron(let clicked)?:
            neuron = clicked
            focus = .neurons
            mapAge = .infinity
        case .parameter(let clicked)?:
            parameter = clicked
            focus = .parameters
        case nil:
            return
        }
        if double { overlay = .explain }
    }
}

/// What a click lands on.
enum ClickTarget: Equatable {
    case neuron(Neuron)
    case parameter(Parameter)
}
