import BackpropEngine
@testable import BackpropTUI
import Foundation
import PostOracle
import Testing

@Suite struct ExportTests {
    @Test func csvHasEveryIterationAndJSONContinuesToTheBit() throws {
        var trainer = Trainer(post: .post, settings: PostSettings(order: .textbook))
        trainer.train(updates: 5)
        let export = Export(trainer)
        let lines = export.csv.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "epoch,error", "an epoch is an iteration on the post's one sample")
        #expect(lines[1] == "0,\(PostForwardPass(.post).E_total)")
        #expect(lines[6] == "5,\(trainer.forward.E_total)")

        let config = try RunConfig.decode(Data(try #require(export.json).utf8))
        #expect(config.order == .textbook && config.trainBiases == false && config.layers == [2, 2, 2])
        let settings = TrainingSettings(learningRate: try #require(config.learningRate), order: .textbook, trainBiases: false)
        var continued = Trainer(try #require(try config.network()), data: DataSet(training: try #require(config.samples)),
                                       settings: settings, iteration: 5, epoch: 5, position: 0)
        #expect(continued.network == trainer.network)
        continued.train(updates: 1)
        trainer.train(updates: 1)
        #expect(continued.trainingError.latest.bitPattern == trainer.trainingError.latest.bitPattern)
    }

    /// A run too large for `--config` to read back exports its history only, and says why.
    @Test func aNetworkFileTooLargeToReadBackIsNotWritten() throws {
        let recipe = Recipe(layers: [2, 3, 1], data: .builtIn(.circle), samples: 20_000)
        let export = Export(try recipe.trainer())
        #expect(export.json == nil && export.networkBytes > RunConfig.largestFileBytes && export.csv.hasPrefix("epoch,error,test_error"))
        let small = Export(try Recipe(layers: [2, 3, 1], data: .builtIn(.circle)).trainer())
        #expect(small.json != nil)
    }

    @Test func theMessageNamesBothFilesOnce() {
        let message = ExportWritten(paths: ["/d/bptui-1-2-history.csv", "/d/bptui-1-2-network.json"]).message
        #expect(message == "exported bptui-1-2-{history.csv,network.json}")
        let large = ExportWritten(paths: ["/d/bptui-1-2-history.csv"], networkLeftOut: 2_700_000).message
        #expect(large == "exported bptui-1-2-history.csv; no network.json: at least 3 MB, more than --config reads (1 MB)")
    }

    @Test func xRunsInSlicesThenAsksTheBackendToWriteAndItsAnswerIsShown() {
        var state = trained(1_000_000)
        var effects = state.update(Command.from(.character("x"), in: state)!)
        var slices = 0
        while state.job != nil {
            #expect(state.screen().contains("export "), "progress while it replays")
            effects = state.update(.tick(seconds: 0.025))
            slices += 1
        }
        #expect(slices >= 3)
        guard case .write(let export)? = effects.first else {
            Issue.record("no write effect: \(effects)")
            return
        }
        #expect(export.csv.split(separator: "\n").count == 1_000_002)
        state.update(.exported(.success(ExportWritten(paths: ["/w/bptui-t-history.csv", "/w/bptui-t-network.json"]))))
        #expect(state.screen().contains("exported bptui-t-{history.csv,network.json}"))
        state.update(.exported(.failure(ExportFailure(path: "/gone/bptui-t-history.csv", reason: .directoryMissing))))
        #expect(state.screen(120, 40).contains("export failed: cannot write /gone/bptui-t-history.csv: its directory no longer exists"))
    }
}

/// A network too large to read back is measured by a lower bound, never encoded.
@Suite struct ExportSizeTests {
    @Test func aHugeNetworkIsNotEncodedToLearnItIsTooLarge() throws {
        let trainer = try Recipe(layers: [2, 400, 400, 1], data: .builtIn(.xor)).trainer()
        let export = Export(trainer)
        let numbers = trainer.network.weights.count + trainer.network.biases.count + 4 * 3
        #expect(export.json == nil && export.networkBytes == numbers * Export.leastBytesPerNumber)
        var state = AppState(trainer: trainer, recipe: Recipe(layers: [2, 400, 400, 1], data: .builtIn(.xor)))
        state.update(.resized(width: 120, height: 40))
        state.update(.exported(.success(ExportWritten(paths: ["/d/bptui-20261202-041747-history.csv"], networkLeftOut: 63_000_000))))
        #expect(state.screen(120, 40).contains("exported bptui-20261202-041747-history.csv; no network.json: at least 63 MB, more than --config reads (1 MB)"),
                "the whole message fits at 120 columns")
    }
}
