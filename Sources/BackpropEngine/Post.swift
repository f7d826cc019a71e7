/// Figures the post prints for its network trained with its settings (published order).
public enum Post {
    /// E_total after k updates, for the k the post quotes.
    public static let errorAfter: [Int: Double] = [0: 0.298371109, 1: 0.291027924, 10_000: 0.000035085]
    /// out_o1 and out_o2 after 10,000 updates.
    public static let outputsAfterTenThousand = (out_o1: 0.015912196, out_o2: 0.984065734)
    /// The iteration the post trains to.
    public static let finalIteration = 10_000

    /// Whether a run with this start and these settings is the post's own (either order).
    public static func isPostsRun(start: Network, settings: TrainingSettings) -> Bool {
        start == .post && settings.learningRate == TrainingSettings.post.learningRate && !settings.trainBiases
    }
}
