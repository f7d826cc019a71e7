import BackpropEngine
import BackpropTUI
import Foundation

/// A `--playground` link made ready to train: its trainer, and the recipe the screen's `:`
/// command line starts from.
struct PlaygroundExperiment {
    let link: PlaygroundLink
    let trainer: Trainer
    let recipe: Recipe

    init(_ text: String) throws(InputError) {
        do {
            link = try PlaygroundLink(text)
        } catch {
            throw InputError("--playground: \(error.description)")
        }
        let a = link.architecture
        if let refusal = Recipe.memoryRefusal(a, samples: link.pointCount, batch: link.batchSize) {
            throw InputError("--playground networkShape: \(refusal.description)")
        }
        guard link.batchSize <= link.trainingCount else {
            throw InputError("--playground batchSize=\(link.batchSize): more than the \(link.trainingCount) training points, "
                + "so Playground would never update")
        }
        // A link without a seed gets one as Playground would: five random decimals, said once.
        let seed = link.seed ?? String(format: "%.5f", Double.random(in: 0 ..< 1))
        if link.seed == nil {
            FileHandle.standardError.write(Data("bptui: the link has no seed; this run's is \(seed) (add &seed=\(seed) to repeat it)\n".utf8))
        }
        (trainer, recipe) = Recipe.playground(link, seed: seed)
    }
}
