import BackpropEngine

extension Trainer {
    /// Why the post's printed figures do not apply to this run ("biases trained", "edited"),
    /// or nil when this is the post's own run (either update order).
    var departureFromThePost: String? {
        let reasons = Post.departures(self).map { departure in
            switch departure {
            case .anotherStart: "another starting network"
            case .learningRate(let η): "η = \(Format.short(η))"
            case .biasesTrained: "biases trained"
            case .edited: "edited"
            }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }
}
