/// What a cell means; the terminal backend picks a colour (or, without colour, an attribute).
public enum Role: Sendable, Equatable, CaseIterable {
    case plain, title, label, muted, positive, negative, rise, fall, accent, reference, current,
         warning, good, bad, key
}

/// How a cell looks: its role and the attributes that work without colour, or two heat
/// levels that colour it instead of the role.
public struct Style: Sendable, Equatable, Hashable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    /// Colours for a half-block cell: its character in the `top` colour on the `bottom` one.
    /// Only for canvases whose `colors` is not `.none`.
    public var heat: Heat?
    /// A colour to draw the background in, the character keeping its role's colour: a
    /// sample's mark on the map.
    public var ground: Paint?

    public init(_ role: Role = .plain, bold: Bool = false, reverse: Bool = false, dim: Bool = false, heat: Heat? = nil,
                ground: Paint? = nil) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.heat = heat
        self.ground = ground
    }

    public static let plain = Style()
}

/// A colour of one of the maps' palettes: a heat level, or a class's.
public struct Paint: Sendable, Hashable {
    public enum Palette: Sendable, Hashable {
        /// Levels 0 ..< `Heat.levels` of a diverging palette: low is negative (orange, as
        /// TensorFlow Playground draws it), the middle level is 0 (near white), high is positive (blue).
        case heat
        /// A class's region on the class map: a light tint.
        case classRegion
        /// A class's sample marks: the same hue, strong enough to read on any region.
        case classMark
        /// Black or white, whichever reads on the colour under it: marks on an 8-colour map.
        case contrast
    }

    public let palette: Palette, index: Int

    public static func heat(_ level: Int) -> Paint { Paint(palette: .heat, index: level) }
    public static func region(_ k: Int) -> Paint { Paint(palette: .classRegion, index: k) }
    public static func mark(_ k: Int) -> Paint { Paint(palette: .classMark, index: k) }
    public static let contrast = Paint(palette: .contrast, index: 0)
}

/// The two colours of a half-block map cell: the upper map row's and the lower's.
public struct Heat: Sendable, Hashable {
    public let top: Paint, bottom: Paint

    /// How many levels the heat palette has; odd, so that one level is the middle.
    public static let levels = 11

    public init(top: Paint, bottom: Paint) {
        self.top = top
        self.bottom = bottom
    }

    /// Two heat levels.
    public init(top: Int, bottom: Int) {
        self.init(top: .heat(top), bottom: .heat(bottom))
    }
}

/// How many colours the terminal shows: none (NO_COLOR, or a terminal without colour), the
/// 8 basic ones, or 256 and more.
public enum ColorDepth: Sendable, Equatable {
    case none, eight, many
}

/// One screen cell: a character of width one and its style.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: Style

    public static let blank = Cell(character: " ", style: .plain)
}

/// A grid of cells that panes draw into; the backend copies it to the terminal and tests read
/// it as text.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let glyphs: Glyphs
    /// The terminal's colours: panes that colour cells by `Style.heat` draw shading
    /// characters instead when there are none.
    public let colors: ColorDepth
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode, colors: ColorDepth = .many) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        self.colors = colors
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Texts that `put` had to cut inside a word (a single word wider than its room); tests
    /// require none.
    public private(set) var midWordCuts: [String] = []

    /// Writes `text` from (x, y) rightwards, up to `limit` (default: the canvas edge). Text
    /// that does not fit ends at a word boundary with "…"; control characters show as "?";
    /// characters the glyph set cannot show are transliterated. Returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, _ style: Style = .plain, limit: Int? = nil) -> Int {
        let right = min(width, limit ?? width)
        let rendered = glyphs.render(text)
        let count = rendered.count
        guard y >= 0, y < height else { return x + count }
        if x + count > right, x < right {
            return write(clipped(Array(rendered), to: right - max(0, x), from: text), x: x, y: y, style, right: right)
        }
        return write(rendered, x: x, y: y, style, right: right)
    }

    /// Writes characters from (x, y) up to `right`, control characters as "?".
    private mutating func write<Characters: Sequence<Character>>(_ characters: Characters, x: Int, y: Int, _ style: Style,
                                                                  right: Int) -> Int {
        var column = x
        for character in characters {
            if column >= 0, column < right {
                self[column, y] = Cell(character: character.isControl ? "?" : character, style: style)
            }
            column += 1
        }
        return column
    }

    /// `text` cut to `room` columns at the last word boundary, with "…" to say words were
    /// lost (a cut that loses only spaces is no cut); a single word too wide ends in "…" too.
    private mutating func clipped(_ text: [Character], to room: Int, from original: String) -> [Character] {
        guard room > 0 else { return [] }
        if text[room...].allSatisfy({ $0 == " " }) { return Array(text[..<room]) }
        let tail: [Character] = glyphs.isASCII ? [" ", ".", ".", "."] : [" ", "…"]
        if room >= tail.count, let space = text[..<(room - tail.count + 1)].lastIndex(of: " ") {
            var words = Array(text[..<space])
            while words.last == " " { words.removeLast() }
            return words + tail
        }
        // A single word too wide still says it was cut.
        midWordCuts.append(original)
        return room >= 2 ? Array(text[..<(room - 1)]) + [glyphs.isASCII ? "~" : "…"] : Array(text[..<room])
    }

    /// Fills a rectangle with one character.
    public mutating func fill(_ rect: Rect, with character: Character = " ", _ style: Style = .plain) {
        for y in max(0, rect.y) ..< min(height, rect.y + rect.height) {
            for x in max(0, rect.x) ..< min(width, rect.x + rect.width) {
                self[x, y] = Cell(character: character, style: style)
            }
        }
    }

    /// Draws a rounded (or ASCII) frame around `rect` with `title` in its top edge.
    public mutating func box(_ rect: Rect, title: String = "", _ style: Style = Style(.muted)) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs, right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        func set(_ character: Character, _ x: Int, _ y: Int) {
            if x >= 0, x < width, y >= 0, y < height { self[x, y] = Cell(character: character, style: style) }
        }
        for x in rect.x + 1 ..< right {
            set(g.horizontal, x, rect.y)
            set(g.horizontal, x, bottom)
        }
        for y in rect.y + 1 ..< bottom {
            set(g.vertical, rect.x, y)
            set(g.vertical, right, y)
        }
        set(g.topLeft, rect.x, rect.y)
        set(g.topRight, right, rect.y)
        set(g.bottomLeft, rect.x, bottom)
        set(g.bottomRight, right, bottom)
        if !title.isEmpty {
            put(" \(title) ", x: rect.x + 2, y: rect.y, Style(.title, bold: true), limit: right - 1)
        }
    }

    /// Sets the style of every cell in a row segment, keeping its characters.
    public mutating func restyle(y: Int, x: Int, width count: Int, _ style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x) ..< min(width, x + count) { self[column, y].style = style }
    }

    /// The canvas as plain text, one string per row, trailing spaces removed.
    public var lines: [String] {
        (0 ..< height).map { y in
            var line = String(cells[(y * width) ..< ((y + 1) * width)].map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// All rows joined by newlines: handy for `contains` in tests.
    public var text: String { lines.joined(separator: "\n") }
}

/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
    /// Whether the cell at (x, y) is inside.
    public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < self.x + width && y >= self.y && y < self.y + height }
}
