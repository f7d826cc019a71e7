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
        #expect(export.interval == 1)
        let lines = export.csv.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "epoch,error", "an epoch is an iteration on the post's one sample")
        #expect(lines[1] == "0,\(PostForwardPass(.post).E_total)")
        #expect(lines[6] == "5,\(trainer.forward.E_total)")

        let config = try RunConfig.decode(Data(export.json.utf8))
        #expect(config.order == .textbook && config.trainBiases == false && config.layers == [2, 2, 2])
        let settings = TrainingSettings(learningRate: try #require(config.learningRate), order: .textbook, trainBiases: false)
        var continued = Trainer(try #require(try config.network()), data: DataSet(training: try #require(config.samples)),
                                       settings: settings, iteration: 5, epoch: 5, position: 0)
        #expect(continued.network == trainer.network)
        continued.train(updates: 1)
        trainer.train(updates: 1)
        #expect(continued.trainingError.latest.bitPattern == trainer.trainingError.latest.bitPattern)
    }

    @Test func theMessageNamesBothFilesOnce() {
        let message = ExportWritten(paths: ["/d/bptui-1-2-history.csv", "/d/bptui-1-2-network.json"], interval: 954).message
        #expect(message == "exported bptui-1-2-{history.csv,network.json} (every 954th iteration)")
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
        state.update(.exported(.success(ExportWritten(paths: ["/w/bptui-t-history.csv", "/w/bptui-t-network.json"], interval: 1))))
        #expect(state.screen().contains("exported bptui-t-{history.csv,network.json}"))
        state.update(.exported(.failure(ExportFailure(path: "/gone/bptui-t-history.csv", reason: .directoryMissing))))
        #expect(state.screen(120, 40).contains("export failed: cannot write /gone/bptui-t-history.csv: its directory no longer exists"))
    }
}
