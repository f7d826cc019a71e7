import Foundation

/// How every number on the screen and in the headless table is written.
///
/// A value prints with a fixed number of decimals (9, as the post prints its figures) when
/// that shows at least four significant digits; smaller values switch to scientific form
/// with four significant digits (`4.179e-27`), so no non-zero value ever reads as zero.
public enum Format {
    /// The screen's minus sign; the headless table passes "-".
    public static let minus = "−"
    static let significantDigits = 4
    /// The most integer digits a number is written with in fixed form.
    static let largestIntegerDigits = 9

    /// `value` with `decimals` decimals, or in scientific form where that would show fewer
    /// than four significant digits.
    public static func number(_ value: Double, decimals: Int = 9, minus: String = Self.minus) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? minus + "∞" : "∞") }
        let magnitude = abs(value)
        let sign = value < 0 ? minus : ""
        let fixed = String(format: "%.\(decimals)f", magnitude)
        if magnitude == 0 { return fixed }
        // Past 9 integer digits a number would overflow its column: scientific, as many digits.
        if fixed.prefix(while: { $0 != "." }).count > largestIntegerDigits {
            return sign + scientific(magnitude, digits: decimals + 1, minus: minus)
        }
        if significant(fixed) >= significantDigits { return sign + fixed }
        return sign + scientific(magnitude, digits: significantDigits, minus: minus)
    }

    /// `number(value)` in at most `width` characters: fewer decimals where those still show
    /// four significant digits, otherwise scientific form.
    static func fit(_ value: Double, width: Int, decimals: Int = 9) -> String {
        guard value.isFinite else { return number(value) }
        for places in stride(from: decimals, through: 0, by: -1) {
            let text = number(value, decimals: places)
            if text.count <= width, text.contains("e" as Character) || significant(text) >= significantDigits || value == 0 {
                return text
            }
        }
        let sign = value < 0 ? Self.minus : ""
        for digits in stride(from: significantDigits, through: 1, by: -1) {
            let text = sign + scientific(abs(value), digits: digits)
            if text.count <= width { return text }
        }
        return sign + scientific(abs(value), digits: 1)
    }

    /// A value as it stands inside a formula: negative values in brackets, `(−0.022602540)`.
    static func term(_ value: Double, decimals: Int = 9) -> String {
        let text = number(value, decimals: decimals)
        return value < 0 ? "(\(text))" : text
    }

    /// A size in bytes for a person: 1.2 GB, 640 MB.
    static func bytes(_ count: Int) -> String {
        let value = Double(count)
        return value >= 1e9 ? String(format: "%.1f GB", value / 1e9) : String(format: "%.0f MB", max(1, value / 1e6))
    }

    /// A short form of a learning rate or target: 0.5, 1e+12, −0.25.
    static func short(_ value: Double) -> String {
        let text = String(String(format: "%g", abs(value)).map { $0 == "-" ? "−" : $0 })
        return value < 0 ? minus + text : text
    }

    /// `short(value)` when it says the value exactly, `number(value)` otherwise: for a value
    /// a person typed, 0.25 stays 0.25 and −2.241189977632941 is not cut to −2.24119.
    static func exact(_ value: Double) -> String {
        Double(String(format: "%g", value)) == value ? short(value) : number(value)
    }

    /// `short(value)` inside a formula: negative values in brackets.
    static func shortTerm(_ value: Double) -> String {
        value < 0 ? "(\(short(value)))" : short(value)
    }

    /// A signed difference in scientific form with two significant digits: +1.7e-8, −3.0e-5.
    static func difference(_ value: Double) -> String {
        (value < 0 ? minus : "+") + scientific(abs(value), digits: 2)
    }

    /// Mantissa with `digits` significant digits and an exponent without padding: 4.179e−27.
    static func scientific(_ magnitude: Double, digits: Int, minus: String = Self.minus) -> String {
        if magnitude == 0 { return "0" }
        let text = String(format: "%.\(max(0, digits - 1))e", magnitude)
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        return text[..<e] + "e" + (exponent < 0 ? minus : "+") + String(abs(exponent))
    }

    /// How many significant digits a fixed-point text shows.
    private static func significant(_ fixed: String) -> Int {
        var count = 0, leading = true
        for byte in fixed.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            if leading, byte == UInt8(ascii: "0") { continue }
            leading = false
            count += 1
        }
        return count
    }

    /// Right-aligns `text` in `width` columns.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Left-aligns `text` in `width` columns.
    static func left(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// An iteration count with thousands separators: 10,000.
    /// 1st, 2nd, 3rd, 11th, 1,000th.
    static func ordinal(_ value: Int) -> String {
        let tens = value % 100, units = value % 10
        let suffix = (11 ... 13).contains(tens) ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th"
        return count(value) + suffix
    }

    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? minus + result : result
    }

    /// "1 number", "2 numbers".
    public static func plural(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(Self.count(count)) " + (count == 1 ? noun : plural ?? noun + "s")
    }


    /// A rate per second in three significant figures: 850/s, 12.3k/s, 11.6M/s.
    static func rate(_ perSecond: Double) -> String {
        let (value, unit): (Double, String) = perSecond >= 1e6 ? (perSecond / 1e6, "M") : perSecond >= 1e3 ? (perSecond / 1e3, "k") : (perSecond, "")
        let decimals = value >= 100 || unit.isEmpty ? 0 : value >= 10 ? 1 : 2
        return String(format: "%.\(decimals)f", value) + unit + "/s"
    }

    /// A duration rounded to what a person needs: 45s, 1m25s, 2h03m.
    /// A wait so far: tenths under 10 s ("0.4 s"), then as `duration`.
    static func waited(_ seconds: Double) -> String {
        seconds.isFinite && seconds < 9.95 ? String(format: "%.1f s", max(0, seconds)) : duration(seconds)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let whole = max(0, Int(seconds.rounded()))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + String(format: "%02d", whole % 60) + "s" }
        return "\(whole / 3600)h" + String(format: "%02d", whole % 3600 / 60) + "m"
    }
}

extension Format {
    /// A fraction as a percentage with one decimal: 12.3%.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", min(1, max(0, fraction)) * 100)
    }

    /// `value` with exactly `decimals` decimals, as the post prints a figure (checkpoints).
    static func asPrinted(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        // A value that rounds to zero is written without a sign: 0.00, not −0.00.
        return value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? minus + text : text
    }
}
