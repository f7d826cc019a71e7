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
        return fraction > 0 ? holdingOut(fraction, of: samples, random: &random) : DataSet(training: samples, test: [])
    }

    /// `samples` shuffled, the first `fraction` of them held out for testing. The order is
    /// shuffled as indices, the same permutation as shuffling the samples: each sample is
    /// copied once, not moved about (which took a third of the time to make millions).
    static func holdingOut(_ fraction: Double, of samples: [Sample], random: inout SplitMix64) -> DataSet {
        let testCount = Int((Double(samples.count) * fraction).rounded())
        let order = Array(samples.indices).shuffled(using: &random)
        return DataSet(training: order[testCount...].map { samples[$0] }, test: order[..<testCount].map { samples[$0] })
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
    /// inputs and the rest targets, which must be `outputs` many. Blank rows are skipped; a
    /// line's number counts them. Read as bytes, a field at a time, so that millions of rows
    /// take seconds, not minutes.
    public static func csv(_ text: String, inputs: Int, outputs: Int, name: String) throws(Refusal) -> DataSet {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(Refusal) -> DataSet in try CSVRows(bytes, inputs: inputs, outputs: outputs, name: name).samples() }
        }
        return try result.get()
    }
}

/// The rows of CSV bytes, parsed into samples with the checks and messages of `DataSet.csv`.
private struct CSVRows {
    let bytes: UnsafeBufferPointer<UInt8>, inputs: Int, outputs: Int, name: String

    init(_ bytes: UnsafeBufferPointer<UInt8>, inputs: Int, outputs: Int, name: String) {
        self.bytes = bytes
        self.inputs = inputs
        self.outputs = outputs
        self.name = name
    }

    static let newline = UInt8(ascii: "\n"), comma = UInt8(ascii: ","), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"),
               carriageReturn = UInt8(ascii: "\r")

    /// Each line's range and number (from 1), blank lines left out.
    private func lines(_ visit: (Range<Int>, Int) throws(DataSet.Refusal) -> Void) throws(DataSet.Refusal) {
        var start = 0, number = 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != Self.newline, bytes[end] != Self.carriageReturn { end += 1 }
            if (start ..< end).contains(where: { bytes[$0] != Self.space && bytes[$0] != Self.tab }) { try visit(start ..< end, number) }
            // A CR LF pair ends one line.
            let next = end < bytes.count && bytes[end] == Self.carriageReturn && end + 1 < bytes.count && bytes[end + 1] == Self.newline ? end + 2 : end + 1
            start = next
            number += 1
        }
    }

    /// A field's text, its spaces trimmed.
    private func field(_ range: Range<Int>) -> String {
        var low = range.lowerBound, high = range.upperBound
        while low < high, bytes[low] == Self.space || bytes[low] == Self.tab { low += 1 }
        while high > low, bytes[high - 1] == Self.space || bytes[high - 1] == Self.tab { high -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[low ..< high]), as: UTF8.self)
    }

    /// The fields of a line, by their commas.
    private func fields(_ line: Range<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = [], start = line.lowerBound
        for index in line where bytes[index] == Self.comma {
            ranges.append(start ..< index)
            start = index + 1
        }
        ranges.append(start ..< line.upperBound)
        return ranges
    }

    func samples() throws(DataSet.Refusal) -> DataSet {
        var columns: Int?, samples: [Sample] = []
        try lines { (line, lineNumber) throws(DataSet.Refusal) in
            let ranges = fields(line)
            guard let width = columns else {
                guard ranges.count == inputs + outputs else {
                    let needs = "\(inputs) input\(inputs == 1 ? "" : "s") + \(outputs) target\(outputs == 1 ? "" : "s") = \(inputs + outputs)"
                    throw DataSet.Refusal(description: "\(name): line \(lineNumber) has \(ranges.count) columns; the layers need \(needs)")
                }
                columns = ranges.count
                return
            }
            guard ranges.count == width else {
                throw DataSet.Refusal(description: "\(name): line \(lineNumber) has \(ranges.count) columns, the header \(width)")
            }
            var numbers: [Double] = []
            numbers.reserveCapacity(width)
            for (column, range) in ranges.enumerated() {
                numbers.append(try number(field(range), line: lineNumber, column: column + 1))
            }
            samples.append(Sample(inputs: Array(numbers[..<inputs]), targets: Array(numbers[inputs...])))
        }
        guard columns != nil else { throw DataSet.Refusal(description: "\(name): is empty; expected a header row and samples") }
        guard !samples.isEmpty else { throw DataSet.Refusal(description: "\(name): has a header but no samples") }
        return DataSet(training: samples)
    }

    /// A field as a finite number, or why not.
    private func number(_ text: String, line: Int, column: Int) throws(DataSet.Refusal) -> Double {
        guard let value = Double(decimal: text), value.isFinite else {
            throw DataSet.Refusal(description: "\(name): line \(line), column \(column): \"\(text.prefix(20))\" is not a finite decimal number")
        }
        // A number too small for a double reads as 0; say so rather than train on a 0 never written.
        if Double.underflows(text, to: value) {
            throw DataSet.Refusal(description: "\(name): line \(line), column \(column): \"\(text.prefix(20))\" is too small for a double and would read as 0")
        }
        return value
    }
}

extension DataSet {
    /// The same samples with `fraction` of them (chosen by `seed`) held out for testing.
    public func split(testFraction fraction: Double, seed: UInt64) -> DataSet {
        guard fraction > 0 else { return self }
        var random = SplitMix64(seed: seed)
        return BuiltInData.holdingOut(fraction, of: training + test, random: &random)
    }
}

extension Double {
    /// `text` as a decimal number (digits, one point, an exponent, signs): what bptui reads from
    /// files, flags and prompts. Swift's own reading also takes hexadecimal (`0x10` as 16),
    /// `inf` and `nan`, which no one writes meaning a decimal.
    public init?(decimal text: some StringProtocol) {
        guard !text.isEmpty, text.allSatisfy({ "0123456789.eE+-".contains($0) }), let value = Double(String(text)) else { return nil }
        self = value
    }

    /// Whether `text`, which reads as `value`, wrote digits a double cannot hold: a nonzero
    /// significand that reads as 0 (`1e-400`, `0x1p-2000`). Said, not trained on as 0.
    public static func underflows(_ text: String, to value: Double) -> Bool {
        guard value == 0 else { return false }
        let lowercased = text.lowercased(), hexadecimal = lowercased.contains("0x")
        let significand = lowercased.prefix { $0 != (hexadecimal ? "p" : "e") }
        return significand.contains { (hexadecimal ? "123456789abcdef" : "123456789").contains($0) }
    }
}
