import BackpropEngine
@testable import BackpropTUI
import Testing

@Test func dump() {
    var state = AppState(trainer: Trainer())
    print(Screen.render(state, width: 80, height: 24).text)
    state.update(.step)
    print(Screen.render(state, width: 80, height: 24).text)
    state.update(.openGoTo); state.update(.promptSubmit)
    print(Screen.render(state, width: 120, height: 40).text)
    state.update(.toggleHelp)
    print(Screen.render(state, width: 80, height: 24, glyphs: .ascii).text)
    print(Screen.render(state, width: 60, height: 20).text)
}
