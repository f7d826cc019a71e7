/// What the backend runs: the post's screen or the screen of any network. A `:` change on
/// the post's screen (`:layers 2,3,1`) moves the session to the general screen with it.
public enum Session: Application {
    case post(AppState)
    case general(LayeredState)

    public mutating func update(_ command: Command) -> [Effect] {
        switch self {
        case .post(var state):
            var effects = state.update(command)
            self = .post(state)
            if let index = effects.firstIndex(where: { if case .openGeneral = $0 { true } else { false } }),
               case .openGeneral(let recipe, let message) = effects.remove(at: index),
               let trainer = try? recipe.trainer() {
                var general = LayeredState(trainer: trainer, recipe: recipe)
                if let size = state.screenSize { effects += general.update(.resized(width: size.width, height: size.height)) }
                general.message = message
                self = .general(general)
            }
            return effects
        case .general(var state):
            let effects = state.update(command)
            self = .general(state)
            return effects
        }
    }

    public func command(for key: Key) -> Command? {
        switch self {
        case .post(let state): state.command(for: key)
        case .general(let state): state.command(for: key)
        }
    }

    public func render(width: Int, height: Int, glyphs: Glyphs, colors: ColorDepth) -> Canvas {
        switch self {
        case .post(let state): state.render(width: width, height: height, glyphs: glyphs, colors: colors)
        case .general(let state): state.render(width: width, height: height, glyphs: glyphs, colors: colors)
        }
    }
}
