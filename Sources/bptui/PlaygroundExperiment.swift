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
        // A link without a seed gets one as Playground would: five random decimals, said once.
        let seed = link.seed ?? String(format: "%.5f", Double.random(in: 0 ..< 1))
        do {
            (trainer, recipe) = try Recipe.playground(link, seed: seed)
        } catch {
            throw InputError("--playground \(error.description)")
        }
        if link.seed == nil {
            writeError("bptui: the link has no seed; this run's is \(seed) (add &seed=\(seed) to repeat it)\n")
        }
    }
}
