import Foundation

/// Number formatting for the panes.
enum Format {
    /// `value` with `decimals` decimals, as the post prints its figures.
    static func fixed(_ value: Double, _ decimals: Int = 9) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `value` in at most `width` characters: fixed with `decimals` if it fits, fewer
    /// decimals if that fits, otherwise scientific.
    static func fit(_ value: Double, width: Int, decimals: Int) -> String {
        guard value.isFinite else { return String(describing: value) }
        for places in stride(from: decimals, through: 1, by: -1) {
            let text = fixed(value, places)
            if text.count <= width, places == decimals || abs(value) >= 1 { return text }
        }
        let text = String(format: "%.\(max(0, width - 7))e", value)
        return text.count <= width ? text : String(format: "%.0e", value)
    }

    /// Right-aligns `text` in `width` columns.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// An iteration count with thousands separators: 10,000.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A short form of a learning rate or target: 0.5, 1e+12.
    static func short(_ value: Double) -> String {
        String(format: "%g", value)
    }
}
