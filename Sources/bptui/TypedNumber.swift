import ArgumentParser
import BackpropEngine

/// A number argument together with the text typed for it, so that a refusal can quote the
/// text and say why: `1e-400` underflows to 0, `1e400` overflows.
struct TypedNumber: ExpressibleByArgument {
    let text: String
    let value: Double

    init?(argument: String) {
        // The screen writes − (U+2212); pasted back, it means the ASCII minus.
        // Decimal, or a word for a non-finite value (said why it is refused); never hexadecimal.
        let typed = argument.replacingOccurrences(of: "−", with: "-")
        guard !typed.lowercased().contains("x"), let value = Double(typed) else { return nil }
        text = argument
        self.value = value
    }

    /// Why this is no learning rate (a finite number above 0), or nil if it is one.
    var problemAsLearningRate: String? {
        if value.isNaN { return "is not a number" }
        if value.isInfinite {
            let infinity = value < 0 ? "-infinity" : "infinity"
            return hasNonzeroDigit ? "overflows to \(infinity)" : "is \(infinity)"
        }
        if value == 0 { return hasNonzeroDigit ? "underflows to 0" : "is 0" }
        return value < 0 ? "is negative" : nil
    }

    /// Why this is no penalty rate (a finite number of 0 or more), or nil if it is one.
    var problemAsRate: String? {
        if value == 0 { return hasNonzeroDigit ? "underflows to 0" : nil }
        return value < 0 ? "is negative" : problemAsLearningRate
    }

    /// Whether a digit other than 0 appears before the exponent, as in `1e-400` but not `0e5`.
    private var hasNonzeroDigit: Bool { Double.underflows(text, to: 0) }
}
