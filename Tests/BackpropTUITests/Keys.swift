import BackpropEngine
@testable import BackpropTUI

/// Presses keys through the key map and the reducer, as the backend does.
func press(_ keys: Key..., on start: AppState = AppState(trainer: Trainer())) -> AppState {
    var state = start
    for key in keys {
        if let command = Command.from(key, in: state) { state.update(command) }
    }
    return state
}
