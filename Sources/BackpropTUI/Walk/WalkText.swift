import BackpropEngine

extension Walk {
    /// The walk of the next update of any trainer; the sample is named where there are several.
    public init(_ trainer: Trainer) {
        let batch = trainer.nextBatch, settings = trainer.settings
        let step = Step(trainer.network, batch: batch, learningRate: settings.learningRate, order: settings.order,
                        trainBiases: settings.trainBiases, penalty: settings.regularization, dead: trainer.dead)
        self.init(step, batch: batch, learningRate: settings.learningRate, trainBiases: settings.trainBiases,
                  errorAfter: Trainer.meanLoss(step.after, batch),
                  namingTheSample: trainer.data.training.count > 1 || !trainer.data.test.isEmpty)
    }

    /// The post's figures by name, for a run of the post's own network at iteration 0 (its
    /// biases may train: the figures then show where they differ).
    public static func postFigures(_ trainer: Trainer) -> [String: Checkpoint]? {
        guard trainer.iteration == 0, Post.departures(trainer).allSatisfy({ $0 == .biasesTrained }) else { return nil }
        return Dictionary(Post.checkpoints(order: trainer.settings.order).map { ($0.name, $0) }) { first, _ in first }
    }

    /// The post's figure beside a sub-step's value: "✓ the post: 0.3775", or "≠ the post:
    /// 0.055399425 (why)"; nil where the post prints no such figure.
    public static func comparison(_ step: WalkStep, _ figures: [String: Checkpoint]?) -> String? {
        guard let figure = figures?[step.name], let value = step.value else { return nil }
        let printed = Format.asPrinted(figure.printed, figure.decimals)
        if figure.agrees(with: value) { return "✓ the post: \(printed)" }
        // The post's run would agree: this one is not the post's run (biases trained).
        let why = figure.agrees ? "this run is not the post's: biases trained" : figure.reason
        return "≠ the post: \(printed)" + (why.map { " (\($0))" } ?? "")
    }

    /// The whole walk as lines of text: each section's heading, then its sub-steps, each with
    /// the post's figure beside it and its note below, as the headless `--format walk`
    /// writes it.
    public func lines(title: String, figures: [String: Checkpoint]?) -> [String] {
        var lines = [title]
        var section = ""
        for step in steps {
            if step.section != section {
                section = step.section
                lines += ["", section]
            }
            lines.append("  " + step.line + (Self.comparison(step, figures).map { "   " + $0 } ?? ""))
            if let note = step.note { lines.append("    " + note) }
        }
        return lines
    }
}
