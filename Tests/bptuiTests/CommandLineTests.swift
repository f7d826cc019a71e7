import Foundation
import Testing

/// The command line itself: --version and the options that need --headless.
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
}
