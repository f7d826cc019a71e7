import ArgumentParser
import BackpropEngine
import Foundation

/// The bptui command: the full-screen trainer, or with --headless a scriptable run.
struct Bptui: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bptui",
        abstract: "Train Matt Mazur's 2-2-2 backpropagation example live in the terminal.",
        discussion: """
        Without --headless, opens a full-screen view of the network of "A Step by Step \
        Backpropagation Example": press space to take one backprop iteration, r to run, \
        ? for every key.

        With --headless, trains without a screen and writes the run to standard output: \
        a table (default), CSV (iteration,error,out_o1,out_o2 in full precision) or a JSON \
        report whose "network" object is itself a valid --config file.

        The default update order, published, reproduces the post's errors (0.291027924 \
        after 1 update, 0.000035085 after 10000); textbook follows the post's text and \
        reproduces its w1+..w4+.
        """)

    @Flag(name: .long, help: "Train without the full-screen view and write the run to standard output.")
    var headless = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Headless: how many updates to train.", valueName: "N"))
    var steps = Post.finalIteration

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Headless: write every K-th iteration (and always the last). Default: 1 for csv, N/10 for table.",
        valueName: "K"))
    var every: Int?

    @Option(name: .long, help: "Headless output: table, csv or json.")
    var format: HeadlessFormat = .table

    @OptionGroup var network: NetworkOptions

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must be 0 or more, got \(steps)") }
        if let every, every <= 0 { throw ValidationError("--every must be 1 or more, got \(every)") }
    }

    func run() throws {
        let (start, settings) = try network.resolve()
        if headless {
            let run = HeadlessRun(start: start, settings: settings, steps: steps, every: every, format: format)
            if let divergence = run.run(write: { print($0) }) {
                throw InputError("diverged at iteration \(divergence.iteration) (η = \(divergence.learningRate)): "
                    + "a weight or the error stopped being finite; the rows above are the last finite ones")
            }
        } else {
            try runInteractive(start: start, settings: settings,
                               configName: network.config.map { URL(fileURLWithPath: $0).lastPathComponent })
        }
    }
}

extension HeadlessFormat: ExpressibleByArgument {}
