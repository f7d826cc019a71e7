import BackpropEngine
@testable import BackpropTUI
import Foundation
import Testing

@Suite struct ExportTests {
    @Test func csvHasEveryIterationAndJSONContinuesToTheBit() throws {
        var trainer = Trainer(settings: TrainingSettings(order: .textbook))
        trainer.train(5)
        let export = Export(trainer)
        #expect(export.interval == 1)
        let lines = export.csv.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "iteration,error,out_o1,out_o2")
        #expect(lines[1] == "0,\(ForwardPass(.post).E_total),\(ForwardPass(.post).out_o1),\(ForwardPass(.post).out_o2)")
        #expect(lines[6].hasPrefix("5,\(trainer.forward.E_total),"))

        let config = try NetworkConfig.decode(Data(export.json.utf8))
        #expect(config.order == .textbook)
        #expect(config.trainBiases == false)
        var network = Network.post, settings = TrainingSettings.post
        config.apply(to: &network, &settings)
        var continued = Trainer(start: network, settings: settings)
        #expect(continued.forward.E_total == trainer.forward.E_total)
        continued.train(1)
        trainer.train(1)
        #expect(continued.forward.E_total.bitPattern == trainer.forward.E_total.bitPattern)
    }

    @Test func longRunsAreWrittenAtAStatedInterval() {
        var trainer = Trainer()
        trainer.train(Export.maximumRows * 2 + 10)
        let export = Export(trainer)
        #expect(export.interval == 3)
        let lines = export.csv.split(separator: "\n")
        #expect(lines[2].hasPrefix("3,"))
        #expect(lines.last!.hasPrefix("\(trainer.iteration),"))
        let message = AppState.exportedMessage(ExportWritten(paths: ["/d/bptui-1-2-history.csv", "/d/bptui-1-2-network.json"], interval: 954))
        #expect(message == "exported bptui-1-2-{history.csv,network.json} (every 954th iteration)")
    }

    @Test func xRunsInSlicesThenAsksTheBackendToWriteAndItsAnswerIsShown() {
        var state = trained(200_000)
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
        #expect(export.csv.split(separator: "\n").count == 200_002)
        state.update(.exported(.success(ExportWritten(paths: ["/w/bptui-t-history.csv", "/w/bptui-t-network.json"], interval: 1))))
        #expect(state.screen().contains("exported bptui-t-{history.csv,network.json}"))
        state.update(.exported(.failure(ExportFailure(path: "/gone/bptui-t-history.csv", reason: .directoryMissing))))
        #expect(state.screen(120, 40).contains("export failed: cannot write /gone/bptui-t-history.csv: its directory no longer exists"))
    }
}
