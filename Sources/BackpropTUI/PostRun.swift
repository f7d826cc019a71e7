import BackpropEngine

extension Trainer {
    /// Why the post's printed figures do not apply to this run ("biases trained", "edited"),
    /// or nil when this is the post's own run (either update order).
    var departureFromThePost: String? {
        var reasons: [String] = []
        if start != .post { reasons.append("another starting network") }
        if startSettings.learningRate != TrainingSettings.post.learningRate {
            reasons.append("η = \(Format.short(startSettings.learningRate))")
        }
        if startSettings.trainBiases { reasons.append("biases trained") }
        if !edits.isEmpty { reasons.append("edited") }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }
}
