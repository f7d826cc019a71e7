import BackpropEngine
import Foundation

/// What `x` writes: the error history as CSV and the current network as a `--config` file.
/// Pure: the backend names and writes the files (atomically) and answers with `.exported`.
public struct Export: Sendable, Equatable {
    public let csv: String
    /// The network file; nil when it would be larger than `--config` reads (it could not be
    /// read back), with its size in `networkBytes`.
    public let json: String?
    /// The network file's size, or a lower bound on it when it was too large to build.
    public let networkBytes: Int
    /// A run opened from a Playground link: the link of its experiment (written to a third
    /// file), or what Playground lacks for it.
    public var playground: Result<String, PlaygroundLink.Lack>?

    public static let maximumRows = 1 << 20

    /// The fewest bytes one number takes in the indented file: a digit, its line's indent, `,`
    /// and the line break. A network that needs more than `--config` reads, by this count, is
    /// not encoded at all (9 million weights would take seconds and hundreds of MB).
    static let leastBytesPerNumber = 7

    init(csv: String, network: () -> String, numbers: Int) {
        self.csv = csv
        let least = numbers.multipliedReportingOverflow(by: Self.leastBytesPerNumber)
        if least.overflow || least.partialValue > RunConfig.largestFileBytes {
            networkBytes = least.overflow ? .max : least.partialValue
            json = nil
            return
        }
        let text = network()
        networkBytes = text.utf8.count
        json = networkBytes <= RunConfig.largestFileBytes ? text : nil
    }
}

extension Export {
    /// The files for a run, built at once.
    public init(_ trainer: Trainer) {
        var builder = ExportBuilder(trainer)
        while !builder.advance(by: .max) {}
        self = builder.export
    }
}

/// Builds a run's export a slice of rows at a time: the error at the end of every
/// epoch kept exactly (`epoch,error[,test_error]`), and the run as a `--config` file (schema
/// v2) that continues it exactly.
public struct ExportBuilder: Sendable {
    private let trainer: Trainer
    private var lines: [String]
    /// Rows written so far, of `total`.
    private(set) var done = 0
    var total: Int { trainer.trainingError.exact.count }

    private let playground: Result<String, PlaygroundLink.Lack>?

    init(_ trainer: Trainer, playground: Result<String, PlaygroundLink.Lack>? = nil) {
        self.trainer = trainer
        self.playground = playground
        lines = ["epoch,error" + (trainer.testError == nil ? "" : ",test_error")]
    }

    /// Writes up to `rows` more rows; true when every row is written.
    mutating func advance(by rows: Int) -> Bool {
        let training = trainer.trainingError.exact, test = trainer.testError?.exact
        let first = trainer.epoch - (trainer.trainingError.count - 1)
        let end = done + min(rows, total - done)
        for index in done ..< end {
            lines.append("\(first + index),\(training[index])" + (test.map { index < $0.count ? ",\($0[index])" : "," } ?? ""))
        }
        done = end
        return done == total
    }

    /// The finished export (call once `advance` returned true).
    var export: Export {
        let data = trainer.data, network = trainer.network
        let numbers = network.weights.count + network.biases.count
            + (data.training + data.test).reduce(0) { $0 + $1.inputs.count + $1.targets.count }
        var export = Export(csv: lines.joined(separator: "\n") + "\n", network: { RunConfig(trainer).prettyJSON + "\n" }, numbers: numbers)
        export.playground = playground
        return export
    }
}

extension Encodable {
    /// This value as JSON with sorted keys, indented: how bptui writes every report and file.
    public var prettyJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
