import BackpropEngine
import BackpropTUI
import Foundation

// bptui-bench: every performance figure of the project with its target, as ratios measured in
// one run of a release build (`swift run -c release bptui-bench`).

let options = Set(CommandLine.arguments.dropFirst())
if options.contains("--help") {
    print("""
    usage: swift run -c release bptui-bench [--long-run]
      Measures the engine against a straight-line limit loop and a Python companion-style
      script, headless start-to-finish, the history's memory, chart frames, run mode, a
      go-to in slices (the longest a key waits) and
      start-up, and prints each figure beside its target.
      --long-run   also trains 10^8 iterations, sampling resident memory and the error.
      --engine-only   only the post's network: the engines against the limit loop.
      --playground-only   only TensorFlow Playground's default problem, one epoch,
                        and resident memory through long runs of general networks.
    """)
    exit(0)
}
var report = Report()
if options.contains("--engine-only") {
    _ = Benchmarks.engine(&report)
    report.printTable()
    exit(report.allMet ? 0 : 1)
}
if options.contains("--playground-only") {
    Benchmarks.playground(&report)
    Benchmarks.layeredMemory(&report)
    Benchmarks.generalRunMode(&report)
    report.printTable()
    exit(report.allMet ? 0 : 1)
}
let engineNanoseconds = Benchmarks.engine(&report)
Benchmarks.headless(&report)
Benchmarks.history(&report)
Benchmarks.chart(&report)
Benchmarks.runMode(&report, engineNanoseconds: engineNanoseconds)
Benchmarks.goToJob(&report, engineNanoseconds: engineNanoseconds)
Benchmarks.playground(&report)
Benchmarks.layeredMemory(&report)
Benchmarks.generalRunMode(&report)
Benchmarks.startUp(&report)
if options.contains("--long-run") { Benchmarks.longRun(&report) }
report.printTable()
exit(report.allMet ? 0 : 1)
