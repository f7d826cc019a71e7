import Foundation

/// A point of a generated set: x1, x2 and its label (±1 for a class; a value in [−1, 1]
/// for regression).
public struct LabelledPoint: Sendable, Equatable {
    public let x: Double, y: Double, label: Double

    public init(x: Double, y: Double, label: Double) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// TensorFlow Playground's data sets, drawn as its generators draw them: the same random
/// numbers in the same order give the same points.
public enum PlaygroundSet: String, CaseIterable, Sendable {
    case circle, xor, gauss, spiral
    case plane = "reg-plane", multiGauss = "reg-gauss"

    /// Whether labels are values to fit (a linear output) rather than classes.
    public var isRegression: Bool { self == .plane || self == .multiGauss }

    /// `count` points at `noise` (0…0.5, Playground's percent / 100).
    public func points<R: UnitRandom>(_ count: Int, noise: Double, random: inout R) -> [LabelledPoint] {
        func uniform(_ a: Double, _ b: Double) -> Double { random.unit() * (b - a) + a }
        switch self {
        case .circle:
            return (0 ..< count).map { index in
                let r = index < count / 2 ? uniform(0, 2.5) : uniform(3.5, 5), angle = uniform(0, 2 * .pi)
                let x = r * sin(angle), y = r * cos(angle), nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise
                return LabelledPoint(x: x, y: y, label: ((x + nx) * (x + nx) + (y + ny) * (y + ny)).squareRoot() < 2.5 ? 1 : -1)
            }
        case .xor:
            return (0 ..< count).map { _ in
                var x = uniform(-5, 5)
                x += x > 0 ? 0.3 : -0.3
                var y = uniform(-5, 5)
                y += y > 0 ? 0.3 : -0.3
                let nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise
                return LabelledPoint(x: x, y: y, label: (x + nx) * (y + ny) >= 0 ? 1 : -1)
            }
        case .gauss:
            // The polar Box–Muller draw, scaled by the variance Playground maps the noise to.
            let deviation = Self.linear(noise, from: (0, 0.5), to: (0.5, 4)).squareRoot()
            func normal() -> Double {
                var v1 = 0.0, s = 2.0
                while s > 1 {
                    v1 = 2 * random.unit() - 1
                    let v2 = 2 * random.unit() - 1
                    s = v1 * v1 + v2 * v2
                }
                return (-2 * log(s) / s).squareRoot() * v1
            }
            return (0 ..< count).map { index in
                let centre = index < count / 2 ? 2.0 : -2.0
                let x = centre + deviation * normal(), y = centre + deviation * normal()
                return LabelledPoint(x: x, y: y, label: centre > 0 ? 1 : -1)
            }
        case .spiral:
            let m = count / 2
            return (0 ..< 2 * m).map { index in
                let i = Double(index % m), n = Double(m), δ = index < m ? 0 : Double.pi
                let r = i / n * 5, t = 1.75 * i / n * 2 * .pi + δ
                let x = r * sin(t) + uniform(-1, 1) * noise, y = r * cos(t) + uniform(-1, 1) * noise
                return LabelledPoint(x: x, y: y, label: index < m ? 1 : -1)
            }
        case .plane, .multiGauss:
            return (0 ..< count).map { _ in
                let x = uniform(-6, 6), y = uniform(-6, 6), nx = uniform(-6, 6) * noise, ny = uniform(-6, 6) * noise
                let label = self == .plane ? Self.linear(x + nx + y + ny, from: (-10, 10), to: (-1, 1))
                    : Self.strongestGaussian(x + nx, y + ny)
                return LabelledPoint(x: x, y: y, label: label)
            }
        }
    }

    /// The six bumps of reg-gauss: the value of largest magnitude at (x, y), 0 where none reaches.
    static func strongestGaussian(_ x: Double, _ y: Double) -> Double {
        let centres: [(Double, Double, Double)] = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
        var label = 0.0
        for (cx, cy, sign) in centres {
            let distance = ((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot()
            let value = sign * min(1, max(0, 1 - distance / 2))
            if abs(value) > abs(label) { label = value }
        }
        return label
    }

    /// d3's linear scale: `value` mapped from one range to another.
    static func linear(_ value: Double, from a: (Double, Double), to b: (Double, Double)) -> Double {
        let t = (value - a.0) / (a.1 - a.0)
        return b.0 * (1 - t) + b.1 * t
    }
}
