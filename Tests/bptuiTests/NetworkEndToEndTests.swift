import Foundation
import PostOracle
import Testing

/// The screen of any network in a real terminal, as a new user would try it: xor's 2-5-1
/// walked to w15 and explained, the architecture changed from the keyboard, the deepest of
/// Playground's shapes at 80×24.
@Suite(.serialized) struct NetworkEndToEndTests {
    @Test func xorNamesItsNeuronsWalksToW15AndExplainsIt() throws {
        let tmux = try Tmux(width: 80, height: 24, arguments: ["--layers", "2,5,1", "--data", "xor"])
        defer { tmux.kill() }
        try tmux.waitFor("Network 2-5-1")
        let first = try tmux.waitFor("q Quit")  // the hint bar: the last row of a whole frame
        for name in ["i1", "i2", "h1", "h2", "h3", "h4", "h5", "o1"] { #expect(first.contains(name + " "), "\(name)\n\(first)") }
        #expect(first.contains("▸w11"))
        try tmux.send("j", "j", "j", "j")
        try tmux.waitFor("▸w15")
        try tmux.send("e")
        let explain = try tmux.waitFor("w15⁺ = w15 − η·∂E_total/∂w15")
        #expect(explain.contains("Explain ∂E_total/∂w15"))
        #expect(explain.contains("∂E_total/∂w15 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w15"), "\(explain)")
        #expect(explain.contains("∂net_o1/∂w15 = out_h5 = "), "\(explain)")
        try tmux.send("Escape", "space")
        try tmux.waitFor("iter 1 │")
        try tmux.quit()
    }

    @Test func theCommandLineRedrawsTheNetworkWithThreeHiddenNeurons() throws {
        let tmux = try Tmux(width: 80, height: 24, arguments: ["--layers", "2,5,1", "--data", "xor"])
        defer { tmux.kill() }
        try tmux.waitFor("Network 2-5-1")
        try tmux.send(":")
        try tmux.send("-l", "lay")
        try tmux.send("Tab")
        try tmux.waitFor(":layers ▏")
        try tmux.send("-l", "2,3,1")
        try tmux.send("Enter")
        // The message line is drawn after the diagram: waiting for it waits for the whole frame.
        let screen = try tmux.waitFor("layers 2,3,1 — 2-3-1 on xor, training starts over at iteration 0")
        #expect(screen.contains("Network 2-3-1"))
        #expect(screen.contains("h3 ") && !screen.contains("h4 "))
        try tmux.send(":")
        try tmux.send("-l", "batch zero")
        try tmux.send("Enter")
        try tmux.waitFor("batch takes a number of 1 or more, or all")
        try tmux.send("Escape")
        try tmux.waitFor("Network 2-3-1")
        try tmux.quit()
    }

    @Test func playgroundsLargestShapeOpensAt80x24() throws {
        let tmux = try Tmux(width: 80, height: 24, arguments: ["--layers", "2,8,8,8,8,8,8,1", "--activation", "tanh",
                                                             "--output-activation", "tanh", "--data", "circle"])
        defer { tmux.kill() }
        try tmux.waitFor("Network 2-8-8-8-8-8-8-1")
        let screen = try tmux.waitFor("q Quit")
        #expect(!screen.contains("needs 80×24"))
        for name in ["h1.1", "h1.8", "h6.8", "o1"] { #expect(screen.contains(name), "\(name)") }
        try tmux.quit()
    }

    @Test func theCircleDataViewIsAHeatmapThatChangesWhileItRuns() throws {
        let tmux = try Tmux(width: 80, height: 24, arguments: ["--layers", "2,4,2,1", "--activation", "tanh", "--output-activation", "tanh",
                                                             "--bias", "per-neuron", "--train-biases", "--data", "circle", "--batch", "10",
                                                             "--learning-rate", "0.03"], environment: ["TERM": "xterm-256color"], unset: ["NO_COLOR"])
        defer { tmux.kill() }
        try tmux.waitFor("Network 2-4-2-1")
        try tmux.send("d")
        try tmux.waitFor("Data · o1")
        let before = try tmux.waitFor("t≤0 ○ test")  // the legend, drawn after the map
        let halfBlocks = before.filter { $0 == "▀" }.count
        #expect(halfBlocks >= 200, "\(halfBlocks) half-block cells\n\(before)")
        let coloursBefore = try tmux.screenWithColours()
        #expect(coloursBefore.contains("48;5;"), "256-colour backgrounds")
        try tmux.send("r")  // 1,000 updates a second: epoch 40 after a second, the map redrawn on the way
        try tmux.waitUntil("passed epoch 40") { screen in
            screen.firstMatch(of: /epoch ([0-9,]+) │/).flatMap { Int($0.1.replacingOccurrences(of: ",", with: "")) }.map { $0 >= 40 } ?? false
        }
        let coloursAfter = try tmux.screenWithColours()
        let heat = { (screen: String) in screen.split(separator: "\n").filter { $0.contains("▀") }.map { String($0.split(separator: "│")[1...].joined()) } }
        #expect(heat(coloursBefore) != heat(coloursAfter), "the map's colours moved while training ran")
        try tmux.quit()
    }
}
