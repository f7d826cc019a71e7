import BackpropEngine
import Foundation

/// What `x` writes: the error history as CSV and the current network as a `--config` file.
/// Pure: the backend writes the files (atomically) and reports back with `.exported`.
public struct Export: Sendable, Equatable {
    public let csvName: String
    public let csv: String
    public let jsonName: String
    public let json: String
    /// Every how many iterations the CSV has a row (1 until the run outgrows `maximumRows`).
    public let interval: Int

    public static let maximumRows = 1 << 20

    /// The files for `state`, named after `stamp` (e.g. 20261129-195900).
    public init(_ state: AppState, stamp: String) {
        let trainer = state.trainer
        interval = max(1, (trainer.iteration + Self.maximumRows) / Self.maximumRows)
        var lines = ["iteration,error,out_o1,out_o2"]
        var replay = Trainer(start: trainer.start, settings: trainer.startSettings)
        func row() { lines.append("\(replay.iteration),\(replay.forward.E_total),\(replay.forward.out_o1),\(replay.forward.out_o2)") }
        var edits = trainer.edits[...]
        func applyEdits() {
            while let edit = edits.first, edit.iteration == replay.iteration {
                replay.edit(edit.network, settings: edit.settings)
                edits.removeFirst()
            }
        }
        applyEdits()
        row()
        while replay.iteration < trainer.iteration {
            let nextRow = replay.iteration + interval - replay.iteration % interval
            let nextEdit = edits.first?.iteration ?? .max
            replay.train(min(nextRow, nextEdit, trainer.iteration) - replay.iteration)
            applyEdits()
            if replay.iteration % interval == 0 || replay.iteration == trainer.iteration { row() }
        }
        csv = lines.joined(separator: "\n") + "\n"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let config = NetworkConfig(network: trainer.network, settings: trainer.settings)
        json = String(decoding: (try? encoder.encode(config)) ?? Data(), as: UTF8.self) + "\n"
        csvName = "bptui-\(stamp)-history.csv"
        jsonName = "bptui-\(stamp)-network.json"
    }
}
