import Foundation
import BackpropEngine

/// One option of the `:` command line: the command line's own option without its dashes,
/// the values Tab completes, and how a typed value changes the recipe.
struct RecipeOption: Sendable {
    let name: String
    /// What Tab offers after the name (empty: any number).
    let values: [String]
    /// Whether a change starts training over (η alone does not).
    let restarts: Bool
    let apply: @Sendable (inout Recipe, String) throws(Recipe.Refusal) -> Void

    static let all: [RecipeOption] = [
        RecipeOption(name: "layers", values: ["2,2,2", "2,3,1", "2,5,1", "2,4,2,1", "2,8,8,1"], restarts: true) { recipe, text throws(Recipe.Refusal) in
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw Recipe.Refusal(description: "layers takes sizes of 1 or more, inputs first: 2,3,1")
            }
            guard parts.count >= 2 else {
                throw Recipe.Refusal(description: "layers needs at least an input and an output size: 2,3,1")
            }
            recipe.layers = parts.compactMap { $0 }
        },
        // The features make the input layer: one neuron each (none: the samples' own numbers).
        RecipeOption(name: "features", values: ["x1,x2", "x1^2,x2^2", "x1*x2", "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)", "none"],
                     restarts: true) { recipe, text throws(Recipe.Refusal) in
            recipe.inputNames = nil
            if text == "none" {
                if recipe.features != nil { recipe.layers[0] = 2 }
                recipe.features = nil
                return
            }
            switch Feature.list(text) {
            case .success(let features):
                recipe.features = features
                recipe.layers[0] = features.count
            case .failure(let refusal): throw Recipe.Refusal(description: "features: \(refusal.description)")
            }
        },
        choice("activation", Activation.allCases.filter { $0 != .softmax }) { $0.activation = $1 },
        choice("output-activation", Activation.allCases) { $0.outputActivation = $1 },
        choice("loss", Loss.allCases) { $0.loss = $1 },
        choice("bias", BiasMode.allCases) { $0.bias = $1 },
        toggle("train-biases") { $0.trainBiases = $1 },
        RecipeOption(name: "data", values: BuiltInData.allCases.map(\.rawValue), restarts: true) { recipe, text throws(Recipe.Refusal) in
            guard let builtIn = BuiltInData(rawValue: text) else {
                throw Recipe.Refusal(description: "data \(text): not a built-in set ("
                    + BuiltInData.allCases.map(\.rawValue).joined(separator: ", ") + "); a CSV file is given with --data when bptui starts")
            }
            recipe.data = .builtIn(builtIn)
            // Other points are no longer the link's experiment: there is no link to give back.
            recipe.link = nil
        },
        number("samples") { recipe, value throws(Recipe.Refusal) in
            try generatedOnly("samples", recipe)
            guard let count = Int(exactly: value), count >= 2 else { throw Recipe.Refusal(description: "samples must be a whole number of 2 or more") }
            recipe.samples = count
        },
        number("noise") { recipe, value throws(Recipe.Refusal) in
            try generatedOnly("noise", recipe)
            guard (0 ... 0.5).contains(value) else { throw Recipe.Refusal(description: "noise must be in 0…0.5") }
            recipe.noise = value
        },
        number("test-fraction") { recipe, value throws(Recipe.Refusal) in
            guard value >= 0, value < 1 else { throw Recipe.Refusal(description: "test-fraction must be in [0, 1)") }
            // Given samples keep the split they came with, not a second one silently ignored.
            switch recipe.data {
            case .builtIn(.post): throw Recipe.Refusal(description: "test-fraction: the post's data is one sample, none to hold out")
            case .given(let name, _):
                let source = recipe.link == nil ? "a CSV's is set by --test-fraction when bptui starts" : "a link's is its percTrainData"
                throw Recipe.Refusal(description: "test-fraction: \(name) keeps its split (\(source))")
            case .builtIn: recipe.testFraction = value
            }
        },
        RecipeOption(name: "batch", values: ["1", "10", "all"], restarts: true) { recipe, text throws(Recipe.Refusal) in
            if text == "all" {
                recipe.batch = nil
            } else if let size = Int(text), size >= 1 {
                recipe.batch = size
            } else {
                throw Recipe.Refusal(description: "batch takes a number of 1 or more, or all")
            }
        },
        toggle("shuffle") { $0.shuffle = $1 },
        // Read as digits, as --seed is: every UInt64, which a Double would round.
        RecipeOption(name: "seed", values: [], restarts: true) { recipe, text throws(Recipe.Refusal) in
            guard let seed = UInt64(text) else {
                throw Recipe.Refusal(description: "seed must be a whole number from 0 to \(UInt64.max)")
            }
            // A link's run takes its points and weights from the link's own seed: this one would change nothing.
            if let link = recipe.link, recipe.initialization == .playground {
                throw Recipe.Refusal(description: "seed: the link's points and weights come from its seed=\(link.seed ?? ""); G draws new ones")
            }
            recipe.seed = seed
        },
        choice("order", UpdateOrder.allCases) { $0.order = $1 },
        choice("init", Initialization.allCases) { $0.initialization = $1 },
        // A penalty named without a rate takes Playground's smallest, 0.001.
        choice("regularization", Regularization.Choice.allCases) {
            $0.regularization = Regularization.chosen($1, rate: $0.regularization?.rate ?? Recipe.defaultRegularizationRate)
        },
        number("regularization-rate", restarts: false) { recipe, value throws(Recipe.Refusal) in
            guard value >= 0 else { throw Recipe.Refusal(description: "regularization-rate must be 0 or more") }
            guard let penalty = recipe.regularization else {
                throw Recipe.Refusal(description: "regularization-rate needs a penalty: regularization l1, l1-subgradient or l2")
            }
            recipe.regularization = Regularization.chosen(penalty.choice, rate: value)
        },
        RecipeOption(name: "learning-rate", values: [], restarts: false) { recipe, text throws(Recipe.Refusal) in
            guard let value = Double(decimal: text.replacingOccurrences(of: "−", with: "-")), value.isFinite, value > 0 else {
                throw Recipe.Refusal(description: "learning-rate must be a finite number above 0")
            }
            recipe.learningRate = value
        },
    ]

    /// Refuses an option of Playground's generated sets for any other data.
    private static func generatedOnly(_ name: String, _ recipe: Recipe) throws(Recipe.Refusal) {
        guard case .builtIn(let set) = recipe.data, set.isGenerated else {
            throw Recipe.Refusal(description: "\(name) is for the generated sets (\(BuiltInData.generatedNames)), "
                + "not \(recipe.dataName)")
        }
    }

    private static func choice<Value: RawRepresentable & Sendable>(_ name: String, _ cases: [Value],
                                                                   _ set: @escaping @Sendable (inout Recipe, Value) -> Void)
        -> RecipeOption where Value.RawValue == String {
        RecipeOption(name: name, values: cases.map(\.rawValue), restarts: true) { recipe, text throws(Recipe.Refusal) in
            guard let value = cases.first(where: { $0.rawValue == text }) else {
                throw Recipe.Refusal(description: "\(name) takes " + cases.map(\.rawValue).joined(separator: ", "))
            }
            set(&recipe, value)
        }
    }

    private static func toggle(_ name: String, _ set: @escaping @Sendable (inout Recipe, Bool) -> Void) -> RecipeOption {
        RecipeOption(name: name, values: ["on", "off"], restarts: true) { recipe, text throws(Recipe.Refusal) in
            guard text == "on" || text == "off" else { throw Recipe.Refusal(description: "\(name) takes on or off") }
            set(&recipe, text == "on")
        }
    }

    private static func number(_ name: String, restarts: Bool = true,
                               _ set: @escaping @Sendable (inout Recipe, Double) throws(Recipe.Refusal) -> Void) -> RecipeOption {
        RecipeOption(name: name, values: [], restarts: restarts) { recipe, text throws(Recipe.Refusal) in
            guard let value = Double(decimal: text.replacingOccurrences(of: "−", with: "-")), value.isFinite else {
                throw Recipe.Refusal(description: "\(name) takes a number")
            }
            if Double.underflows(text, to: value) { throw Recipe.Refusal(description: "\(name) \(text) is too small for a double: it would be 0") }
            try set(&recipe, value)
        }
    }

    /// A link opens a whole experiment: nothing else goes with it.
    static let playgroundAlone = "playground takes its link alone on the line: playground URL"

    /// What `:` typed means: options with their values (`layers 2,3,1 data xor`), or why not.
    static func parse(_ line: String) throws(Recipe.Refusal) -> [(option: RecipeOption, value: String)] {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty else { throw Recipe.Refusal(description: "type an option and a value, e.g. layers 2,3,1 — Tab lists them") }
        var pairs: [(option: RecipeOption, value: String)] = []
        var index = 0
        while index < words.count {
            let name = words[index].hasPrefix("--") ? String(words[index].dropFirst(2)) : words[index]
            guard let option = all.first(where: { $0.name == name }) else {
                throw Recipe.Refusal(description: name == "playground" ? Self.playgroundAlone : "no option \(name) — Tab lists them")
            }
            guard index + 1 < words.count, !all.contains(where: { $0.name == words[index + 1] }) else {
                throw Recipe.Refusal(description: "\(name) takes a value" + (option.values.isEmpty ? "" : ": " + option.values.joined(separator: ", ")))
            }
            // As on the command line, an option given twice is refused, not settled by the last.
            if pairs.contains(where: { $0.option.name == name }) { throw Recipe.Refusal(description: "\(name) is given twice") }
            pairs.append((option, words[index + 1]))
            index += 2
        }
        return pairs
    }

    /// Applies a line's options to `recipe`; returns what it changed, as typed.
    static func apply(_ line: String, to recipe: inout Recipe) throws(Recipe.Refusal) -> (change: String, restarts: Bool) {
        let pairs = try parse(line)
        let wasThePosts = recipe.isThePostsProblem
        for pair in pairs { try pair.option.apply(&recipe, pair.value) }
        if recipe.isThePostsProblem != wasThePosts {
            // Into or out of the post's problem: what the line does not set takes that problem's defaults.
            let named = Set(pairs.map(\.option.name)), defaults = Recipe.defaults(forThePostsProblem: recipe.isThePostsProblem)
            if !named.contains("bias") { recipe.bias = defaults.bias }
            if !named.contains("train-biases") { recipe.trainBiases = defaults.trainBiases }
            if !named.contains("order") { recipe.order = defaults.order }
        }
        return (pairs.map { "\($0.option.name) \($0.value)" }.joined(separator: ", "), pairs.contains { $0.option.restarts })
    }

    /// The line completed by Tab: the option's name, then its value; nil when nothing fits
    /// or several do (the candidates are then in `candidates(for:)`).
    static func complete(_ line: String) -> String? {
        let options = candidates(for: line)
        guard !options.isEmpty else { return nil }
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let common = options.dropFirst().reduce(options[0]) { String(zip($0, $1).prefix { $0 == $1 }.map(\.0)) }
        let completed = words.dropLast() + [common]
        return completed.joined(separator: " ") + (options.count == 1 && words.count % 2 == 1 ? " " : "")
    }

    /// The names (or values) that could finish the line's last word: an option's name in the
    /// first, third, … word, the value of the option before it otherwise.
    static func candidates(for line: String) -> [String] {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        if words.count % 2 == 1 || words.isEmpty {
            return (all.map(\.name) + (words.count == 1 ? ["playground"] : [])).filter { $0.hasPrefix(last) }
        }
        guard let option = all.first(where: { $0.name == words[words.count - 2] }) else { return [] }
        return option.values.filter { $0.hasPrefix(last) }
    }

    /// What Tab says when nothing completes the last word: what the option takes.
    static func hint(for line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count >= 2, words.count % 2 == 0 else { return "no option starts with \(words.last ?? "")" }
        let name = words[words.count - 2]
        if name == "playground", words.count == 2 { return "a Playground link, or its #… part" }
        guard let option = all.first(where: { $0.name == name }) else { return "\(name) is not an option" }
        if name == "seed" { return "a whole number from 0" }
        return option.values.isEmpty ? "any number" : "one of " + option.values.joined(separator: " ")
    }
}
