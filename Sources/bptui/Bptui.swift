import ArgumentParser
import BackpropEngine
import BackpropTUI
import Foundation

/// The bptui command: the full-screen trainer, or with --headless a scriptable run.
struct Bptui: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bptui",
        abstract: "Train Matt Mazur's 2-2-2 backpropagation example, or any small network, live in the terminal.",
        discussion: """
        Without --headless, opens a full-screen view of the network of "A Step by Step \
        Backpropagation Example": press space to take one backprop iteration, r to run, \
        n to walk through one computation by computation, ? for every key. With any of \
        the network shape and data options (--layers 2,5,1 --data xor) it opens the same \
        view for that network, with a data view (d) and a command line (:).

        With --headless, trains without a screen and writes the run to standard output: \
        a table (default), CSV (iteration,error,out_o1,out_o2 in full precision), a JSON \
        report whose "network" object is itself a valid --config file, or the walk \
        through one update (--format walk).

        The default update order, published, reproduces the post's errors (0.291027924 \
        after 1 update, 0.000035085 after 10000); textbook follows the post's text and \
        reproduces its w1+..w4+.
        """,
        version: "0.3.0")

    @Flag(name: .long, help: "Train without the full-screen view and write the run to standard output.")
    var headless = false

    @OptionGroup(title: "Headless options")
    var headlessOptions: HeadlessOptions

    @OptionGroup var network: NetworkOptions

    @OptionGroup(title: "Network shape and data (any network, on the screen or headless)")
    var shape: ShapeOptions

    @Option(name: .long, help: ArgumentHelp(
        "A TensorFlow Playground link, or its #… part: that experiment (its points, starting weights, batching and L1/L2), on the screen or with --headless --epochs N.",
        valueName: "URL"))
    var playground: String?

    func validate() throws {
        if !headless, let option = headlessOptions.firstGiven {
            throw ValidationError("\(option) is for --headless runs; add --headless")
        }
        if !headless, shape.epochs != nil {
            throw ValidationError("--epochs is for --headless runs; add --headless")
        }
        if playground != nil, let option = network.firstGiven ?? shape.firstGiven.flatMap({ $0 == "--epochs" ? nil : $0 }) {
            throw ValidationError("--playground sets the whole experiment; it cannot be combined with \(option)")
        }
        if shape.firstGiven != nil || playground != nil {
            if headlessOptions.steps != nil, shape.epochs != nil {
                throw ValidationError("--steps and --epochs both say how long to train; give one")
            }
        }
    }

    func run() throws {
        let file = try network.file()
        var v1: PostConfig?, v2: RunConfig?
        switch file {
        case .post(let config)?: v1 = config
        case .layered(let config)?: v2 = config
        case nil: break
        }
        if let option = shape.firstGiven, v1 != nil {
            throw InputError("--config holds the post's 2-2-2 schema and cannot be combined with \(option)")
        }
        let configName = network.config.map { URL(fileURLWithPath: $0).lastPathComponent }
        guard headless else {
            let what = shape.layers.map { "the network " + $0.sizes.map(String.init).joined(separator: "-") } ?? "the run"
            try runInteractive(making: what) { try self.screenStart(v1: v1, v2: v2, configName: configName) }
            return
        }
        let (trainer, layout, recipe, notes) = try resolvedRun(v1: v1, v2: v2)
        for note in notes { writeError(note) }
        if headlessOptions.format == .walk {
            if let refusal = Walk.refusal(trainer.start.architecture) { throw InputError("--format walk: \(refusal)") }
            var walked = trainer
            if let epochs = shape.epochs { walked.train(epochs: epochs) } else { walked.train(updates: headlessOptions.steps ?? 0) }
            let of = isGeneral(v2) ? walked.start.architecture.shapeName : "the post's network"
            let batch = isGeneral(v2) ? ", batch of \(walked.nextBatch.count)" : ""
            try writeWalk(of: walked.divergence, iteration: walked.iteration) {
                Walk(walked).lines(title: "The walk through iteration \(walked.iteration + 1) of \(of), "
                    + "\(walked.settings.order.rawValue) order\(batch)", figures: Walk.postFigures(walked))
            }
            return
        }
        for (option, count, from) in [("--steps", headlessOptions.steps, trainer.iteration), ("--epochs", shape.epochs, trainer.epoch)] {
            if let count, count.addingReportingOverflow(from).overflow || count + from > RunConfig.largestCount {
                throw InputError("\(option) \(count): from \(from), where the run starts, that passes 2^53, the largest count bptui trains to")
            }
        }
        let run = HeadlessRun(trainer: trainer, layout: layout, updates: headlessOptions.steps, epochs: shape.epochs,
                              every: headlessOptions.every, format: headlessOptions.format ?? .table,
                              playground: recipe?.playgroundLink(trainer))
        var output = Output()
        Interruption.install()
        let (divergence, iteration) = run.run(stopped: { Interruption.received != 0 }) { output.line($0) }
        try output.finish()
        if Interruption.received != 0 {
            // Every finished row is written; the exit says which signal stopped it.
            writeError("bptui: stopped by signal \(Interruption.received) at iteration \(iteration)\n")
            Foundation.exit(128 + Interruption.received)
        }
        if let divergence { throw InputError(run.explain(divergence)) }
        // Every line is written: exit without freeing the run, which for millions of samples
        // one by one took a fifth of the time.
        Foundation.exit(0)
    }

    /// Whether the shape, data or a file make this any network's run rather than the post's.
    private func isGeneral(_ v2: RunConfig?) -> Bool { shape.firstGiven != nil || v2 != nil || playground != nil }

    /// The run the options ask for, its headless layout, its recipe where it is a link's,
    /// and what stops it from learning, for standard error.
    private func resolvedRun(v1: PostConfig?, v2: RunConfig?) throws -> (Trainer, HeadlessRun.Layout, Recipe?, notes: [String]) {
        if let playground {
            let experiment = try PlaygroundExperiment(playground)
            return (experiment.trainer, .epochs(classes: !experiment.link.isRegression), experiment.recipe, [])
        }
        guard isGeneral(v2) else { return (network.trainer(v1), .post, nil, []) }
        let resolved = try shape.resolve(network: network, file: v2, screen: !headless)
        let trainer = resolved.trainer
        // The post's network on one sample writes the post's columns, however it was given.
        let layout: HeadlessRun.Layout = trainer.isThePostsNetwork ? .post : .epochs(classes: resolved.classes)
        return (trainer, layout, nil, trainer.learningObstacles.map { "bptui: " + localeGlyphs().render($0.sentence) + "\n" })
    }

    /// The screen's first state. Many samples open on a run of the samples made at once while
    /// the whole is made behind it.
    private func screenStart(v1: PostConfig?, v2: RunConfig?, configName: String?) throws -> Start {
        if playground == nil, isGeneral(v2), let samples = shape.samples, samples > Recipe.samplesMadeAtOnce {
            var quick = shape
            quick.samples = Recipe.samplesMadeAtOnce
            let first = try quick.resolve(network: network, file: v2, screen: true).trainer
            var whole = quick.recipe(first, file: v2)
            whole.samples = samples
            do throws(Recipe.Refusal) { _ = try whole.checkedArchitecture() } catch { throw InputError("--samples \(samples): \(error.description)") }
            return Start(state: AppState(trainer: first, recipe: quick.recipe(first, file: v2), configName: configName),
                         first: .makeRun(whole, change: "samples \(samples)"), notes: [])
        }
        let (trainer, _, recipe, notes) = try resolvedRun(v1: v1, v2: v2)
        let shown = recipe ?? (isGeneral(v2) ? shape.recipe(trainer, file: v2) : Recipe.post(trainer))
        return Start(state: AppState(trainer: trainer, recipe: shown, configName: configName), first: nil, notes: notes)
    }

    /// Writes a walk's lines, in ASCII where the locale is not UTF-8; a run that diverged
    /// before the walk's iteration is refused.
    private func writeWalk(of divergence: Divergence?, iteration: Int, _ lines: () -> [String]) throws {
        if let divergence {
            throw InputError("diverged at iteration \(divergence.iteration) (η = \(divergence.learningRate)): "
                + "there is no iteration \(iteration + 2) to walk through")
        }
        let glyphs = localeGlyphs()
        var output = Output()
        for line in lines() { output.line(glyphs.render(line)) }
        try output.finish()
    }
}

/// Standard output, every write checked: a full disk or a closed pipe is one line and a
/// non-zero exit, never a truncated file and exit 0.
struct Output {
    /// Bytes are handed to the system this many at a time.
    static let bufferSize = 1 << 16
    /// Once a stop signal came, how long a reader that takes nothing is waited for.
    static let stoppedReaderMilliseconds = 1_000
    private var buffer: [UInt8] = []
    /// The first write that failed; nothing more is written after it.
    private var failure: Error?

    mutating func line(_ text: String) {
        guard failure == nil, !interrupted else { return }
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Whether a stop signal (`Interruption`) broke off a write that a reader was not taking:
    /// what was left is dropped, and the run exits on the signal, not on a write error.
    private var interrupted = false

    private mutating func flush() {
        var rest = buffer[...], flags: Int32?
        while !rest.isEmpty, !interrupted {
            // Once stopped, only what the reader takes now is written (a file takes all of it).
            if Interruption.received != 0, flags == nil {
                flags = fcntl(STDOUT_FILENO, F_GETFL)
                _ = fcntl(STDOUT_FILENO, F_SETFL, flags! | O_NONBLOCK)
            }
            let written = rest.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written > 0 {
                rest = rest.dropFirst(written)
            } else if written < 0, errno == EAGAIN {
                // A reader that takes nothing for a second is not waited for.
                var ready = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                interrupted = poll(&ready, 1, Int32(Self.stoppedReaderMilliseconds)) <= 0
            } else if written < 0, errno == EINTR {
                continue
            } else {
                failure = NSError(domain: NSPOSIXErrorDomain, code: Int(written < 0 ? errno : EIO))
                break
            }
        }
        // The descriptor may be shared with the shell: its flags are put back.
        if let flags { _ = fcntl(STDOUT_FILENO, F_SETFL, flags) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left; throws if any write failed.
    mutating func finish() throws(InputError) {
        if failure == nil, !interrupted, !buffer.isEmpty { flush() }
        if let failure {
            throw InputError("cannot write the output: " + plainReason(failure))
        }
    }
}

/// Unicode where the locale is UTF-8, ASCII elsewhere.
func localeGlyphs() -> Glyphs {
    setlocale(LC_ALL, "")
    return String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8" ? .unicode : .ascii
}
