import BackpropEngine
import BackpropTUI
import Foundation

/// A headless run of any network on any data: a row per epoch (or every K-th), with the
/// training error, the test error when there is a test split, and accuracy for
/// classification.
struct LayeredRun {
    /// The trainer the run starts from (at iteration 0, or where a `--config` file stopped).
    let trainer: LayeredTrainer
    /// Whether outputs are classes, so accuracy means something.
    let classes: Bool
    /// Train this many more updates, or this many more epochs.
    let updates: Int?, epochs: Int?
    let every: Int?
    let format: HeadlessFormat

    var start: LayeredNetwork { trainer.start }
    var data: DataSet { trainer.data }
    var settings: LayeredSettings { trainer.settings }

    func run(write: (String) -> Void) -> Divergence? {
        var trainer = self.trainer
        let firstEpoch = trainer.epoch
        let lastIteration = trainer.iteration + (updates ?? Post.finalIteration), lastEpoch = epochs.map { firstEpoch + $0 }
        let plannedEpochs = epochs ?? (updates ?? Post.finalIteration) / max(1, trainer.updatesLeftInEpoch)
        let interval = every ?? (format == .table ? max(1, plannedEpochs / 10) : 1)
        let hasTest = !data.test.isEmpty
        switch format {
        case .csv:
            write((["iteration", "epoch", "error"] + (hasTest ? ["test_error"] : [])
                + (classes ? ["accuracy"] + (hasTest ? ["test_accuracy"] : []) : [])).joined(separator: ","))
        case .table:
            write(summary())
            write(([pad("iteration", 10), pad("epoch", 8), pad("error", 13)] + (hasTest ? [pad("test error", 13)] : [])
                + (classes ? [pad("accuracy", 10)] + (hasTest ? [pad("test acc.", 10)] : []) : [])).joined())
        case .json, .walk: break
        }
        func emit() {
            let training = trainer.currentError
            let test = trainer.currentTestError
            let accuracy = classes ? trainer.network.accuracy(on: data.training) : nil
            let testAccuracy = classes && hasTest ? trainer.network.accuracy(on: data.test) : nil
            switch format {
            case .csv:
                write((["\(trainer.iteration)", "\(trainer.epoch)", "\(training)"] + (test.map { ["\($0)"] } ?? [])
                    + [accuracy, testAccuracy].compactMap { $0.map { "\($0)" } }).joined(separator: ","))
            case .table:
                write(([pad("\(trainer.iteration)", 10), pad("\(trainer.epoch)", 8), pad(formatted(training), 13)]
                    + (test.map { [pad(formatted($0), 13)] } ?? [])
                    + [accuracy, testAccuracy].compactMap { $0.map { pad(String(format: "%.1f%%", $0 * 100), 10) } }).joined())
            case .json, .walk: break
            }
        }
        func done() -> Bool { lastEpoch.map { trainer.epoch >= $0 } ?? (trainer.iteration >= lastIteration) }
        if trainer.divergence == nil { emit() }
        while trainer.divergence == nil, !done() {
            let left = lastEpoch == nil ? lastIteration - trainer.iteration : Int.max
            trainer.train(updates: min(left, trainer.updatesLeftInEpoch))
            let rowDue = trainer.position == 0 && (trainer.epoch - firstEpoch) % interval == 0
            if trainer.divergence == nil, rowDue || done() { emit() }
        }
        if format == .json { write(json(trainer)) }
        return trainer.divergence
    }

    /// "2-5-1 logistic/logistic, half-squared, per-neuron biases trained, xor: 4 samples, …".
    private func summary() -> String {
        let a = start.architecture
        let biases = "\(a.bias.rawValue) biases \(settings.trainBiases ? "trained" : "fixed")"
        let batch = settings.batch.map { "batch \($0)" } ?? "full batch"
        return "\(a.layers.map(String.init).joined(separator: "-")) \(a.activation.rawValue)/\(a.outputActivation.rawValue), "
            + "\(a.loss.rawValue), \(biases), \(settings.order.rawValue) order, η = \(settings.learningRate), \(batch); "
            + "\(data.training.count) training and \(data.test.count) test samples"
    }

    private func json(_ trainer: LayeredTrainer) -> String {
        let report = Report(
            iteration: trainer.iteration, epoch: trainer.epoch, error: trainer.currentError,
            testError: trainer.currentTestError,
            accuracy: classes ? trainer.network.accuracy(on: data.training) : nil,
            network: LayeredConfig(trainer),
            diverged: trainer.divergence)
        return report.prettyJSON
    }

    /// Where training ended, and the run as a `--config` v2 file that continues it exactly.
    private struct Report: Encodable {
        let iteration: Int, epoch: Int
        let error: Double
        let testError: Double?
        let accuracy: Double?
        let network: LayeredConfig
        let diverged: Divergence?
    }
}
