import BackpropEngine
@testable import BackpropTUI
import PostOracle

/// Presses keys through the key map and the reducer, as the backend does, and answers the
/// effects the way the backend would: ticks until a job is done, exports written nowhere.
func press(_ keys: Key..., on start: AppState = .post) -> AppState {
    var state = start
    for key in keys {
        if let command = Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall) { state = finishing(command, on: state) }
    }
    return state
}

/// Applies `command`, then ticks any job it started to its end, doing the work it hands
/// away (a large network's updates and derivations) as the backend does.
func finishing(_ command: Command, on start: AppState) -> AppState {
    var state = start
    state.answering(command)
    return state
}

extension AppState {
    /// Applies `command` and answers what it hands away, then ticks any job to its end.
    mutating func answering(_ command: Command) {
        var effects = update(command)
        while true {
            if let advance = effects.lazy.compactMap({ if case .advance(let a) = $0 { a } else { nil } }).first {
                effects = update(.advanced(advance.perform()))
            } else if job != nil {
                effects = update(.tick(seconds: 0.01))
            } else {
                return
            }
        }
    }
}

/// A state trained to `iterations` by typing a go-to, as a person would.
func trained(_ iterations: Int, settings: PostSettings = .post) -> AppState {
    var state = postState(settings)
    state.update(.openGoTo)
    state.update(.promptInsert(String(iterations)))
    return finishing(.promptSubmit, on: state)
}

/// The post's network on the one screen, trained with `settings`, from `start`.
func postState(_ settings: PostSettings = .post, start: PostNetwork = .post) -> AppState {
    let trainer = Trainer(post: start, settings: settings)
    return AppState(trainer: trainer, recipe: .post(trainer))
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

extension AppState {
    /// The selected parameter by its post name (w1…w8, b1, b2), for the post's network.
    var selection: PostParameter {
        switch parameter {
        case .weight(let k): PostParameter.weights[k]
        case .bias(let k): k == 0 ? .b1 : .b2
        }
    }
}

extension Command {
    /// The command a key means in `state`, as the backend asks.
    static func from(_ key: Key, in state: AppState) -> Command? {
        from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall)
    }
}

extension Layout {
    /// The layout of the post's network.
    init?(width: Int, height: Int) { self.init(width: width, height: height, architecture: .post) }
}

extension Edit.Target {
    /// A post parameter as the one engine's target: w5 is weight 4.
    static func post(_ parameter: PostParameter) -> Edit.Target {
        parameter.isBias ? .bias(parameter == .b1 ? 0 : 1) : .weight(PostParameter.weights.firstIndex(of: parameter)!)
    }
}
