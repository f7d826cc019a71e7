import Foundation

/// Training samples, and the test samples held out of training.
public struct DataSet: Sendable, Equatable {
    public let training: [Sample]
    public let test: [Sample]
    /// Each input's range over every sample, widened by a tenth on each side (by 0.5 when
    /// all samples agree): the part of the plane the data view shows. Found once, when made.
    public let inputRanges: [ClosedRange<Double>]
    /// Each input's mean over every sample: where a map of two inputs holds the others.
    public let inputMeans: [Double]

    public init(training: [Sample], test: [Sample] = []) {
        self.training = training
        self.test = test
        let count = (training.first ?? test.first)?.inputs.count ?? 0
        var low = [Double](repeating: .infinity, count: count), high = [Double](repeating: -.infinity, count: count)
        var sum = [Double](repeating: 0, count: count)
        for sample in [training, test].joined() {
            for (i, value) in sample.inputs.prefix(count).enumerated() {
                low[i] = min(low[i], value)
                high[i] = max(high[i], value)
                sum[i] += value
            }
        }
        let samples = Double(max(1, training.count + test.count))
        inputMeans = sum.map { $0 / samples }
        inputRanges = (0 ..< count).map { i in
            let margin = high[i] > low[i] ? (high[i] - low[i]) / 10 : 0.5
            return (low[i] - margin) ... (high[i] + margin)
        }
    }

    /// Every sample, training then test, without copying either list.
    public var all: FlattenSequence<[[Sample]]> { [training, test].joined() }

    /// Whether every target is a class label (−1, 0 or 1): accuracy is then reported.
    public var hasClassLabels: Bool { all.allSatisfy { $0.targets.allSatisfy { [-1, 0, 1].contains($0) } } }

    /// The post's one sample: inputs 0.05, 0.10 and targets 0.01, 0.99.
    public static let post = DataSet(training: [Sample(inputs: [0.05, 0.10], targets: [0.01, 0.99])])

    /// Why data cannot be used, in one line naming where.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }
}

/// A built-in data set: the logic gates, TensorFlow Playground's four 2-D classification
/// sets, and clusters of as many classes as a softmax network has outputs, generated from a seed.
public enum BuiltInData: String, CaseIterable, Sendable {
    case post, xor, and, or
    case circle, gauss, spiral, quadrants
    case clusters

    /// Whether the set is generated (with samples, noise and a test split).
    public var isGenerated: Bool { ![.post, .xor, .and, .or].contains(self) }

    /// The generated sets' names, for messages: "circle, gauss, spiral, quadrants and clusters".
    public static var generatedNames: String {
        let names = allCases.filter(\.isGenerated).map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// The samples, with targets in the output activation's range: 0/1 for logistic (and
    /// linear, relu), ±1 for tanh, one-hot for softmax (class +1 first).
    public func make(outputs: Int, outputActivation: Activation, samples count: Int = 500, noise: Double = 0,
                     testFraction: Double? = nil, seed: UInt64 = 1) throws(DataSet.Refusal) -> DataSet {
        if self == .post {
            guard outputs == 2 else { throw DataSet.Refusal(description: "the post's data has 2 targets; the network has \(outputs) outputs") }
            return .post
        }
        var random = SplitMix64(seed: seed)
        if self == .clusters {
            guard outputActivation == .softmax, outputs >= 2 else {
                throw DataSet.Refusal(description: "clusters are classes, one a softmax output; the network has \(outputs) "
                    + "\(outputActivation.rawValue) output\(outputs == 1 ? "" : "s")")
            }
            let samples = Self.clusters(outputs, count: count, noise: noise, random: &random)
            return try Self.split(samples, testFraction: testFraction ?? 0.5, random: &random)
        }
        let labelled: [(inputs: [Double], positive: Bool)]
        switch self {
        case .xor, .and, .or:
            labelled = [(0, 0), (0, 1), (1, 0), (1, 1)].map { a, b in
                let on = self == .xor ? a != b : self == .and ? a == 1 && b == 1 : a == 1 || b == 1
                return ([Double(a), Double(b)], on)
            }
        default:
            labelled = Self.playground(self, count: count, noise: noise, random: &random)
        }
        let samples = try labelled.map { (point) throws(DataSet.Refusal) -> Sample in
            Sample(inputs: point.inputs, targets: try Self.targets(point.positive, outputs: outputs, outputActivation))
        }
        return try Self.split(samples, testFraction: testFraction ?? (isGenerated ? 0.5 : 0), random: &random)
    }

    /// The samples shuffled, `fraction` of them held out for testing.
    static func split(_ samples: [Sample], testFraction fraction: Double, random: inout SplitMix64) throws(DataSet.Refusal) -> DataSet {
        guard fraction >= 0, fraction < 1 else {
            throw DataSet.Refusal(description: "the test fraction must be in [0, 1), got \(fraction)")
        }
        let shuffled = fraction > 0 ? samples.shuffled(using: &random) : samples
        let testCount = Int((Double(samples.count) * fraction).rounded())
        return DataSet(training: Array(shuffled.dropFirst(testCount)), test: Array(shuffled.prefix(testCount)))
    }

    /// `classes` round clusters, evenly spaced on a circle of radius 3 (as gauss's two, spread
    /// wider by noise), sample i of class i mod `classes`, one-hot targets.
    static func clusters(_ classes: Int, count: Int, noise: Double, random: inout SplitMix64) -> [Sample] {
        (0 ..< count).map { index in
            let k = index % classes, angle = 2 * Double.pi * Double(k) / Double(classes), spread = (0.5 + 7 * noise).squareRoot()
            let u1 = max(Double.random(in: 0 ..< 1, using: &random), .leastNonzeroMagnitude), u2 = Double.random(in: 0 ..< 1, using: &random)
            let r = spread * (-2 * log(u1)).squareRoot(), theta = 2 * Double.pi * u2
            return Sample(inputs: [3 * cos(angle) + r * cos(theta), 3 * sin(angle) + r * sin(theta)],
                          targets: (0 ..< classes).map { $0 == k ? 1 : 0 })
        }
    }

    static func targets(_ positive: Bool, outputs: Int, _ activation: Activation) throws(DataSet.Refusal) -> [Double] {
        switch activation {
        case .softmax:
            guard outputs == 2 else { throw DataSet.Refusal(description: "two classes need 2 softmax outputs, got \(outputs)") }
            return positive ? [1, 0] : [0, 1]
        case .tanh:
            guard outputs == 1 else { throw DataSet.Refusal(description: "a two-class set needs 1 output, got \(outputs)") }
            return [positive ? 1 : -1]
        default:
            guard outputs == 1 else { throw DataSet.Refusal(description: "a two-class set needs 1 output, got \(outputs)") }
            return [positive ? 1 : 0]
        }
    }

    /// Playground's generators; `positive` is its label +1.
    static func playground(_ set: BuiltInData, count: Int, noise: Double, random: inout SplitMix64) -> [(inputs: [Double], positive: Bool)] {
        func uniform(_ low: Double, _ high: Double) -> Double { Double.random(in: low ..< high, using: &random) }
        func normal(_ mean: Double, _ variance: Double) -> Double {
            let u1 = max(uniform(0, 1), .leastNonzeroMagnitude), u2 = uniform(0, 1)
            return mean + sqrt(variance) * sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
        }
        let half = count / 2
        switch set {
        case .circle:
            return (0 ..< count).map { index in
                let r = index < half ? uniform(0, 2.5) : uniform(3.5, 5), angle = uniform(0, 2 * .pi)
                let x = r * sin(angle), y = r * cos(angle)
                let nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise
                return ([x, y], ((x + nx) * (x + nx) + (y + ny) * (y + ny)).squareRoot() < 2.5)
            }
        case .gauss:
            let variance = 0.5 + 7 * noise
            return (0 ..< count).map { index in
                let centre = index < half ? 2.0 : -2.0
                return ([normal(centre, variance), normal(centre, variance)], index < half)
            }
        case .spiral:
            return (0 ..< count).map { index in
                let i = index % max(1, half), n = Double(max(1, half))
                let r = 5 * Double(i) / n, t = 1.75 * 2 * .pi * Double(i) / n + (index < half ? 0 : .pi)
                return ([r * sin(t) + uniform(-1, 1) * noise, r * cos(t) + uniform(-1, 1) * noise], index < half)
            }
        default:
            return (0 ..< count).map { _ in
                var x = uniform(-5, 5), y = uniform(-5, 5)
                x += x > 0 ? 0.3 : -0.3
                y += y > 0 ? 0.3 : -0.3
                let nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise
                return ([x, y], (x + nx) * (y + ny) >= 0)
            }
        }
    }
}

extension DataSet {
    /// Samples from CSV text: a header row, then one sample a row, the first `inputs` columns
    /// inputs and the rest targets, which must be `outputs` many.
    public static func csv(_ text: String, inputs: Int, outputs: Int, name: String) throws(Refusal) -> DataSet {
        let rows = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = rows.first else { throw Refusal(description: "\(name): is empty; expected a header row and samples") }
        let columns = header.element.split(separator: ",", omittingEmptySubsequences: false).count
        guard columns == inputs + outputs else {
            let needs = "\(inputs) input\(inputs == 1 ? "" : "s") + \(outputs) target\(outputs == 1 ? "" : "s") = \(inputs + outputs)"
            throw Refusal(description: "\(name): line 1 has \(columns) columns; the layers need \(needs)")
        }
        var samples: [Sample] = []
        for (offset, row) in rows.dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns else {
                throw Refusal(description: "\(name): line \(offset + 1) has \(fields.count) columns, the header \(columns)")
            }
            var numbers: [Double] = []
            for (column, field) in fields.enumerated() {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let value = Double(trimmed), value.isFinite else {
                    throw Refusal(description: "\(name): line \(offset + 1), column \(column + 1): \"\(trimmed.prefix(20))\" is not a finite number")
                }
                // A number too small for a double reads as 0; say so rather than train on a 0 never written.
                if value == 0, let mantissa = trimmed.split(whereSeparator: { $0 == "e" || $0 == "E" }).first,
                   mantissa.contains(where: { ("1" ... "9").contains($0) }) {
                    throw Refusal(description: "\(name): line \(offset + 1), column \(column + 1): \"\(trimmed.prefix(20))\" is too small for a double and would read as 0")
                }
                numbers.append(value)
            }
            samples.append(Sample(inputs: Array(numbers[..<inputs]), targets: Array(numbers[inputs...])))
        }
        guard !samples.isEmpty else { throw Refusal(description: "\(name): has a header but no samples") }
        return DataSet(training: samples)
    }
}

extension DataSet {
    /// The same samples with `fraction` of them (chosen by `seed`) held out for testing.
    public func split(testFraction fraction: Double, seed: UInt64) -> DataSet {
        guard fraction > 0 else { return self }
        var random = SplitMix64(seed: seed)
        let all = (training + test).shuffled(using: &random)
        let testCount = Int((Double(all.count) * fraction).rounded())
        return DataSet(training: Array(all.dropFirst(testCount)), test: Array(all.prefix(testCount)))
    }
}
