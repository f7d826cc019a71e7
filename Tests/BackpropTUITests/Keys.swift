import BackpropEngine
@testable import BackpropTUI

/// Presses keys through the key map and the reducer, as the backend does, and answers the
/// effects the way the backend would: ticks until a job is done, exports written nowhere.
func press(_ keys: Key..., on start: AppState = AppState(trainer: Trainer())) -> AppState {
    var state = start
    for key in keys {
        if let command = Command.from(key, in: state) { state = finishing(command, on: state) }
    }
    return state
}

/// Applies `command`, then ticks any job it started to its end.
func finishing(_ command: Command, on start: AppState) -> AppState {
    var state = start
    state.update(command)
    while state.job != nil { state.update(.tick(seconds: 0.01)) }
    return state
}

/// A state trained to `iterations` by typing a go-to, as a person would.
func trained(_ iterations: Int, settings: TrainingSettings = .post) -> AppState {
    var state = AppState(trainer: Trainer(settings: settings))
    state.update(.openGoTo)
    state.update(.promptInsert(String(iterations)))
    return finishing(.promptSubmit, on: state)
}

/// Types text into the open prompt, a character at a time.
func type(_ text: String, on start: AppState) -> AppState {
    var state = start
    for character in text { state.update(.promptInsert(String(character))) }
    return state
}

extension AppState {
    /// The whole screen at `width`×`height` as text.
    func screen(_ width: Int = 80, _ height: Int = 24, glyphs: Glyphs = .unicode) -> String {
        Screen.render(self, width: width, height: height, glyphs: glyphs).text
    }
}
