import BackpropEngine

/// A number of the network or its training that can be set by hand between two iterations.
public enum Quantity: Sendable, Equatable, Hashable {
    case parameter(PostParameter)
    case i1, i2, target_o1, target_o2, learningRate

    /// The name the post gives it (η for the learning rate).
    public var name: String {
        switch self {
        case .parameter(let p): p.rawValue
        case .i1: "i1"
        case .i2: "i2"
        case .target_o1: "target_o1"
        case .target_o2: "target_o2"
        case .learningRate: "η"
        }
    }

    public func value(in network: PostNetwork, _ settings: PostSettings) -> Double {
        switch self {
        case .parameter(let p): network[p]
        case .i1: network.i1
        case .i2: network.i2
        case .target_o1: network.target_o1
        case .target_o2: network.target_o2
        case .learningRate: settings.learningRate
        }
    }

    public func set(_ value: Double, in network: inout PostNetwork, _ settings: inout PostSettings) {
        switch self {
        case .parameter(let p): network[p] = value
        case .i1: network.i1 = value
        case .i2: network.i2 = value
        case .target_o1: network.target_o1 = value
        case .target_o2: network.target_o2 = value
        case .learningRate: settings.learningRate = value
        }
    }
}

/// A number set by hand at an iteration: the network of that iteration gets `value` for
/// `quantity`. Training replays it whenever it passes that iteration again.
public struct PostEdit: Sendable, Equatable {
    /// The iteration whose network was changed.
    public let iteration: Int
    public let quantity: Quantity
    public let value: Double

    public init(iteration: Int, quantity: Quantity, value: Double) {
        self.iteration = iteration
        self.quantity = quantity
        self.value = value
    }
}
