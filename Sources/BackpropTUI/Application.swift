/// A full-screen program the backend runs: keys become commands, commands change the state
/// and return effects, and the state renders the screen.
public protocol Application: Sendable {
    mutating func update(_ command: Command) -> [Effect]
    /// The command a key means now, if any.
    func command(for key: Key) -> Command?
    func render(width: Int, height: Int, glyphs: Glyphs, colors: ColorDepth) -> Canvas
}

extension AppState: Application {
    public func command(for key: Key) -> Command? { Command.from(key, in: self) }

    public func render(width: Int, height: Int, glyphs: Glyphs, colors: ColorDepth) -> Canvas {
        Screen.render(self, width: width, height: height, glyphs: glyphs, colors: colors)
    }
}

extension LayeredState: Application {
    public func command(for key: Key) -> Command? {
        Command.from(key, screen: .general, prompt: prompt != nil, tooSmall: isTooSmall)
    }

    public func render(width: Int, height: Int, glyphs: Glyphs, colors: ColorDepth) -> Canvas {
        GeneralScreen.render(self, width: width, height: height, glyphs: glyphs, colors: colors)
    }
}
