import BackpropTUI
import CNcurses
import Foundation
import Synchronization

/// The ncurses session: the only code in bptui that calls curses. It restores the terminal on
/// every way out — `close()`, exit, the signals that end a program, and a runtime trap.
struct CursesTerminal {
    let glyphs: Glyphs
    private var palette: Palette
    /// What is on the terminal now, to write only the cells that change.
    private var shown: Canvas?

    /// Why the full-screen view cannot start.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Takes over the terminal, or explains why it cannot (writing nothing to it).
    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(Unavailable) {
        let hint = "; use --headless for a run without a screen"
        guard isatty(STDIN_FILENO) == 1 else { throw Unavailable(description: "standard input is not a terminal" + hint) }
        guard isatty(STDOUT_FILENO) == 1 else { throw Unavailable(description: "standard output is not a terminal" + hint) }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else { throw Unavailable(description: "TERM is not set" + hint) }
        guard term != "dumb", bptui_terminal_usable() == 1 else {
            throw Unavailable(description: "the terminal type TERM=\(term) cannot address the cursor or is unknown" + hint)
        }
        setlocale(LC_ALL, "")
        glyphs = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8" ? .unicode : .ascii
        installRestoringHandlers()
        guard bptui_newterm() != nil else {
            throw Unavailable(description: "the terminal TERM=\(term) could not be opened" + hint)
        }
        cbreak()
        noecho()
        nonl()
        // Flow control off: Ctrl-S would otherwise freeze output until Ctrl-Q, and with enough
        // input queued not even Ctrl-Q or Ctrl-C gets through. ncurses keeps this as the
        // program's mode (resumed after Ctrl-Z) and restores the shell's on exit.
        var modes = termios()
        if tcgetattr(STDIN_FILENO, &modes) == 0 {
            modes.c_iflag &= ~tcflag_t(IXON | IXOFF)
            tcsetattr(STDIN_FILENO, TCSANOW, &modes)
            def_prog_mode()
        }
        keypad(bptui_stdscr(), true)
        bptui_mouse_on()
        // Mouse reports in SGR form (any column, read whole by EscapeSequence) and bracketed pastes.
        writeToTerminal(Self.modesOn)
        set_escdelay(25)
        curs_set(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        palette = Palette(colors: !noColor && has_colors())
    }

    /// The colours the screen can use: none with NO_COLOR set or on a terminal without colour.
    var colors: ColorDepth { palette.depth }

    var size: (width: Int, height: Int) { (Int(bptui_cols()), Int(bptui_lines())) }

    /// Waits up to `milliseconds` (forever when nil) for a key.
    func readKey(waitingAtMost milliseconds: Int?) -> KeyEvent? {
        wtimeout(bptui_stdscr(), Int32(milliseconds ?? -1))
        var character: wint_t = 0
        let status = wget_wch(bptui_stdscr(), &character)
        if status == bptui_err() { return nil }
        if status == KEY_CODE_YES {
            return KeyEvent(code: Int(character))
        }
        return KeyEvent(character: UInt32(character))
    }

    /// Copies `canvas` to the terminal, writing only the cells that differ from the last one.
    mutating func draw(_ canvas: Canvas) {
        let previous = shown.flatMap { $0.width == canvas.width && $0.height == canvas.height ? $0 : nil }
        if previous == nil { werase(bptui_stdscr()) }
        for y in 0 ..< canvas.height {
            var x = 0
            while x < canvas.width {
                let cell = canvas[x, y]
                if let previous, previous[x, y] == cell { x += 1; continue }
                var run = [wchar_t]()
                let start = x
                while x < canvas.width, canvas[x, y].style == cell.style,
                      previous.map({ $0[x, y] != canvas[x, y] }) ?? true {
                    run.append(wchar_t(bitPattern: canvas[x, y].character.unicodeScalars.first?.value ?? 32))
                    x += 1
                }
                if y == canvas.height - 1, x == canvas.width { run.removeLast() }
                _ = bptui_put(Int32(y), Int32(start), run, Int32(run.count), palette.attributes(cell.style), palette.pair(cell.style))
            }
        }
        wrefresh(bptui_stdscr())
        shown = canvas
    }

    /// After `fg`: keypad, mouse and paste modes back on, and every cell repainted.
    mutating func resume() {
        keypad(bptui_stdscr(), true)
        bptui_mouse_on()
        writeToTerminal(Self.modesOn)
        invalidate()
    }

    /// Forgets what is on screen, so that the next draw repaints every cell.
    mutating func invalidate() {
        shown = nil
        clearok(bptui_stdscr(), true)
    }

    /// Gives the terminal back: echo, canonical mode and the cursor restored.
    func close() {
        if !isendwin() {
            writeToTerminal(Self.modesOff)
            endwin()
        }
    }

    static let modesOn: StaticString = "\u{1B}[?1006h\u{1B}[?2004h", modesOff: StaticString = "\u{1B}[?2004l\u{1B}[?1006l"
}

/// A key as curses delivered it, turned into the UI core's `Key`.
struct KeyEvent {
    let key: Key?
    let isResize: Bool

    init(code: Int) {
        isResize = code == Int(bptui_key_resize())
        if code == Int(bptui_key_mouse()) {
            var x: Int32 = 0, y: Int32 = 0
            let clicks = bptui_read_mouse(&x, &y)
            key = clicks > 0 ? .click(x: Int(x), y: Int(y), double: clicks == 2) : nil
            return
        }
        key = switch Int32(code) {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_F0 + 1 ... KEY_F0 + 63: .function(code - Int(KEY_F0))
        case KEY_IC: .named("Insert")
        case KEY_DC: .named("Delete")
        case KEY_SR: .named("Shift-↑")
        case KEY_SF: .named("Shift-↓")
        case KEY_SLEFT: .named("Shift-←")
        case KEY_SRIGHT: .named("Shift-→")
        case KEY_BTAB: .named("Shift-Tab")
        default: isResize ? nil : .other(code)
        }
    }

    init(character: UInt32) {
        isResize = false
        key = switch character {
        case 10, 13: .enter
        case 27: .escape
        case 8, 127: .backspace
        case 9: .tab
        case 0: .control(" ")
        case 1 ... 26: .control(Character(Unicode.Scalar(character + 96)!))
        default: Unicode.Scalar(character).map { .character(Character($0)) } ?? .other(Int(character))
        }
    }
}

/// Maps each role to a colour pair, or without colour to attributes only; heat cells get a
/// pair of two palette colours, made the first time it is drawn.
private struct Palette {
    let depth: ColorDepth
    /// The colour of each heat level.
    private let ramp: [Int16]
    /// The pairs made for heat cells so far, and how many pairs the terminal has.
    private var heatPairs: [Colors: Int16] = [:]
    private let pairLimit: Int

    /// A foreground and a background colour.
    private struct Colors: Hashable {
        let foreground: Int16, background: Int16
    }

    init(colors: Bool) {
        guard colors else {
            depth = .none
            ramp = []
            pairLimit = 0
            return
        }
        start_color()
        use_default_colors()
        for (index, role) in Role.allCases.enumerated() {
            init_pair(Int16(index + 1), Self.foreground(role), -1)
        }
        depth = bptui_colors() >= 256 ? .many : .eight
        ramp = depth == .many ? Self.manyRamp : Self.eightRamp
        pairLimit = min(Int(bptui_color_pairs()), Int(Int16.max))
    }

    /// Playground's orange through near white to its blue, in xterm's 256-colour indexes.
    private static let manyRamp: [Int16] = [166, 208, 215, 222, 223, 255, 153, 117, 75, 32, 25]

    /// The same in the basic colours: red, yellow, white, cyan, blue.
    private static let eightRamp: [Int16] = (0 ..< Heat.levels).map { level in
        let t = Double(level) / Double(Heat.levels - 1)
        let color = t < 0.25 ? COLOR_RED : t < 0.45 ? COLOR_YELLOW : t <= 0.55 ? COLOR_WHITE : t <= 0.75 ? COLOR_CYAN : COLOR_BLUE
        return Int16(color)
    }

    static func foreground(_ role: Role) -> Int16 {
        switch role {
        case .plain, .label, .muted: -1
        case .title, .positive, .key: Int16(COLOR_CYAN)
        case .negative, .reference, .warning: Int16(COLOR_YELLOW)
        case .rise, .good, .current: Int16(COLOR_GREEN)
        case .fall, .bad: Int16(COLOR_RED)
        case .accent: Int16(COLOR_MAGENTA)
        }
    }

    /// The colour pair of a style: its heat colours, or its role's (also when the terminal
    /// has no pairs left for heat); 0, the terminal's own colours, without colour.
    mutating func pair(_ style: Style) -> Int16 {
        guard depth != .none else { return 0 }
        if let heat = style.heat, let pair = heatPair(Colors(foreground: heat.top.palette == .contrast ? Self.contrast(color(heat.bottom)) : color(heat.top),
                                                             background: color(heat.bottom))) {
            return pair
        }
        if let ground = style.ground, let pair = heatPair(Colors(foreground: Self.foreground(style.role), background: color(ground))) {
            return pair
        }
        return Int16((Role.allCases.firstIndex(of: style.role) ?? 0) + 1)
    }

    private func color(_ paint: Paint) -> Int16 {
        let palette = switch paint.palette {
        case .heat: ramp
        case .classRegion: depth == .many ? Self.manyRegions : Self.eightRegions
        case .classMark: depth == .many ? Self.manyMarks : [Int16(COLOR_BLACK)]
        case .contrast: [Int16(COLOR_WHITE)]
        }
        return paint.palette == .heat ? palette[min(max(paint.index, 0), palette.count - 1)] : palette[max(0, paint.index) % palette.count]
    }

    /// Classes' regions in light tints (blue, orange, green, pink, yellow, cyan, lavender,
    /// grey, mint, rose, khaki, sky), and their marks in the same hues, dark enough to read on
    /// every tint; past 12 classes the colours repeat (the marks' symbols do not).
    private static let manyRegions: [Int16] = [153, 223, 157, 218, 229, 159, 183, 251, 194, 224, 187, 117]
    private static let manyMarks: [Int16] = [25, 166, 28, 162, 136, 30, 91, 240, 29, 125, 100, 24]
    /// White on the dark colours of the palettes, black on the rest.
    static func contrast(_ background: Int16) -> Int16 {
        let dark: Set<Int16> = [Int16(COLOR_BLACK), Int16(COLOR_RED), Int16(COLOR_BLUE), Int16(COLOR_MAGENTA), 166, 25, 32, 28, 162, 91, 30, 240,
                                29, 125, 100, 24]
        return dark.contains(background) ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK)
    }

    /// In the basic colours a region is its colour and every mark black on it.
    private static let eightRegions: [Int16] = [COLOR_BLUE, COLOR_YELLOW, COLOR_GREEN, COLOR_MAGENTA, COLOR_CYAN, COLOR_RED, COLOR_WHITE].map { Int16($0) }

    /// The pair for two colours of heat cells, made on first use after the roles' pairs.
    private mutating func heatPair(_ colors: Colors) -> Int16? {
        if let pair = heatPairs[colors] { return pair }
        let next = Role.allCases.count + 1 + heatPairs.count
        guard next < pairLimit, init_pair(Int16(next), colors.foreground, colors.background) != bptui_err() else { return nil }
        heatPairs[colors] = Int16(next)
        return Int16(next)
    }

    func attributes(_ style: Style) -> attr_t {
        var attributes = bptui_a_normal()
        if depth == .none {
            switch style.role {
            case .title, .rise, .fall, .current, .good, .bad, .warning: attributes |= bptui_a_bold()
            case .muted, .reference: attributes |= bptui_a_dim()
            default: break
            }
        }
        if style.bold { attributes |= bptui_a_bold() }
        if style.reverse { attributes |= bptui_a_reverse() }
        if style.dim || style.role == .muted { attributes |= bptui_a_dim() }
        return attributes
    }
}

/// Restores the terminal and dies of the same signal, so the exit status stays conventional
/// (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP); traps restore it too.
private func installRestoringHandlers() {
    // Every signal whose default action ends the process (SIGKILL and SIGSTOP cannot be caught).
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGUSR1, SIGUSR2,
                         SIGALRM, SIGXCPU, SIGXFSZ, SIGPIPE, SIGVTALRM, SIGPROF, SIGSYS, SIGSTKFLT, SIGPWR] {
        signal(signalNumber) { received in
            writeToTerminal(CursesTerminal.modesOff)
            endwin()
            signal(received, SIG_DFL)
            raise(received)
        }
    }
    signal(SIGTSTP, suspend)
    atexit {
        if !isendwin() {
            writeToTerminal(CursesTerminal.modesOff)
            endwin()
        }
    }
}

/// Set on the way back from a Ctrl-Z: the loop puts the program's modes back and repaints.
let resumed = Atomic<Bool>(false)

/// Ctrl-Z (SIGTSTP): gives the terminal back, stops, and on `fg` (SIGCONT) carries on here.
/// bptui's own, not curses' handler: with curses', about one Ctrl-Z in eight was lost while
/// training.
private func suspend(_ number: Int32) {
    writeToTerminal(CursesTerminal.modesOff)
    endwin()
    signal(SIGTSTP, SIG_DFL)
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGTSTP)
    // Blocked inside its own handler: unblocked, the raise stops the process at once.
    pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    raise(SIGTSTP)
    signal(SIGTSTP, suspend)
    resumed.store(true, ordering: .relaxed)
}

/// Writes `text` straight to the terminal: one write(2) of static bytes, safe in a signal handler.
private func writeToTerminal(_ text: StaticString) {
    _ = write(STDOUT_FILENO, text.utf8Start, text.utf8CodeUnitCount)
}
