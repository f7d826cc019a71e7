import BackpropEngine
@testable import BackpropTUI
import Testing

/// A Playground link on the screen: its penalty in the status, its dead weights in the list.
@Suite struct PlaygroundScreenTests {
    @Test func thePenaltyAndTheDeadWeightsShow() throws {
        let link = try PlaygroundLink("#seed=0.83447&activation=relu&batchSize=3&regularization=L1&regularizationRate=0.01&xTimesY=true")
        var (trainer, recipe) = Recipe.playground(link, seed: "0.83447")
        trainer.train(epochs: 10)
        let dead = trainer.dead.indices.filter { trainer.dead[$0] }
        #expect(!dead.isEmpty)
        let state = AppState(trainer: trainer, recipe: recipe)
        let text = state.screen(120, 60)
        #expect(text.contains("L1 λ 0.01 (\(dead.count) dead)"), "\(text)")
        let rows = text.split(separator: "\n").filter { $0.contains(" w\(dead[0] + 1) ") }
        #expect(rows.contains { $0.contains("dead") && $0.contains("0.000000000") }, "\(rows)")
    }
}
