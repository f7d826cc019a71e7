import Foundation
import Testing

/// The walk through the post's first iteration in a real terminal, as a new user would take
/// it: every figure the post prints, in its order, then the update.
@Suite(.serialized) struct WalkEndToEndTests {
    @Test func walkingThePostsFirstIterationShowsEveryFigureAndNGoesBack() throws {
        let tmux = try Tmux(width: 120, height: 40, arguments: ["--order", "textbook"])
        defer { tmux.kill() }
        try tmux.waitFor("E_total 0.298371109")
        try tmux.send("n")
        let first = try tmux.waitFor("Walk through iteration 1 · 1 of")
        #expect(first.contains("net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.377500000   ✓ the post: 0.3775"))
        var seen: [String] = []
        let figures = ["0.593269992", "0.274811083", "0.298371109", "0.082167041", "0.358916480", "0.036350306", "0.149780716",
                       "0.299502287"]
        // The walk pane's rows only: the diagram and status show some of these numbers too.
        func pane(_ screen: String) -> String {
            let lines = screen.split(separator: "\n").map(String.init)
            guard let top = lines.firstIndex(where: { $0.contains("Walk through") }) else { return "" }
            return lines[(top + 1)...].prefix { !$0.hasPrefix("╰") }.joined(separator: "\n")
        }
        var step = 1
        var applied = false
        while !applied, step < 60 {
            try tmux.send("n")
            step += 1
            let whole = try tmux.waitFor(" · \(step) of ")
            applied = whole.contains(" · applied · ")
            let screen = pane(whole)
            for figure in figures + ["0.291027774"] where screen.contains(figure) && !seen.contains(figure) { seen.append(figure) }
        }
        #expect(seen == figures + ["0.291027774"], "in the post's order, E after the update last: \(seen)")
        try tmux.waitFor(" · \(step) of \(step) · applied")
        let last = try tmux.waitFor("iteration 1 applied, exactly as space does")
        #expect(last.contains("its change: 0.291027774 − 0.298371109 = −0.007343335"))
        #expect(last.contains("iteration 1 │ E_total 0.291027774"), "the update applied: \(last)")
        #expect(last.contains("iteration 1 applied, exactly as space does"))
        try tmux.send("N")
        // The status row is drawn after the walk pane: waiting for it waits for the frame.
        let back = try tmux.waitFor("iteration 0 │ E_total 0.298371109")
        #expect(back.contains(" · \(step - 1) of \(step) "), "N undid the update and went back a sub-step")
        try tmux.send("Escape")
        try tmux.waitForAbsence("Walk through")
        try tmux.quit()
    }
}
