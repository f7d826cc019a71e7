import Foundation
import Testing

/// The command line itself: --version, shell completion, options that need --headless, and
/// numbers that do not survive being read.
@Suite struct CommandLineTests {
    @Test func versionIsPrinted() throws {
        let result = try Binary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.3.0\n")
        #expect(result.stderr.isEmpty)
    }

    @Test(arguments: [["--steps", "5"], ["--every", "3"], ["--format", "csv"], ["--order", "textbook", "--format", "json"]])
    func headlessOptionsWithoutHeadlessAreRefused(arguments: [String]) throws {
        let option = try #require(arguments.first { ["--steps", "--every", "--format"].contains($0) })
        let result = try Binary.run(arguments)
        result.expectOneLineError(mentioning: "\(option) is for --headless runs; add --headless")
        #expect(result.status == 64)
    }

    @Test func everyWithJSONIsRefused() throws {
        try Binary.run(["--headless", "--format", "json", "--every", "2"])
            .expectOneLineError(mentioning: "bptui: --every has no effect with --format json")
    }

    @Test(arguments: [
        ("1e-400", "underflows to 0"), ("-1e-400", "underflows to 0"),
        ("1e400", "overflows to infinity"), ("-1e400", "overflows to -infinity"),
        ("nan", "is not a number"), ("inf", "is infinity"), ("0", "is 0"), ("0e5", "is 0"), ("-0.5", "is negative"),
    ])
    func learningRateRefusalQuotesTheTextAndSaysWhy(text: String, reason: String) throws {
        let result = try Binary.run(["--headless", "--learning-rate", text])
        #expect(result.stderr == "bptui: --learning-rate \(text) \(reason); η must be a finite number above 0\n")
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }

    @Test func tinyButRepresentableLearningRateIsAccepted() throws {
        let result = try Binary.run(["--headless", "--format", "json", "--steps", "0", "--learning-rate", "1e-310"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""learningRate" : 1e-310"#))
    }

    /// Each shell's script names --headless in its own way: bash as is, zsh with its help, fish
    /// by its long name.
    @Test(arguments: [("bash", "--headless"), ("zsh", "'--headless[Train without"), ("fish", "-l 'headless'")])
    func completionScriptOffersTheOptions(shell: String, headless: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains(headless))
        for option in ["steps", "every", "format", "learning-rate", "config", "order"] {
            #expect(result.stdout.contains(option), "\(shell) completion lacks --\(option)")
        }
    }
}
