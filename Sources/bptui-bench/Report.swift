import Foundation

/// The benchmark's rows: a figure, its measured value and its target.
struct Report {
    struct Row {
        let figure: String
        let measured: String
        let target: String
        let met: Bool
    }

    private(set) var rows: [Row] = []
    var allMet: Bool { rows.allSatisfy(\.met) }

    mutating func add(_ figure: String, _ measured: String, target: String, met: Bool) {
        rows.append(Row(figure: figure, measured: measured, target: target, met: met))
        FileHandle.standardError.write(Data("  \(figure): \(measured)\n".utf8))
    }

    /// The rows as a Markdown table, as the README shows them.
    func printTable() {
        print("| figure | measured | target | met |")
        print("| --- | --- | --- | --- |")
        for row in rows { print("| \(row.figure) | \(row.measured) | \(row.target) | \(row.met ? "yes" : "NO") |") }
    }
}

/// Seconds one call of `body` takes: the median of `rounds` runs.
func medianSeconds(rounds: Int = 7, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0 ..< rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

func format(_ value: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", value) }
