/// What a map shows over the input plane (2 inputs) or along the input line (1 input): one
/// neuron's output, or the class a softmax network picks (the index of its largest output) for
/// the data view's heatmap and curve. Values are taken at cell centres; row 0 is the top of the
/// plane (the largest y input).
public struct OutputMap: Sendable, Equatable {
    /// A neuron's output, by its layer (1…L) and index, or the predicted class.
    public enum Mapped: Sendable, Equatable {
        case neuron(layer: Int, index: Int)
        case predictedClass
    }

    /// Which sample inputs the axes are (y nil for a curve), and the point every other input
    /// is held at (a network with more than 2 inputs: their means).
    public struct Plane: Sendable, Equatable {
        public let x: Int, y: Int?
        public let held: [Double]

        public init(x: Int, y: Int?, held: [Double]) {
            self.x = x
            self.y = y
            self.held = held
        }

        /// Inputs 0 and 1 (or 0 alone) of a network with `inputs` inputs, the others at `held`.
        public static func first(_ inputs: Int, held: [Double]) -> Plane {
            Plane(x: 0, y: inputs >= 2 ? 1 : nil, held: held)
        }
    }

    public let columns: Int, rows: Int
    public let x: ClosedRange<Double>, y: ClosedRange<Double>
    public let mapped: Mapped, plane: Plane
    /// values[row · columns + column]: every cell once complete, the first cells while a
    /// large network's map is computed a slice at a time (`extend`).
    public private(set) var values: [Double]

    /// The map of `mapped` in `network`, every cell computed (`complete`), or none yet.
    public init(_ network: Network, _ mapped: Mapped, plane: Plane, columns: Int, rows: Int,
                x: ClosedRange<Double>, y: ClosedRange<Double>, complete: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.x = x
        self.y = y
        self.mapped = mapped
        self.plane = plane
        values = []
        if complete { extend(network, cells: columns * rows) }
    }

    /// One neuron's map over inputs 0 and 1 (or 0).
    public init(_ network: Network, layer: Int, neuron: Int, columns: Int, rows: Int,
                x: ClosedRange<Double>, y: ClosedRange<Double>, complete: Bool = true) {
        let a = network.architecture
        self.init(network, .neuron(layer: layer, index: neuron), plane: .first(a.sampleInputs, held: Array(repeating: 0, count: a.sampleInputs)),
                  columns: columns, rows: rows, x: x, y: y, complete: complete)
    }

    public var isComplete: Bool { values.count == columns * rows }

    /// Computes up to `cells` more cells, in order, of `network`'s map.
    public mutating func extend(_ network: Network, cells: Int) {
        let first = values.count, output = network.architecture.outputLayer
        let end = first + min(max(0, cells), columns * rows - first)
        values.reserveCapacity(columns * rows)
        var point = plane.held
        for cell in first ..< end {
            let centre = self.centre(column: cell % columns, row: cell / columns)
            point[plane.x] = centre.x
            if let y = plane.y { point[y] = centre.y }
            let outs = ForwardPass.layers(network, point).outs
            switch mapped {
            case .neuron(let layer, let index): values.append(outs[layer][index])
            case .predictedClass: values.append(Double(outs[output].largestIndex))
            }
        }
    }

    /// The input point at the centre of a cell, on the map's two axes.
    public func centre(column: Int, row: Int) -> (x: Double, y: Double) {
        let across = (Double(column) + 0.5) / Double(columns), down = (Double(row) + 0.5) / Double(rows)
        return (x.lowerBound + across * (x.upperBound - x.lowerBound), y.upperBound - down * (y.upperBound - y.lowerBound))
    }

    public func value(column: Int, row: Int) -> Double { values[row * columns + column] }
}

/// Every neuron's output over a small square grid of the input plane, from one forward pass
/// a cell: the diagram's thumbnails, as Playground draws its nodes.
public struct NeuronMaps: Sendable, Equatable {
    public let side: Int
    /// values[layer][neuron][row · side + column], row 0 the top of the plane.
    public let values: [[[Double]]]

    public init(_ network: Network, side: Int, plane: OutputMap.Plane, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.side = side
        let grid = OutputMap(network, .neuron(layer: 0, index: 0), plane: plane, columns: side, rows: side, x: x, y: y, complete: false)
        var values = network.architecture.layers.map { [[Double]](repeating: [], count: $0) }
        var point = plane.held
        for cell in 0 ..< side * side {
            let centre = grid.centre(column: cell % side, row: cell / side)
            point[plane.x] = centre.x
            if let y = plane.y { point[y] = centre.y }
            for (l, outs) in ForwardPass.layers(network, point).outs.enumerated() {
                for (j, out) in outs.enumerated() { values[l][j].append(out) }
            }
        }
        self.values = values
    }
}

extension DataSet {
    /// The part of the plane the data view shows of input `i` (see `inputRanges`).
    public func inputRange(_ i: Int) -> ClosedRange<Double> { inputRanges.indices.contains(i) ? inputRanges[i] : -1 ... 1 }
}

/// How a network's starting numbers are drawn, layer by layer from the seed.
public enum Initialization: String, CaseIterable, Sendable, Codable {
    /// Uniform in ±1/√(fan-in), biases 0.
    case fanIn = "fan-in"
    /// Playground's: uniform in [−0.5, 0.5), biases 0.1.
    case playground
    /// Glorot's uniform: ±√(6/(fan-in + fan-out)), biases 0: the default (the README says why).
    case xavier
    /// He's uniform, for relu: ±√(6/fan-in), biases 0.
    case he
    /// Every number 0.
    case zero

    /// The half-width of layer l's weights (n_in, n_out its fan-in and fan-out).
    func limit(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .fanIn: 1 / Double(fanIn).squareRoot()
        case .playground: 0.5
        case .xavier: (6 / Double(fanIn + fanOut)).squareRoot()
        case .he: (6 / Double(fanIn)).squareRoot()
        case .zero: 0
        }
    }
}

extension Network {
    /// The post's network for its 2-2-2 shape with shared biases (by default); any other
    /// shape's weights drawn by `initialization` from `seed` (the post's biases for a
    /// per-neuron 2-2-2 by default).
    public static func seeded(_ a: Architecture, seed: UInt64, initialization: Initialization = .xavier) -> Network {
        let byDefault = initialization == .xavier
        if byDefault, a.layers == [2, 2, 2], a.bias == .shared { return Network(unchecked: a, weights: post.weights, biases: post.biases) }
        var random = SplitMix64(seed: seed)
        var weights: [Double] = []
        for l in 1 ... a.outputLayer {
            let limit = initialization.limit(fanIn: a.layers[l - 1], fanOut: a.layers[l])
            weights += (0 ..< a.layers[l] * a.layers[l - 1]).map { _ in
                initialization == .zero ? 0 : initialization == .playground ? random.unit() - 0.5 : Double.random(in: -limit ... limit, using: &random)
            }
        }
        let bias = initialization == .playground ? 0.1 : 0
        let biases = byDefault && a.layers == [2, 2, 2] ? [0.35, 0.35, 0.60, 0.60] : [Double](repeating: bias, count: a.biasCount)
        return Network(unchecked: a, weights: weights, biases: biases)
    }
}

extension Network {
    /// The fraction of samples whose output is on the target's side: the sign for tanh (and
    /// linear or relu outputs with ±1 targets), 0.5 for logistic, the largest for softmax.
    public func accuracy(on samples: [Sample]) -> Double {
        let a = architecture
        let right = samples.filter { sample in
            let o = ForwardPass(self, sample).outputs, t = sample.targets
            return Self.isRight(o.count, output: { o[$0] }, target: { t[$0] }, activation: a.outputActivation)
        }
        return Double(right.count) / Double(max(1, samples.count))
    }

    /// counts[t][p]: how many of `samples` of class t (the largest target) the network puts in
    /// class p (its largest output).
    public func confusion(on samples: some Sequence<Sample>) -> [[Int]] {
        let classes = architecture.layers[architecture.outputLayer]
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for sample in samples {
            counts[sample.targets.largestIndex][ForwardPass(self, sample).outputs.largestIndex] += 1
        }
        return counts
    }

    /// Whether `count` outputs are on their targets' side (see `accuracy`).
    @inline(__always)
    static func isRight(_ count: Int, output o: (Int) -> Double, target t: (Int) -> Double, activation: Activation) -> Bool {
        if activation == .softmax {
            return (0 ..< count).max { o($0) < o($1) } == (0 ..< count).max { t($0) < t($1) }
        }
        let threshold = activation == .tanh || (0 ..< count).contains { t($0) < 0 } ? 0.0 : 0.5
        return (0 ..< count).allSatisfy { (o($0) > threshold) == (t($0) > threshold) }
    }
}

extension Array where Element == Double {
    /// The index of the largest value (the first of equals, 0 when empty): a one-hot target's
    /// class, or the class a softmax network picks.
    public var largestIndex: Int { indices.max { self[$0] < self[$1] } ?? 0 }
}
