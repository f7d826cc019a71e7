import BackpropEngine
@testable import BackpropTUI
import Foundation
import Testing

@Suite struct ExportTests {
    @Test func csvHasEveryIterationAndJSONContinuesToTheBit() throws {
        var state = AppState(trainer: Trainer(settings: TrainingSettings(order: .textbook)))
        state.trainer.train(5)
        let export = Export(state, stamp: "20261129-120000")
        #expect(export.csvName == "bptui-20261129-120000-history.csv")
        #expect(export.jsonName == "bptui-20261129-120000-network.json")
        #expect(export.interval == 1)
        let lines = export.csv.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "iteration,error,out_o1,out_o2")
        #expect(lines[1] == "0,\(ForwardPass(.post).E_total),\(ForwardPass(.post).out_o1),\(ForwardPass(.post).out_o2)")
        #expect(lines[6].hasPrefix("5,\(state.trainer.forward.E_total),"))

        let config = try NetworkConfig.decode(Data(export.json.utf8))
        #expect(config.order == .textbook)
        #expect(config.trainBiases == false)
        var network = Network.post, settings = TrainingSettings.post
        config.apply(to: &network, &settings)
        var continued = Trainer(start: network, settings: settings)
        #expect(continued.forward.E_total == state.trainer.forward.E_total)
        continued.train(1)
        state.trainer.train(1)
        #expect(continued.forward.E_total.bitPattern == state.trainer.forward.E_total.bitPattern)
    }

    @Test func longRunsAreWrittenAtAStatedInterval() {
        var state = AppState(trainer: Trainer())
        state.trainer.train(Export.maximumRows * 2 + 10)
        let export = Export(state, stamp: "x")
        #expect(export.interval == 3)
        let lines = export.csv.split(separator: "\n")
        #expect(lines[2].hasPrefix("3,"))
        #expect(lines.last!.hasPrefix("\(state.trainer.iteration),"))
    }

    @Test func xAsksTheBackendAndItsAnswerIsShown() {
        var state = AppState(trainer: Trainer())
        state.update(Command.from(.character("x"), in: state)!)
        #expect(state.exportRequested)
        state.update(.exported(.success(["a.csv", "b.json"])))
        #expect(!state.exportRequested)
        #expect(state.message == "exported a.csv and b.json")
        state.update(.export)
        state.update(.exported(.failure(ExportFailure("/proc is not writable"))))
        #expect(state.message == "export failed: /proc is not writable")
        #expect(Screen.render(state, width: 80, height: 24).text.contains("export failed: /proc is not writable"))
    }
}
