import BackpropEngine
import BackpropTUI
import Foundation

/// The format headless mode writes.
enum HeadlessFormat: String, CaseIterable {
    case table, csv, json
    /// The walk through iteration N+1, sub-step by sub-step, as the post tells it.
    case walk
}

/// Trains without a screen and writes the run to standard output.
struct HeadlessRun {
    let start: Network
    let settings: TrainingSettings
    let steps: Int
    let every: Int?
    let format: HeadlessFormat

    /// One sampled iteration.
    struct Row {
        let iteration: Int
        let forward: ForwardPass
    }

    /// Trains, writing rows as they come; returns the divergence if training stopped early.
    func run(write: (String) -> Void) -> Divergence? {
        var trainer = Trainer(start: start, settings: settings)
        let interval = every ?? (format == .table ? max(1, steps / 10) : 1)
        switch format {
        case .table: write(tableHeader())
        case .csv: write("iteration,error,out_o1,out_o2")
        case .json, .walk: break
        }
        var row = Row(iteration: 0, forward: trainer.forward)
        if trainer.divergence == nil { emit(row, write) }
        while trainer.divergence == nil, trainer.iteration < steps {
            let next = min(steps, (trainer.iteration / interval + 1) * interval)
            trainer.train(next - trainer.iteration)
            if trainer.iteration == row.iteration { break }
            row = Row(iteration: trainer.iteration, forward: trainer.forward)
            emit(row, write)
        }
        switch format {
        case .table:
            if trainer.divergence == nil, let line = comparisonWithThePost(row) { write(line) }
        case .json:
            write(json(trainer))
        case .csv, .walk: break
        }
        return trainer.divergence
    }

    /// The one line that says where training diverged and what was written of it.
    func explain(_ divergence: Divergence) -> String {
        let place = "diverged at iteration \(divergence.iteration) (η = \(divergence.learningRate)): "
        if divergence.iteration == 0 {
            return place + "the starting network already computes a value that is not finite"
                + (format == .json ? "; the report shows that network, with null for each such error or output" : "")
        }
        return place + "a weight or the error stopped being finite; "
            + (format == .json ? "the report holds the last finite state" : "the rows above are the last finite ones")
    }

    private func emit(_ row: Row, _ write: (String) -> Void) {
        let f = row.forward
        switch format {
        case .table:
            write(pad(String(row.iteration), 10) + pad(formatted(f.E_total), 15) + pad(formatted(f.out_o1), 15) + pad(formatted(f.out_o2), 15))
        case .csv:
            write("\(row.iteration),\(f.E_total),\(f.out_o1),\(f.out_o2)")
        case .json, .walk:
            break
        }
    }

    private func tableHeader() -> String {
        let biases = settings.trainBiases ? "biases trained" : "biases fixed"
        let updates = steps == 1 ? "1 update" : "\(steps) updates"
        return "\(updates), \(settings.order.rawValue) order, η = \(settings.learningRate), \(biases)\n"
            + pad("iteration", 10) + pad("E_total", 15) + pad("out_o1", 15) + pad("out_o2", 15)
    }

    /// "E_total after 10000 updates: 0.000035085 (the post: 0.000035085)" for the post's run.
    private func comparisonWithThePost(_ row: Row) -> String? {
        guard Post.isPostsRun(start: start, settings: settings),
              let printed = Post.errorAfter[row.iteration] else { return nil }
        let updates = row.iteration == 1 ? "1 update" : "\(row.iteration) updates"
        var line = "E_total after \(updates): \(formatted(row.forward.E_total)) (the post: \(formatted(printed))"
        if settings.order == .textbook, row.iteration > 0 {
            line += ", which the published order reproduces"
        }
        return line + ")"
    }

    private func json(_ trainer: Trainer) -> String {
        let forward = trainer.forward
        let report = Report(
            iteration: trainer.iteration, error: finite(forward.E_total),
            outputs: [finite(forward.out_o1), finite(forward.out_o2)],
            network: NetworkConfig(network: trainer.network, settings: settings),
            diverged: trainer.divergence)
        return report.prettyJSON
    }

    /// `value`, or nil (null in JSON, which has no infinity or NaN) if it is not finite.
    private func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// The JSON report: where training ended, and the network in `--config` form. After a
    /// divergence it is the last finite state; `diverged` says where training stopped.
    private struct Report: Encodable {
        let iteration: Int
        let error: Double?
        let outputs: [Double?]
        let network: NetworkConfig
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
    String(repeating: " ", count: max(0, width - text.count)) + text
}
