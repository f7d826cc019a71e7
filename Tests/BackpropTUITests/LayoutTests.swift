import BackpropEngine
@testable import BackpropTUI
import Foundation
import PostOracle
import Testing

/// Every view at the sizes a person uses: text ends at a word, never inside one; the key table
/// is the one the help, the hint bar and the README show.
@Suite struct LayoutTests {
    static func everyView() -> [(String, AppState)] {
        let start = AppState.post
        let later = trained(10_000, settings: PostSettings(order: .textbook))
        var views: [(String, AppState)] = [("start", start), ("10,000 textbook", later)]
        let overlays: [(String, [Command])] = [
            ("help", [.toggleHelp]), ("explain w5", [.toggleExplain]),
            ("explain w1", [.toggleExplain, .selectPrevious, .selectPrevious, .selectPrevious, .selectPrevious]),
            ("explain b1", [.toggleExplain, .selectNext, .selectNext, .selectNext, .selectNext]),
            ("explain b2", [.toggleExplain, .selectNext, .selectNext, .selectNext, .selectNext, .selectNext]),
            ("gradient check", [.toggleGradientCheck]), ("checkpoints", [.toggleCheckpoints]),
            ("go-to prompt", [.openGoTo]), ("edit prompt", [.openEdit]), ("bad go-to", [.openGoTo, .promptInsert("x")]),
            ("run", [.faster, .faster, .toggleRun, .tick(seconds: 0.6), .tick(seconds: 0.1)]), ("unbound", [.unbound("z")]),
            ("export failed", [.exported(.failure(ExportFailure(path: "/some/long/directory/name/bptui-20261129-195900-history.csv",
                                                                  reason: .directoryMissing)))]),
            ("job", [.openGoTo, .promptInsert("999999999"), .promptSubmit, .tick(seconds: 0.02)]),
        ]
        for base in [start, later] {
            for (name, commands) in overlays {
                var state = base
                commands.forEach { state.update($0) }
                views.append((name, state))
            }
        }
        var edited = start
        edited.update(.openEdit)
        edited.update(.promptInsert("0.3"))
        edited.update(.promptSubmit)
        views.append(("edited", edited))
        let configured = Trainer(post: .post, settings: PostSettings(learningRate: 0.3, trainBiases: true))
        views.append(("config", AppState(trainer: configured, recipe: .post(configured), configName: "a-rather-long-configuration-name.json")))
        return views
    }

    @Test(arguments: [(80, 24), (100, 30), (120, 40)])
    func noTextIsCutInsideAWord(width: Int, height: Int) {
        for (name, state) in Self.everyView() {
            let canvas = Screen.render(state, width: width, height: height)
            #expect(canvas.midWordCuts.isEmpty, "\(name) at \(width)×\(height): \(canvas.midWordCuts)")
            #expect(!canvas.cells.contains { $0.character.isControl })
        }
    }

    @Test func aCutEndsAtAWordWithAnEllipsisAndIsRecordedOnlyInsideAWord() {
        var canvas = Canvas(width: 20, height: 2)
        canvas.put("measured 1,001/s and more", x: 0, y: 0, limit: 16)
        #expect(canvas.lines[0] == "measured …", "words lost even at a space say so")
        var padded = Canvas(width: 10, height: 1)
        padded.put("right     ", x: 0, y: 0, limit: 6)
        #expect(padded.lines[0] == "right" && padded.midWordCuts.isEmpty, "losing spaces is no cut")
        canvas.put("unbreakablewordthatistoolong", x: 0, y: 1, limit: 10)
        #expect(canvas.midWordCuts == ["unbreakablewordthatistoolong"] && canvas.lines[1] == "unbreakab…", "a cut word says so")
        var controls = Canvas(width: 10, height: 1)
        controls.put("a\u{0}b\u{7}c", x: 0, y: 0)
        #expect(controls.lines[0] == "a?b?c")
    }

    @Test func theHintBarShowsSetAndExportAt80ColumnsAndHelpListsEveryKey() {
        let bar = Screen.render(AppState.post, width: 80, height: 24).lines.last ?? ""
        for hint in ["= Set", "x Export", "? Help", "q Quit", "spc Step", "g Go to"] { #expect(bar.contains(hint), "\(bar)") }
        let wide = Screen.render(AppState.post, width: 160, height: 40).lines.last ?? ""
        for hint in KeyTable.bindings.compactMap(\.hint) { #expect(wide.contains("\(hint.key) \(hint.label)"), "\(wide)") }
    }

    @Test(arguments: ["post", "xor 2-5-1", "softmax 2-3-3", "circle 2-4-2-1"])
    func everyKeyOfTheTableSendsItsCommandAndNoKeyIsBoundTwice(recipe name: String) throws {
        let recipe = try #require(FuzzTests.recipes[name])
        let state = AppState(trainer: try recipe.trainer(), recipe: recipe)
        var seen: [Key] = []
        for binding in KeyTable.bindings {
            for (key, command) in binding.keys {
                #expect(Command.from(key, prompt: state.prompt != nil, tooSmall: state.isTooSmall) == command, "\(key)")
                #expect(!seen.contains(key), "\(key) bound twice")
                seen.append(key)
            }
        }
    }

    @Test func theREADMEKeyTableIsTheProgramsKeyTable() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized, encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex(of: "| key | does |"))
        let rows = lines[(header + 2)...].prefix { $0.hasPrefix("| `") }
        for binding in KeyTable.bindings {
            let names = binding.names.components(separatedBy: ", ").flatMap { $0.components(separatedBy: " ") }
            #expect(rows.contains { row in names.allSatisfy { row.contains("`\($0)`") } }, "README lacks a row for \(binding.names)")
        }
        #expect(rows.count == KeyTable.bindings.count, "README key rows: \(rows.count)")
    }

    @Test func theTitleNamesTheConfigFile() {
        let state = AppState(trainer: AppState.post.trainer, recipe: .post, configName: "net.json")
        #expect(state.screen().contains("bptui · net.json · iteration 0"))
    }
}
