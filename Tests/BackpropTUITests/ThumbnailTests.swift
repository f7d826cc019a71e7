@testable import BackpropTUI
import BackpropEngine
import Testing

/// The diagram's thumbnails: every neuron's own map, as Playground draws its nodes.
@Suite struct ThumbnailTests {
    static let circle = Recipe(layers: [2, 4, 2, 1], activation: .tanh, outputActivation: .tanh, data: .builtIn(.circle),
                               learningRate: 0.03, batch: 10)

    static func state(_ recipe: Recipe = circle, width: Int, height: Int, data: Bool = false) -> AppState {
        var state = GoldenTests.trainedGeneral(recipe, 500, size: GoldenTests.Size(width: width, height: height))
        if data { state.update(.toggleDataView) }
        return state
    }

    @Test(arguments: [(120, 40, false, 2), (120, 40, true, 2), (80, 24, false, 1)])
    func everyNeuronOf2421HasItsMap(width: Int, height: Int, data: Bool, rows: Int) throws {
        let state = Self.state(width: width, height: height, data: data)
        let layout = try #require(Layout(width: width, height: height, architecture: state.architecture, dataView: data))
        #expect(layout.thumbnail == rows)
        let canvas = Screen.render(state, width: width, height: height)
        let geometry = DiagramGeometry(state, area: layout.diagram.inner)
        let maps = try #require(state.thumbnails?.maps)
        #expect(maps.side == 2 * rows && geometry.nodes.count == 9)
        let data = state.trainer.data, x = data.inputRange(0), y = data.inputRange(1)
        for node in geometry.nodes {
            let corner = try #require(node.thumbnail, "\(node.name) has a thumbnail")
            let a = state.architecture, activation = node.neuron.layer == 0 ? Activation.linear : a.activation(ofLayer: node.neuron.layer)
            let values = maps.values[node.neuron.layer][node.neuron.index]
            let range = DataPane.valueRange(activation, values: values)
            for row in 0 ..< rows {
                for column in 0 ..< 2 * rows {
                    let heat = try #require(canvas[corner.x + column, corner.y + row].style.heat)
                    for (half, paint) in [(0, heat.top), (1, heat.bottom)] {
                        // The cell's centre in the plane, and a fresh forward pass there.
                        let across = (Double(column) + 0.5) / Double(2 * rows), down = (Double(2 * row + half) + 0.5) / Double(2 * rows)
                        let point = [x.lowerBound + across * (x.upperBound - x.lowerBound), y.upperBound - down * (y.upperBound - y.lowerBound)]
                        let out = ForwardPass(state.trainer.network, Sample(inputs: point, targets: [0])).outs[node.neuron.layer][node.neuron.index]
                        #expect(paint == .heat(DataPane.level(out, in: range)), "\(node.name) (\(column), \(2 * row + half))")
                    }
                }
            }
            #expect(canvas.lines[node.y].contains(node.name))
        }
    }

    @Test func noRoomOneInputOrALargeNetworkDrawNone() throws {
        #expect(Self.state(width: 80, height: 24, data: true).thumbnails == nil, "80×24 beside the data view: no room")
        let line = Recipe(layers: [1, 4, 1], data: .given(name: "line", DataSet(training: (0 ..< 8).map {
            Sample(inputs: [Double($0)], targets: [Double($0 % 2)])
        })))
        #expect(Self.state(line, width: 120, height: 40).thumbnails == nil, "one input: no plane to map")
        let large = Recipe(layers: [2, 200, 60, 1], data: .builtIn(.circle), samples: 100)
        #expect(Self.state(large, width: 120, height: 40).thumbnails == nil)
    }

    @Test func theyFollowTraining() throws {
        var state = Self.state(width: 120, height: 40)
        let before = try #require(state.thumbnails?.maps)
        state.update(.openGoTo)
        state.update(.promptInsert("3000"))
        state = finishing(.promptSubmit, on: state)
        let after = try #require(state.thumbnails)
        #expect(after.maps != before && after.network == state.trainer.network)
    }

    @Test func aClickOnAThumbnailSelectsItsNeuron() throws {
        var state = Self.state(width: 120, height: 40)
        let layout = try #require(Layout(width: 120, height: 40, architecture: state.architecture))
        let h13 = try #require(DiagramGeometry(state, area: layout.diagram.inner).nodes.first { $0.name == "h1.3" })
        let thumb = try #require(h13.thumbnail)
        state.update(.click(x: thumb.x + 1, y: thumb.y + 1, double: false))
        #expect(state.neuron == Neuron(layer: 1, index: 2) && state.focus == .neurons)
    }
}
