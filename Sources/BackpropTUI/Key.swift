/// A key press as the backend reports it, independent of curses.
public enum Key: Sendable, Equatable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    /// Ctrl plus a letter, e.g. `.control("u")`.
    case control(Character)
    /// F1, F2, …
    case function(Int)
    /// Another key the terminal names, e.g. "Insert", "Shift-↑".
    case named(String)
    /// A left click (or double-click) at a cell, where the terminal reports the mouse.
    case click(x: Int, y: Int, double: Bool)
    /// A function key or anything else the program does not use.
    case other(Int)
}
