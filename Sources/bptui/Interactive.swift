import BackpropEngine
import BackpropTUI
import Foundation

/// Runs the full-screen view until the user quits: key → command → reducer → state → panes →
/// canvas → the cells that changed.
func runInteractive(start: Network, settings: TrainingSettings) throws {
    var terminal: CursesTerminal
    do {
        terminal = try CursesTerminal()
    } catch {
        throw InputError(error.description)
    }
    defer { terminal.close() }
    var state = AppState(trainer: Trainer(start: start, settings: settings))
    var lastTick = Date()
    while !state.wantsQuit {
        let size = terminal.size
        terminal.draw(Screen.render(state, width: size.width, height: size.height, glyphs: terminal.glyphs))
        let wait: Int? = if !state.running { nil } else if state.speed == .maximum { 0 } else {
            max(0, Int((AppState.frameSeconds - Date().timeIntervalSince(lastTick)) * 1000))
        }
        var event = terminal.readKey(waitingAtMost: wait)
        while let current = event {
            if current.isResize { terminal.invalidate() }
            if let key = current.key, let command = Command.from(key, in: state) {
                let wasRunning = state.running
                state.update(command)
                if state.running, !wasRunning { lastTick = Date() }
            }
            event = state.wantsQuit ? nil : terminal.readKey(waitingAtMost: 0)
        }
        if state.exportRequested { state.update(.exported(write(Export(state, stamp: timestamp())))) }
        if state.running {
            let now = Date()
            let elapsed = now.timeIntervalSince(lastTick)
            if elapsed >= AppState.frameSeconds || state.speed == .maximum {
                state.update(.tick(seconds: elapsed))
                lastTick = now
            }
        }
    }
}

/// Writes an export's two files into the current directory, each atomically (a temporary
/// file renamed into place).
func write(_ export: Export) -> Result<[String], ExportFailure> {
    let directory = FileManager.default.currentDirectoryPath
    do {
        for (name, text) in [(export.csvName, export.csv), (export.jsonName, export.json)] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name), options: .atomic)
        }
    } catch {
        let reason = FileManager.default.isWritableFile(atPath: directory) ? error.localizedDescription : "\(directory) is not writable"
        return .failure(ExportFailure(reason))
    }
    let every = export.interval == 1 ? "" : " (every \(export.interval)th iteration)"
    return .success([export.csvName + every, export.jsonName])
}

/// The local time as 20261129-195900, for export file names.
func timestamp() -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return formatter.string(from: Date())
}
