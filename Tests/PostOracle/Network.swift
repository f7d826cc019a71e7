import BackpropEngine

/// The 2-2-2 network of the worked example: inputs, targets, the eight weights and two biases.
///
/// w1: i1→h1, w2: i2→h1, w3: i1→h2, w4: i2→h2, w5: h1→o1, w6: h2→o1, w7: h1→o2, w8: h2→o2;
/// b1 feeds both hidden neurons, b2 both outputs.
public struct PostNetwork: Sendable, Equatable, Codable {
    public var i1: Double, i2: Double
    public var target_o1: Double, target_o2: Double
    public var w1: Double, w2: Double, w3: Double, w4: Double
    public var w5: Double, w6: Double, w7: Double, w8: Double
    public var b1: Double, b2: Double

    public init(
        i1: Double, i2: Double, target_o1: Double, target_o2: Double,
        w1: Double, w2: Double, w3: Double, w4: Double,
        w5: Double, w6: Double, w7: Double, w8: Double,
        b1: Double, b2: Double
    ) {
        self.i1 = i1; self.i2 = i2
        self.target_o1 = target_o1; self.target_o2 = target_o2
        self.w1 = w1; self.w2 = w2; self.w3 = w3; self.w4 = w4
        self.w5 = w5; self.w6 = w6; self.w7 = w7; self.w8 = w8
        self.b1 = b1; self.b2 = b2
    }

    /// The network exactly as the post starts it.
    public static let post = PostNetwork(
        i1: 0.05, i2: 0.10, target_o1: 0.01, target_o2: 0.99,
        w1: 0.15, w2: 0.20, w3: 0.25, w4: 0.30,
        w5: 0.40, w6: 0.45, w7: 0.50, w8: 0.55,
        b1: 0.35, b2: 0.60
    )

    /// The value of one trainable parameter.
    public subscript(parameter: PostParameter) -> Double {
        get { self[keyPath: parameter.keyPath] }
        set { self[keyPath: parameter.keyPath] = newValue }
    }

    /// Whether every number in the network is finite.
    public var isFinite: Bool {
        [i1, i2, target_o1, target_o2, w1, w2, w3, w4, w5, w6, w7, w8, b1, b2].allSatisfy(\.isFinite)
    }
}

/// A trainable parameter, named as in the post.
public enum PostParameter: String, CaseIterable, Sendable, Codable {
    case w1, w2, w3, w4, w5, w6, w7, w8, b1, b2

    /// The eight weights, w1…w8.
    public static let weights: [PostParameter] = [.w1, .w2, .w3, .w4, .w5, .w6, .w7, .w8]

    public var isBias: Bool { self == .b1 || self == .b2 }

    var keyPath: WritableKeyPath<PostNetwork, Double> {
        switch self {
        case .w1: \.w1
        case .w2: \.w2
        case .w3: \.w3
        case .w4: \.w4
        case .w5: \.w5
        case .w6: \.w6
        case .w7: \.w7
        case .w8: \.w8
        case .b1: \.b1
        case .b2: \.b2
        }
    }
}
