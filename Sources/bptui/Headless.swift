import BackpropEngine
import BackpropTUI
import Foundation
import Synchronization

/// The format headless mode writes.
enum HeadlessFormat: String, CaseIterable {
    case table, csv, json
    /// The walk through iteration N+1, sub-step by sub-step, as the post tells it.
    case walk
}

/// Trains the one trainer without a screen and writes the run to standard output: the post's
/// columns for the post's run (iteration, E_total, out_o1, out_o2, its v1 `--config`), a row
/// per epoch for any other (training and test error, accuracy for class labels, a v2 file).
/// Each row computes only what it writes.
struct HeadlessRun {
    /// Which columns and closing lines the run writes.
    enum Layout {
        /// The post's run: a row per iteration, and the comparison with the post.
        case post
        /// Any run: a row per epoch; `classes` adds accuracy.
        case epochs(classes: Bool)
    }

    /// The trainer the run starts from (at iteration 0, or where a `--config` file stopped).
    let trainer: Trainer
    let layout: Layout
    /// Train this many more updates, or this many more epochs.
    let updates: Int?, epochs: Int?
    let every: Int?
    let format: HeadlessFormat
    /// A run opened from a Playground link: the link of its experiment, or what Playground lacks.
    var playground: Result<String, PlaygroundLink.Lack>? = nil

    /// Updates trained between two looks at `stopped`: a few milliseconds of the post's.
    static let chunk = 100_000

    /// Trains, writing rows as they come, until done or `stopped()` (a signal) says so, and
    /// returns where it ended.
    func run(stopped: () -> Bool = { false }, write: (String) -> Void) -> (divergence: Divergence?, iteration: Int) {
        var trainer = self.trainer
        let firstEpoch = trainer.epoch, steps = updates ?? Post.finalIteration
        // Both within Int: --steps and --epochs are checked against where the run starts.
        let lastIteration = trainer.iteration + steps, lastEpoch = epochs.map { firstEpoch + $0 }
        let planned = epochs ?? steps / max(1, trainer.updatesLeftInEpoch)
        let interval = every ?? (format == .table ? max(1, planned / 10) : 1)
        header().forEach(write)
        func done() -> Bool { lastEpoch.map { trainer.epoch >= $0 } ?? (trainer.iteration >= lastIteration) }
        if trainer.divergence == nil { row(trainer).map(write) }
        while trainer.divergence == nil, !done(), !stopped() {
            let left = lastEpoch == nil ? lastIteration - trainer.iteration : Int.max
            // The post's rows fall on iterations, the others' on the ends of epochs.
            let toRow = if case .post = layout { interval - trainer.iteration % interval } else { trainer.updatesLeftInEpoch }
            trainer.train(updates: min(left, toRow, Self.chunk))
            let due = if case .post = layout { trainer.iteration % interval == 0 }
                else { trainer.position == 0 && (trainer.epoch - firstEpoch) % interval == 0 }
            if trainer.divergence == nil, due || done() { row(trainer).map(write) }
        }
        if !stopped() || format == .json { closing(trainer).map(write) }
        return (trainer.divergence, trainer.iteration)
    }

    /// The one line that says where training diverged and what was written of it.
    func explain(_ divergence: Divergence) -> String {
        let place = "diverged at iteration \(divergence.iteration) (η = \(divergence.learningRate)): "
        if divergence.iteration == 0 {
            return place + "the starting network already computes a value that is not finite"
                + (format == .json ? "; the report shows that network, with null for each such error or output" : "")
        }
        if case .epochs = layout { return place + "a weight or the error stopped being finite; what was written is the last finite state" }
        return place + "a weight or the error stopped being finite; "
            + (format == .json ? "the report holds the last finite state" : "the rows above are the last finite ones")
    }

    private var hasTest: Bool { !trainer.data.test.isEmpty }

    private func header() -> [String] {
        let settings = trainer.settings
        switch (layout, format) {
        case (.post, .table):
            let biases = settings.trainBiases ? "biases trained" : "biases fixed"
            let steps = updates ?? Post.finalIteration
            return ["\(steps == 1 ? "1 update" : "\(steps) updates"), \(settings.order.rawValue) order, η = \(settings.learningRate), \(biases)",
                    pad("iteration", 10) + pad("E_total", 15) + pad("out_o1", 15) + pad("out_o2", 15)]
        case (.post, .csv):
            return ["iteration,error,out_o1,out_o2"]
        case (.epochs(let classes), .csv):
            return [(["iteration", "epoch", "error"] + (hasTest ? ["test_error"] : [])
                + (classes ? ["accuracy"] + (hasTest ? ["test_accuracy"] : []) : [])).joined(separator: ",")]
        case (.epochs(let classes), .table):
            return [summary(), ([pad("iteration", 10), pad("epoch", 8), pad("error", 13)] + (hasTest ? [pad("test error", 13)] : [])
                + (classes ? [pad("accuracy", 10)] + (hasTest ? [pad("test acc.", 10)] : []) : [])).joined()]
        case (_, .json), (_, .walk):
            return []
        }
    }

    /// The row of where `trainer` stands, nil for formats without rows.
    private func row(_ trainer: Trainer) -> String? {
        guard format == .table || format == .csv else { return nil }
        switch layout {
        case .post:
            let error = trainer.trainingError.latest, outputs = ForwardPass(trainer.network, trainer.data.training[0]).outputs
            if format == .csv { return "\(trainer.iteration),\(error),\(outputs[0]),\(outputs[1])" }
            return pad(String(trainer.iteration), 10) + pad(formatted(error), 15) + pad(formatted(outputs[0]), 15)
                + pad(formatted(outputs[1]), 15)
        case .epochs(let classes):
            let training = trainer.currentError, test = trainer.currentTestError
            let accuracy = classes ? [trainer.accuracy()] + (hasTest ? [trainer.accuracy(test: true)] : []) : []
            if format == .csv {
                return (["\(trainer.iteration)", "\(trainer.epoch)", "\(training)"] + (test.map { ["\($0)"] } ?? [])
                    + accuracy.map { "\($0)" }).joined(separator: ",")
            }
            return ([pad("\(trainer.iteration)", 10), pad("\(trainer.epoch)", 8), pad(formatted(training), 13)]
                + (test.map { [pad(formatted($0), 13)] } ?? []) + accuracy.map { pad(String(format: "%.1f%%", $0 * 100), 10) }).joined()
        }
    }

    /// The table's comparison with the post, or the JSON report.
    private func closing(_ trainer: Trainer) -> String? {
        switch (layout, format) {
        case (.post, .table): trainer.divergence == nil ? comparisonWithThePost(trainer) : nil
        case (.post, .json): postReport(trainer)
        case (.epochs(let classes), .json): report(trainer, classes: classes)
        default: nil
        }
    }

    /// "2-5-1 logistic/logistic, half-squared, per-neuron biases trained, …".
    private func summary() -> String {
        let a = trainer.start.architecture, settings = trainer.settings, data = trainer.data
        let biases = "\(a.bias.rawValue) biases \(settings.trainBiases ? "trained" : "fixed")"
        let batch = (settings.batch.map { "batch \($0)" } ?? "full batch") + (settings.carriesPartialBatch && data.training.count % max(1, settings.batch ?? 1) > 0
            ? " (the last \(data.training.count % max(1, settings.batch ?? 1)) of an epoch join the next one's first)" : "")
            + (settings.regularization.map { ", \($0.kind.rawValue.uppercased()) λ = \($0.rate)" } ?? "")
        return "\(a.shapeName) \(a.activation.rawValue)/\(a.outputActivation.rawValue), "
            + "\(a.loss.rawValue), \(biases), \(settings.order.rawValue) order, η = \(settings.learningRate), \(batch); "
            + "\(data.training.count) training and \(data.test.count) test samples"
    }

    /// "E_total after 10000 updates: 0.000035085 (the post: 0.000035085)" for the post's run.
    private func comparisonWithThePost(_ trainer: Trainer) -> String? {
        guard Post.departures(trainer).isEmpty,
              let printed = Post.errorAfter[trainer.iteration] else { return nil }
        let updates = trainer.iteration == 1 ? "1 update" : "\(trainer.iteration) updates"
        var line = "E_total after \(updates): \(formatted(trainer.trainingError.latest)) (the post: \(formatted(printed))"
        if trainer.settings.order == .textbook, trainer.iteration > 0 {
            line += ", which the published order reproduces"
        }
        return line + ")"
    }

    /// Where the post's run ended, its network as a v1 `--config` file. After a divergence it
    /// is the last finite state; null stands for what is not finite (JSON has no infinity).
    private func postReport(_ trainer: Trainer) -> String {
        let outputs = ForwardPass(trainer.network, trainer.data.training[0]).outputs
        func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
        return PostReport(iteration: trainer.iteration, error: finite(trainer.trainingError.latest), outputs: outputs.map(finite),
                          network: PostConfig(trainer), diverged: trainer.divergence).prettyJSON
    }

    private func report(_ trainer: Trainer, classes: Bool) -> String {
        func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
        return Report(iteration: trainer.iteration, epoch: trainer.epoch, error: finite(trainer.currentError),
               hasTest: trainer.currentTestError != nil, testError: finite(trainer.currentTestError),
               accuracy: classes ? trainer.accuracy() : nil,
               testAccuracy: classes && !trainer.data.test.isEmpty ? trainer.accuracy(test: true) : nil, network: RunConfig(trainer),
               diverged: trainer.divergence, playground: playground).prettyJSON
    }

    /// Where training ended, and the run as a `--config` v2 file that continues it exactly.
    /// Null stands for an error that is not finite (a starting network that already overflows).
    private struct Report: Encodable {
        let iteration: Int, epoch: Int
        let error: Double?
        let hasTest: Bool
        let testError: Double?
        let accuracy: Double?, testAccuracy: Double?
        let network: RunConfig
        let diverged: Divergence?
        let playground: Result<String, PlaygroundLink.Lack>?

        private enum CodingKeys: String, CodingKey {
            case iteration, epoch, error, testError, accuracy, testAccuracy, network, diverged, playground, playgroundLacks
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(iteration, forKey: .iteration)
            try container.encode(epoch, forKey: .epoch)
            try container.encode(error, forKey: .error)
            if hasTest { try container.encode(testError, forKey: .testError) }
            try container.encodeIfPresent(accuracy, forKey: .accuracy)
            try container.encodeIfPresent(testAccuracy, forKey: .testAccuracy)
            try container.encode(network, forKey: .network)
            try container.encodeIfPresent(diverged, forKey: .diverged)
            switch playground {
            case .success(let link)?: try container.encode(link, forKey: .playground)
            case .failure(let lack)?: try container.encode(lack.sentence, forKey: .playgroundLacks)
            case nil: break
            }
        }
    }

    private struct PostReport: Encodable {
        let iteration: Int
        let error: Double?
        let outputs: [Double?]
        let network: PostConfig
        let diverged: Divergence?

        private enum CodingKeys: String, CodingKey {
            case iteration, error, outputs, network, diverged
        }

        /// As synthesized, except that a nil error is written as null rather than left out.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(iteration, forKey: .iteration)
            try container.encode(error, forKey: .error)
            try container.encode(outputs, forKey: .outputs)
            try container.encode(network, forKey: .network)
            try container.encodeIfPresent(diverged, forKey: .diverged)
        }
    }
}

/// A number as the screen writes it (9 decimals, scientific below four significant digits),
/// with an ASCII minus for scripts.
func formatted(_ value: Double) -> String { Format.number(value, minus: "-") }

/// `text` right-aligned in `width` columns.
func pad(_ text: String, _ width: Int) -> String {
    // A text as wide as its column still keeps a space from the one before.
    String(repeating: " ", count: max(1, width - text.count)) + text
}

/// The signal that asked a headless run to stop (0: none yet). Shared with the signal
/// handler, which may only store to it: lock-free, so safe there.
let stopSignal = Atomic<Int32>(0)

/// SIGINT, SIGTERM, SIGQUIT and SIGHUP during a headless run: training stops after the row it
/// is on, what was written is flushed, and bptui exits 128 + the signal (130, 143, 131, 129).
/// SIGQUIT is caught too: left to Swift's runtime it prints a crash report and the run goes on.
enum Interruption {
    static func install() {
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in [SIGINT, SIGTERM, SIGQUIT, SIGHUP] {
            // Without SA_RESTART: a write blocked on a reader that takes nothing returns EINTR.
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { stopSignal.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
            sigaddset(&mask, number)
        }
        // A parent may have blocked them (a test runner does): they must reach the handler.
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    static var received: Int32 { stopSignal.load(ordering: .relaxed) }
}
