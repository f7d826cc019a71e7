/// When the hidden-layer gradients are taken relative to the output-weight update.
///
/// The post's text asks for the original w5…w8 (`textbook`), but its printed errors after
/// 1 and 10,000 updates come from a script that had already updated w5…w8 (`published`).
public enum UpdateOrder: String, CaseIterable, Sendable, Codable {
    /// w5…w8 are updated first; the hidden deltas then use the new w5…w8. The post's errors.
    case published
    /// Every gradient comes from the weights before the update. The post's w1⁺…w4⁺.
    case textbook
}
