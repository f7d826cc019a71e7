import BackpropEngine
@testable import BackpropTUI
import PostOracle
import Testing

/// One number formatter: nine decimals where they show four significant digits, scientific
/// form below that, one minus sign, and words that agree with their numbers.
@Suite struct FormatTests {
    @Test(arguments: [(0.298371109, "0.298371109"), (0.000035085, "0.000035085"), (0.000001, "0.000001000"),
                      (0.00000099949, "9.995e−7"), (4.179447910829989e-27, "4.179e−27"), (-0.022602540, "−0.022602540"),
                      (-1.2e-12, "−1.200e−12"), (0, "0.000000000"), (-0.0, "0.000000000"), (3.892519004, "3.892519004"),
                      (123.456, "123.456000000")])
    func numbersNeverRoundAwayTheirSignificantDigits(value: Double, shown: String) {
        #expect(Format.number(value) == shown)
    }

    @Test func noNonZeroValueIsEverShownAsZero() {
        var value = 1e-3
        while value > 1e-300 {
            for signed in [value, -value] {
                for width in 8 ... 14 {
                    let text = Format.fit(signed, width: width)
                    #expect(text.count <= width, "\(text) wider than \(width)")
                    #expect(!text.allSatisfy { "0.−-".contains($0) }, "\(signed) shown as \(text)")
                }
                #expect(!Format.number(signed).allSatisfy { "0.−".contains($0) })
            }
            value /= 7.3
        }
    }

    @Test func fittingKeepsFourSignificantDigitsOrGoesScientific() {
        #expect(Format.fit(0.593269992, width: 8, decimals: 6) == "0.593270")
        #expect(Format.fit(-3.892519004, width: 9, decimals: 6) == "−3.892519")
        #expect(Format.fit(0.0000012346, width: 9, decimals: 6) == "1.235e−6")
        #expect(Format.fit(12345678.9, width: 9, decimals: 6) == "12345679")
        #expect(Format.fit(1.5e30, width: 9, decimals: 6) == "1.500e+30")
        #expect(Format.fit(.infinity, width: 9) == "∞")
    }

    @Test func negativeTermsAreBracketedInFormulas() {
        #expect(Format.term(-0.022602540) == "(−0.022602540)")
        #expect(Format.term(0.082167041) == "0.082167041")
        #expect(Format.shortTerm(-0.5) == "(−0.5)")
        #expect(Format.difference(1.7e-8) == "+1.7e−8" && Format.difference(-3e-5) == "−3.0e−5")
        #expect(Format.number(-4.179e-27, minus: "-") == "-4.179e-27", "the headless table's ASCII minus, exponent too")
        #expect(Format.exact(0.25) == "0.25" && Format.exact(-2.241189977632941) == "−2.241189978")
    }

    @Test func pluralsAgree() {
        #expect(Format.plural(1, "number") == "1 number" && Format.plural(2, "number") == "2 numbers")
        #expect(Format.plural(1_000, "edit") == "1,000 edits")
    }

    @Test func ratesAndDurationsReadAsAPersonSaysThem() {
        #expect(Format.rate(850) == "850/s" && Format.rate(12_345) == "12.3k/s" && Format.rate(11_600_000) == "11.6M/s")
        #expect(Format.duration(45) == "45s" && Format.duration(85) == "1m25s" && Format.duration(7_380) == "2h03m")
        #expect(Format.percent(0.0123) == "1.2%")
    }

    @Test func everyMinusOnTheScreenIsOneGlyph() {
        let state = trained(10_000)
        var shown = [state.screen(80, 24), state.screen(120, 40)]
        for view in [Command.toggleExplain, .toggleGradientCheck] {
            shown.append(finishing(view, on: state).screen(120, 40))
        }
        for text in shown {
            let hyphenated = text.split(separator: "\n").filter { $0.range(of: #"(^|[ (×=│])-[0-9]"#, options: .regularExpression) != nil }
            #expect(hyphenated.isEmpty, "\(hyphenated)")
            let zeros = text.split(separator: "\n").filter { $0.contains("0.000000000") }
            #expect(zeros.isEmpty, "no value rounds to zero: \(zeros)")
        }
    }
}

/// The chart's x axis: round ends before 10,000, labels that never touch, 10,000 marked after.
@Suite struct ChartAxisTests {
    @Test func theAxisEndsOnARoundNumberJustAboveTheIterationUntilTenThousand() {
        #expect([0, 1, 10, 11, 20, 21, 99, 100, 101, 4_999, 5_001, 10_000, 10_001, 123_456].map(ChartPane.axisEnd)
            == [10, 10, 10, 20, 20, 50, 100, 100, 200, 5_000, 10_000, 10_000, 10_001, 123_456])
    }

    @Test func earlyIterationsSpreadOverThePlot() {
        let state = trained(3)
        let layout = Layout(width: 80, height: 24)!
        let canvas = Screen.render(state, width: 80, height: 24)
        let plotRows = layout.chart.y + 1 ..< layout.chart.y + layout.chart.height - 3
        let columns = Set(plotRows.flatMap { y in
            (layout.chart.x + 7 ..< layout.chart.x + layout.chart.width - 1).filter {
                let c = canvas[$0, y].character
                return c != " " && c != "┄"
            }
        })
        #expect(columns.count >= 4, "four iterations in four places, not one column: \(columns.sorted())")
        #expect((columns.max() ?? 0) - (columns.min() ?? 0) >= 5)
        #expect(canvas.text.contains("0        iteration       10"))
    }

    @Test(arguments: [5, 99, 10_000, 10_001, 25_000, 1_000_000])
    func axisLabelsNeverCollideAt80Columns(iteration: Int) {
        let canvas = Screen.render(trained(iteration), width: 80, height: 24)
        let layout = Layout(width: 80, height: 24)!
        let row = canvas.lines[layout.chart.y + layout.chart.height - 3]
        let axis = row.split(separator: "│", omittingEmptySubsequences: false)[3]
        let words = axis.split(separator: " ")
        #expect(words.first == "0", "\(axis)")
        #expect(words.last.map(String.init) == Format.count(ChartPane.axisEnd(iteration: iteration)), "\(axis)")
        #expect(!axis.contains("0iteration") && !axis.contains("iteration1"), "\(axis)")
        if iteration >= 20_000, iteration < 500_000 { #expect(axis.contains("↑10k"), "\(axis)") }
    }

    @Test func pastNineIntegerDigitsANumberIsScientific() {
        #expect(Format.number(999_999_999.5) == "999999999.500000000")
        #expect(Format.number(1_000_000_000) == "1.000000000e+9")
        #expect(Format.number(-5e199) == "−5.000000000e+199")
    }
}
