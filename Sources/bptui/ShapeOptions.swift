import ArgumentParser
import BackpropEngine
import BackpropTUI
import Foundation

/// The options that choose any network and its data (the general engine). Each is nil when
/// not given: without them bptui trains the post's own network.
struct ShapeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Layer sizes, inputs first: 2,5,1 (default: the post's 2,2,2).", valueName: "n0,n1,…"))
    var layers: LayerSizes?

    @Option(name: .long, help: ArgumentHelp(
        "Inputs computed from each sample's point (x1, x2), as Playground's features: any of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2), one input neuron each (--layers starts with their count).",
        valueName: "f1,f2,…"))
    var features: String?

    @Option(name: .long, help: "Hidden activation: logistic (default), tanh, relu or linear.")
    var activation: HiddenActivation?

    @Option(name: .long, help: "Output activation: logistic (default), tanh, relu, linear or softmax.")
    var outputActivation: Activation?

    @Option(name: .long, help: "Loss per sample: half-squared (default, the post's Σ½(t−o)²) or cross-entropy (logistic or softmax outputs).")
    var loss: Loss?

    @Option(name: .long, help: "Biases: per-neuron (the default) or shared (one per layer, the post's 2-2-2 default).")
    var bias: BiasMode?

    @Option(name: .long, help: ArgumentHelp(
        "Training data: post, xor, and, or, circle, gauss, spiral, quadrants, clusters (one class a softmax output), or a CSV file (a header row, inputs then targets). Default: post for 2-…-2 shapes.",
        valueName: "name|file.csv"))
    var data: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Points a generated set has (default 500).", valueName: "N"))
    var samples: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Noise of a generated set, 0…0.5 (default 0).", valueName: "X"),
            transform: decimal)
    var noise: Double?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Fraction held out for testing, in [0, 1) (default 0.5 for generated sets, 0 otherwise).", valueName: "F"), transform: decimal)
    var testFraction: Double?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Samples per update, or all (default 1: online, as the post).", valueName: "N|all"))
    var batch: BatchSize?

    @Option(name: .long, help: "A penalty on the weights (never the biases): none (default), l1 (as Playground: a weight pushed across 0 is 0 for good), l1-subgradient (plain subgradient descent) or l2.")
    var regularization: Regularization.Choice?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("λ of the penalty (default 0.001).", valueName: "λ"))
    var regularizationRate: TypedNumber?

    @Option(name: .long, help: "Starting weights: xavier (default: uniform in ±√(6/(fan-in + fan-out)), biases 0), fan-in (±1/√fan-in), he (±√(6/fan-in)), playground (±0.5, biases 0.1) or zero. The post's 2-2-2 keeps its own.")
    var `init`: Initialization?

    @Flag(name: .long, help: "Reorder the training samples every epoch (seeded).")
    var shuffle = false

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Seed of the random weights, the generated data and the shuffling: a whole number of 0 or more (default 1).", valueName: "N"))
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Headless: epochs to train instead of --steps updates.", valueName: "E"))
    var epochs: Int?

    func validate() throws {
        if let samples, samples < 2 { throw ValidationError("--samples must be 2 or more, got \(samples)") }
        if let noise, !(0 ... 0.5).contains(noise) { throw ValidationError("--noise must be in 0…0.5, got \(noise)") }
        if let testFraction, !(testFraction >= 0 && testFraction < 1) {
            throw ValidationError("--test-fraction must be in [0, 1), got \(testFraction)")
        }
        if let epochs, epochs < 0 { throw ValidationError("--epochs must be 0 or more, got \(epochs)") }
        if let regularizationRate, let problem = regularizationRate.problemAsRate {
            throw ValidationError("--regularization-rate \(regularizationRate.text) \(problem); it must be a finite number of 0 or more")
        }
        if regularizationRate != nil, regularization == nil || regularization == Regularization.Choice.none {
            throw ValidationError("--regularization-rate needs a penalty: --regularization l1, l1-subgradient or l2")
        }
    }

    /// The name of a given option, or nil when none is: the post's own run.
    var firstGiven: String? {
        let given: [(String, Bool)] = [
            ("--layers", layers != nil), ("--features", features != nil), ("--activation", activation != nil), ("--output-activation", outputActivation != nil),
            ("--loss", loss != nil), ("--bias", bias != nil), ("--data", data != nil), ("--samples", samples != nil),
            ("--noise", noise != nil), ("--test-fraction", testFraction != nil), ("--batch", batch != nil),
            ("--shuffle", shuffle), ("--seed", seed != nil), ("--epochs", epochs != nil), ("--regularization", regularization != nil), ("--init", `init` != nil),
        ]
        return given.first { $0.1 }?.0
    }

    /// The trainer these options describe: the flags, over a `--config` v2 file, over the
    /// defaults. A file's weights, data and place in training are kept unless a flag replaces
    /// the shape or the data; then the run starts at iteration 0. Accuracy is reported when
    /// every target is a class label (0, 1 or ±1).
    /// `screen`: for the screen, where one update must not take seconds.
    func resolve(network options: NetworkOptions, file: RunConfig?, screen: Bool = false) throws(InputError) -> (trainer: Trainer, classes: Bool) {
        let sizes = layers?.sizes ?? file?.layers ?? [2, 2, 2]
        let defaults = Recipe.defaults(forThePostsProblem: file == nil && sizes == [2, 2, 2] && (data ?? "post") == "post")
        var architecture: Architecture
        do {
            architecture = try Architecture(layers: sizes, activation: activation?.value ?? file?.activation ?? .logistic,
                                            outputActivation: outputActivation ?? file?.outputActivation ?? .logistic,
                                            loss: loss ?? file?.loss ?? .halfSquared, bias: bias ?? file?.bias ?? defaults.bias)
        } catch {
            // Named by the option that is at fault (the loss, an activation, or the sizes), or by the file's key.
            let givenLoss = loss ?? file?.loss ?? .halfSquared, output = outputActivation ?? file?.outputActivation ?? .logistic
            func named(_ flag: String, _ key: String, given: Bool) -> String { given || file == nil ? flag : "--config: key \"\(key)\"" }
            let shape = Self.written(sizes)
            let option = if givenLoss == .crossEntropy, output != .logistic, output != .softmax {
                named("--loss cross-entropy", "loss", given: loss != nil)
            } else if (activation?.value ?? file?.activation) == .softmax {
                named("--activation softmax", "activation", given: activation != nil)
            } else if output == .softmax, sizes.count >= 2, sizes.last == 1 {
                named("--output-activation softmax (--layers \(shape))", "outputActivation", given: outputActivation != nil)
            } else {
                named("--layers \(shape)", "layers", given: layers != nil)
            }
            throw InputError("\(option): \(error.description)")
        }
        // A file's input names while its inputs stay as they were; its features while its points do.
        if layers == nil, data == nil, let names = file?.inputNames, names.count == sizes[0] { architecture.inputNames = names }
        if let chosen = try chosenFeatures(file: file) {
            do {
                try architecture.compute(chosen)
            } catch {
                throw InputError((features.map { "--features \($0)" } ?? "--config: key \"features\"") + ": \(error.description)")
            }
        }
        let seed = seed ?? file?.seed ?? 1
        let training = TrainingSettings(
            learningRate: options.learningRate?.value ?? file?.learningRate ?? Post.learningRate,
            order: options.order ?? file?.order ?? defaults.order,
            trainBiases: options.trainBiases ?? file?.trainBiases ?? defaults.trainBiases,
            batch: batch.map(\.size) ?? file?.batch.map(\.size) ?? 1, shuffle: shuffle || (file?.shuffle ?? false), seed: seed,
            carriesPartialBatch: file?.carriesPartialBatch ?? false,
            regularization: regularization.map { Regularization.chosen($0, rate: regularizationRate?.value ?? Recipe.defaultRegularizationRate) }
                ?? file?.regularization)
        var start = Network.seeded(architecture, seed: seed, initialization: `init` ?? .xavier)
        if let file, file.weights != nil || file.biases != nil {
            do {
                start = try Network(architecture, weights: file.weights ?? start.weights, biases: file.biases ?? start.biases)
            } catch {
                throw InputError("--config: \(error.description)")
            }
        }
        let fromFile = data == nil && file?.samples != nil
        // Refused with one line before anything is allocated when it would not fit in memory.
        let planned = fromFile ? (file?.samples?.count ?? 0) + (file?.testSamples?.count ?? 0)
            : BuiltInData(rawValue: data ?? "post")?.isGenerated == true ? samples ?? 500 : 4
        if let refusal = Recipe.memoryRefusal(architecture, samples: planned, batch: batch?.size ?? 1) {
            let shape = Self.written(sizes)
            let option = samples.map { "--samples \($0)" } ?? (layers == nil && file != nil ? "--config: key \"layers\" \(shape)" : "--layers \(shape)")
            throw InputError("\(option): \(refusal.description)")
        }
        let dataSet = fromFile ? DataSet(training: file?.samples ?? [], test: file?.testSamples ?? []) : try makeData(architecture, seed: seed)
        guard !dataSet.training.isEmpty else {
            throw InputError(fromFile ? "--config: key \"samples\" holds no sample"
                : "--test-fraction \(testFraction ?? 0): holds out all \(dataSet.test.count) samples, leaving none to train on")
        }
        let batchSize = min(training.batch ?? dataSet.training.count, dataSet.training.count)
        if screen, let refusal = Recipe.updateRefusal(architecture, batch: batchSize) {
            throw InputError((batch.map { _ in "--batch" } ?? "--layers \(Self.written(sizes))") + ": \(refusal.description)")
        }
        if let size = training.batch, size > dataSet.training.count {
            throw InputError((batch == nil ? "--config: key \"batch\" \(size)" : "--batch \(size)") + ": more than the \(Format.count(dataSet.training.count)) training samples; --batch all takes them all")
        }
        let fits = { (sample: Sample) in
            sample.inputs.count == architecture.sampleInputs && sample.targets.count == architecture.layers[architecture.outputLayer]
        }
        for (key, list) in [("samples", dataSet.training), ("testSamples", dataSet.test)] {
            if let index = list.firstIndex(where: { !fits($0) }) {
                throw InputError("--config: key \"\(key)[\(index)]\" has \(Format.plural(list[index].inputs.count, "input")) and "
                    + "\(Format.plural(list[index].targets.count, "target")); the layers need \(architecture.sampleInputs) and "
                    + "\(architecture.layers[architecture.outputLayer])")
            }
        }
        if fromFile, layers == nil, let position = file?.position, position > 0, position >= dataSet.training.count {
            throw InputError("--config: key \"position\" is \(position), past the \(dataSet.training.count) training samples of an epoch")
        }
        if fromFile, layers == nil, let file, let iteration = file.iteration {
            // An update takes at least one sample: no run gets further into its epochs than this.
            let (whole, over) = (file.epoch ?? 0).multipliedReportingOverflow(by: max(1, dataSet.training.count))
            let most = whole.addingReportingOverflow(file.position ?? 0)
            if !over, !most.overflow, iteration > most.partialValue {
                throw InputError("--config: key \"iteration\" is \(iteration), more updates than \(Format.plural(dataSet.training.count, "training sample")) "
                    + "give by epoch \(file.epoch ?? 0), position \(file.position ?? 0) (at most \(most.partialValue))")
            }
        }
        let trainer = if fromFile, layers == nil, let file, file.iteration != nil || file.epoch != nil {
            Trainer(start, data: dataSet, settings: training, iteration: file.iteration ?? 0, epoch: file.epoch ?? 0,
                    position: file.position ?? 0, dead: file.dead ?? [])
        } else {
            Trainer(start, data: dataSet, settings: training)
        }
        return (trainer, dataSet.hasClassLabels)
    }

    /// What the screen's `:` command line rebuilds from: these options over the file's, the
    /// data by its built-in name, or as given (a CSV file, a file's samples).
    func recipe(_ trainer: Trainer, file: RunConfig?) -> Recipe {
        let a = trainer.start.architecture, settings = trainer.settings
        let name = data ?? (file?.samples != nil ? nil : a.layers.first == 2 && a.layers.last == 2 ? "post" : nil)
        let source: Recipe.Data = if let name, let builtIn = BuiltInData(rawValue: name) {
            .builtIn(builtIn)
        } else {
            .given(name: data.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "the config's samples", trainer.data)
        }
        var recipe = Recipe(layers: a.layers, activation: a.activation, outputActivation: a.outputActivation, loss: a.loss, bias: a.bias,
                      data: source, samples: samples ?? 500, noise: noise ?? 0, testFraction: testFraction,
                      learningRate: settings.learningRate, order: settings.order, trainBiases: settings.trainBiases,
                      batch: settings.batch, shuffle: settings.shuffle, seed: settings.seed,
                      carriesPartialBatch: settings.carriesPartialBatch, regularization: settings.regularization)
        recipe.initialization = `init` ?? .xavier
        recipe.inputNames = a.features == nil ? a.inputNames : nil
        recipe.features = a.features
        return recipe
    }

    /// Layer sizes as a message writes them: a long list by its ends and its length.
    static func written(_ sizes: [Int]) -> String {
        let all = sizes.map(String.init).joined(separator: ",")
        guard sizes.count > 12 else { return all }
        return sizes.prefix(3).map(String.init).joined(separator: ",") + ",…," + sizes.suffix(2).map(String.init).joined(separator: ",")
            + " (\(sizes.count) sizes)"
    }

    /// `--features`, or the file's while its samples (points) are used.
    private func chosenFeatures(file: RunConfig?) throws(InputError) -> [Feature]? {
        guard let features else { return data == nil ? file?.features : nil }
        switch Feature.list(features) {
        case .success(let list): return list
        case .failure(let refusal): throw InputError("--features \(features): \(refusal.description)")
        }
    }

    private func makeData(_ a: Architecture, seed: UInt64) throws(InputError) -> DataSet {
        let name = data ?? (a.layers.first == 2 && a.layers.last == 2 ? "post" : nil)
        guard let name else {
            // Named by where the layers came from: the flag, or a file that gives no samples.
            let who = layers == nil ? "--config: key \"layers\" \(Self.written(a.layers)) has no \"samples\"; it" : "--layers \(Self.written(a.layers))"
            throw InputError("\(who) needs --data: "
                + BuiltInData.allCases.map(\.rawValue).joined(separator: ", ") + ", or a CSV file")
        }
        do {
            if let builtIn = BuiltInData(rawValue: name) {
                // Options a set does not use are refused, not ignored.
                if !builtIn.isGenerated, let option = samples.map({ "--samples \($0)" }) ?? noise.map({ "--noise \($0)" }) {
                    throw InputError("\(option): --data \(name) is a fixed set of \(builtIn == .post ? 1 : 4) samples; "
                        + "--samples and --noise are for \(BuiltInData.generatedNames)")
                }
                if builtIn == .post, let testFraction {
                    throw InputError("--test-fraction \(testFraction): the post's data is one sample, none to hold out")
                }
                if builtIn != .post, a.sampleInputs != 2 {
                    throw InputError("--data \(name) has 2 inputs; --layers starts with \(a.layers[0])")
                }
                return try builtIn.make(outputs: a.layers[a.outputLayer], outputActivation: a.outputActivation,
                                        samples: samples ?? 500, noise: noise ?? 0, testFraction: testFraction, seed: seed &+ 1)
            }
            let text = try CSVFile.read(name)
            do {
                let whole = try DataSet.csv(text, inputs: a.sampleInputs, outputs: a.layers[a.outputLayer], name: "--data \(name)")
                return whole.split(testFraction: testFraction ?? 0, seed: seed &+ 1)
            } catch {
                throw InputError(error.description)
            }
        } catch let error as DataSet.Refusal {
            throw InputError("--data \(name): \(error.description)")
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError("--data \(name): \(error)")
        }
    }
}

/// `--layers 2,5,1`.
struct LayerSizes: ExpressibleByArgument {
    let sizes: [Int]
    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        sizes = parts.compactMap { $0 }
    }
}

/// `--batch 10` or `--batch all`.
struct BatchSize: ExpressibleByArgument {
    /// nil: the whole training set.
    let size: Int?
    init?(argument: String) {
        if argument == "all" {
            size = nil
        } else if let value = Int(argument), value >= 1 {
            size = value
        } else {
            return nil
        }
    }
}

extension Activation: ExpressibleByArgument {}
extension Regularization.Choice: ExpressibleByArgument {
    /// `L2` as Playground's links write it, as well as `l2`.
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
extension Initialization: ExpressibleByArgument {}

/// `--activation`: a hidden layer's activation, every one but softmax (an output's only).
struct HiddenActivation: ExpressibleByArgument {
    let value: Activation
    init?(argument: String) {
        guard let value = Activation(rawValue: argument), value != .softmax else { return nil }
        self.value = value
    }
    static var allValueStrings: [String] { Activation.allCases.filter { $0 != .softmax }.map(\.rawValue) }
}
extension Loss: ExpressibleByArgument {}
extension BiasMode: ExpressibleByArgument {}

/// Reads a `--data` CSV file, refusing anything that is not a small text file.
enum CSVFile {
    /// A file past this size takes a second or more to read: the wait is said.
    static let saidBytes = 16 << 20

    static func read(_ path: String) throws(InputError) -> String {
        let data: Data
        do {
            data = try InputFile.read(path, limit: 64 << 20)
        } catch {
            let reason = switch error.reason {
            case "no such file": "no such file or built-in set (built-in: " + BuiltInData.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            case "is a directory": "is a directory, not a CSV file"
            default: error.reason
            }
            throw InputError("--data \(path): \(reason)")
        }
        if data.count > 64 << 20 { throw InputError("--data \(path): larger than 64 MiB") }
        // Seconds of parsing before the screen opens: said, on a terminal (Ctrl-C still ends it).
        if data.count > Self.saidBytes, isatty(STDOUT_FILENO) == 1 {
            writeError("bptui: reading \(path) (\(data.count >> 20) MiB)…\n")
        }
        guard let text = String(data: data, encoding: .utf8), !data.contains(0) else {
            throw InputError("--data \(path): is not a UTF-8 text file")
        }
        return text
    }
}

/// A decimal option's value (`0x0.8` is refused, not read as hexadecimal).
func decimal(_ text: String) throws -> Double {
    guard let value = Double(decimal: text.replacingOccurrences(of: "−", with: "-")) else {
        throw ValidationError("'\(text)' is not a decimal number")
    }
    return value
}
