import ArgumentParser
import BackpropEngine

/// The options of a `--headless` run. Each is nil when not given, so that giving one without
/// `--headless` can be refused rather than ignored.
struct HeadlessOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "How many updates to train (default: \(Post.finalIteration)).", valueName: "N"))
    var steps: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Write every K-th iteration of the post's run, or every K-th epoch of any other, and always the last (default: 1 for csv, a tenth of the run for table; not with json).",
        valueName: "K"))
    var every: Int?

    @Option(name: .long, help: "What to write: table (default), csv, json, or walk (the derivation of update N+1, sub-step by sub-step).")
    var format: HeadlessFormat?

    func validate() throws {
        if let steps, steps < 0 { throw ValidationError("--steps must be 0 or more, got \(steps)") }
        if let every, every <= 0 { throw ValidationError("--every must be 1 or more, got \(every)") }
        if every != nil, format == .json || format == .walk {
            throw ValidationError("--every has no effect with --format \(format?.rawValue ?? "")")
        }
    }

    /// The name of a given option (the first given in --help's order), or nil if none was.
    var firstGiven: String? {
        if steps != nil { return "--steps" }
        if every != nil { return "--every" }
        if format != nil { return "--format" }
        return nil
    }

}

extension HeadlessFormat: ExpressibleByArgument {}
