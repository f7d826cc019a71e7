import ArgumentParser
import BackpropEngine
import Foundation

/// The options that choose the network and how it trains; shared by both modes.
struct NetworkOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A JSON file overriding any of the post's numbers: inputs [i1,i2], targets [t1,t2], hiddenWeights [w1..w4], outputWeights [w5..w8], hiddenBias, outputBias, learningRate, order, trainBiases. A file with a layers key is a run of any network (schema v2, on the screen or headless; bptui writes one with x or --format json): layers, weights, biases, bias, activation, outputActivation, loss, batch, shuffle, seed, samples, testSamples, iteration, epoch, position.",
        valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Update order: published (the post's printed errors; the post's default) or textbook (the post's text, all gradients from the weights before the update: plain gradient descent, the default of every other network).")
    var order: UpdateOrder?

    @Flag(name: .long, inversion: .prefixedNo, help: "Train the biases too (the default of every network but the post's, which keeps b1 and b2 fixed).")
    var trainBiases: Bool?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate η (default 0.5).", valueName: "η"))
    var learningRate: TypedNumber?

    func validate() throws {
        if let learningRate, let problem = learningRate.problemAsLearningRate {
            throw ValidationError("--learning-rate \(learningRate.text) \(problem); η must be a finite number above 0")
        }
    }

    /// The first of these options given, or nil.
    var firstGiven: String? {
        [("--config", config != nil), ("--order", order != nil), ("--train-biases", trainBiases != nil),
         ("--learning-rate", learningRate != nil)].first { $0.1 }?.0
    }

    /// The `--config` file, read and decoded, if one was given.
    func file() throws(InputError) -> ConfigContents? {
        try config.map { (path) throws(InputError) in try ConfigFile.read(path) }
    }

    /// The post's run: its network and settings, then a v1 config file's, then the flags'.
    func trainer(_ file: PostConfig?) -> Trainer {
        var config = file ?? PostConfig()
        if let order { config.order = order }
        if let trainBiases { config.trainBiases = trainBiases }
        if let learningRate { config.learningRate = learningRate.value }
        return config.trainer()
    }
}

extension UpdateOrder: ExpressibleByArgument {}

/// Bad input that is not a command-line syntax error: the message names what and where.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads a `--config` file, refusing anything that is not a small JSON text.
enum ConfigFile {
    static let maximumBytes = RunConfig.largestFileBytes

    static func read(_ path: String) throws(InputError) -> ConfigContents {
        let name = path == "-" ? "--config -" : path, data: Data
        do {
            data = try InputFile.read(path, limit: maximumBytes)
        } catch {
            throw InputError("\(name): \(error.reason)" + (error.reason == "is a directory" ? ", not a JSON file" : ""))
        }
        if data.count > maximumBytes {
            throw InputError("\(name): larger than 1 MiB; a configuration is a small JSON object")
        }
        if data.isEmpty { throw InputError("\(name): is empty; expected a JSON object") }
        if data.contains(0) || String(validatingUTF8Data: data) == nil {
            throw InputError("\(name): is not a UTF-8 text file")
        }
        do {
            return try ConfigContents.decode(data)
        } catch {
            throw InputError("\(name): \(error.description)")
        }
    }
}

extension String {
    init?(validatingUTF8Data data: Data) {
        guard let text = String(bytes: data, encoding: .utf8) else { return nil }
        self = text
    }
}
