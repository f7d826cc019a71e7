import BackpropEngine
@testable import BackpropTUI
import Testing

/// Sequences after an ESC are read whole: none of their bytes act as keys.
@Suite struct EscapeSequenceTests {
    /// The keys the backend would deliver for `text` after an ESC (ESC itself as .escape).
    static func keys(_ text: String) -> [Key] {
        text.map { c in c == "\u{1B}" ? .escape : c == "\n" ? .enter : c == "\u{07}" ? .control("g") : .character(c) }
    }

    static func read(_ text: String) -> (EscapeSequence, left: Int) {
        var queue = keys(text)[...]
        let sequence = EscapeSequence.read { queue.popFirst() }
        return (sequence, queue.count)
    }

    @Test(arguments: [
        ("", EscapeSequence.escape), ("x", .escapeThen(.character("x"))), ("[2 q", .unknown("ESC [ 2 SP q")), ("[99x", .unknown("ESC [ 99 x")),
        ("[<0;5;5M", .click(x: 4, y: 4)), ("[<0;5;5m", .ignored), ("[<64;5;5M", .ignored), ("[<2;300;90M", .ignored),
        ("[<0;300;90M", .click(x: 299, y: 89)), ("[I", .ignored), ("[O", .ignored),
        ("[200~hello\nworld\u{1B}[201~", .paste("hello\nworld")), ("]0;title\u{07}", .unknown("ESC ] …")),
        ("]11;rgb:0000/0000/0000\u{1B}\\", .unknown("ESC ] …")),
        // SS3 with parameters, a Meta prefix, stray bytes inside: each read to its final byte (they reset and quit).
        ("O5R", .unknown("ESC O 5 R")), ("O5q", .unknown("ESC O 5 q")), ("O1111111111s", .unknown("ESC O 1111111111 s")),
        ("\u{1B}[1;1R", .unknown("ESC [ 1 ; 1 R")), ("\u{1B}[A", .unknown("ESC [ A")), ("[1\u{01}R", .unknown("ESC [ 1 R …")),
        ("[1;1éééR", .unknown("ESC [ 1 ; 1 R …")),
        // Escape pressed twice stays two Escapes (help closed, then a job given up).
        ("\u{1B}", .escapeThen(.escape)), ("\u{1B}x", .escapeTwiceThen(.character("x"))),
    ])
    func aSequenceIsReadWholeAndNamed(text: String, expected: EscapeSequence) {
        let (sequence, left) = Self.read(text)
        #expect(sequence == expected && left == 0, "\(sequence), \(left) keys left")
    }

    /// A sequence longer than the part kept to name it is still read to its final byte: none of
    /// its bytes, the final one included, acts as a key (a 70-byte one used to end in `q`, quit).
    @Test(arguments: [70, 200, 5_000])
    func aLongSequenceIsReadToItsFinalByte(length: Int) {
        let (sequence, left) = Self.read("[" + String(repeating: "1;", count: length / 2) + "q" + "x")
        let kept = "ESC [ " + Array(repeating: "1 ;", count: EscapeSequence.sequenceLimit / 2).joined(separator: " ") + " …"
        #expect(sequence == .unknown(kept) && left == 1, "\(sequence), \(left) keys left")
    }

    @Test func aPasteIsTextInAPromptAndIgnoredElsewhere() {
        #expect(Command.from(.paste("seed 7\n"), prompt: true, tooSmall: false) == .promptInsert("seed 7 "))
        #expect(Command.from(.paste("rrrr"), prompt: false, tooSmall: false) == .ignoredInput("a paste: only a prompt (: = g) takes pasted text"))
        #expect(Command.from(.unknown("ESC [ 2 SP q"), prompt: false, tooSmall: false) == .ignoredInput("the terminal's sequence ESC [ 2 SP q"))
        #expect(Command.from(.click(x: 3, y: 4), prompt: false, tooSmall: false, double: true) == .click(x: 3, y: 4, double: true))
        var state = AppState.post
        state.update(.ignoredInput("the terminal's sequence ESC [ 2 SP q"))
        #expect(state.screen().contains("ignored the terminal's sequence ESC [ 2 SP q") && state.trainer.iteration == 0)
    }

    /// Random bytes after an ESC, 50,000 times: the reader always ends, consumes at most what
    /// it was given, and a paste never grows past its limit.
    @Test func randomBytesNeverTrapOrHang() {
        var random = SplitMix64(seed: 17)
        let alphabet = Array("[]<>;~0123456789 ?IOMmqx\u{1B}\u{07}\\Pa\n") + ["é", "€"]
        for _ in 0 ..< 50_000 {
            let length = Int(random.next() % 40)
            var queue = (0 ..< length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                .map { c -> Key in c == "\u{1B}" ? .escape : c == "\u{07}" ? .control("g") : .character(c) }[...]
            if random.next() % 10 == 0 { queue = (Self.keys("[200~") + queue)[...] }
            let sequence = EscapeSequence.read { queue.popFirst() }
            if case .paste(let text) = sequence { #expect(text.count <= EscapeSequence.pasteLimit) }
        }
    }
}
