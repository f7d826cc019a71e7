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
