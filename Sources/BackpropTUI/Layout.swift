/// Where each pane goes on a screen of a given size.
public struct Layout: Sendable, Equatable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let network: Rect
    public let weights: Rect
    public let chart: Rect
    /// Two status rows, the message row, and the key-hint bar.
    public let status: Rect
    public let message: Rect
    public let hints: Rect
    /// Whether the panes have room for 9 decimals, net values and the initial column.
    public let roomy: Bool

    /// The layout for `width`×`height`, or nil when the terminal is too small.
    public init?(width: Int, height: Int) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        roomy = width >= 110 && height >= 30
        let networkHeight = roomy ? 10 : 7
        let bottomRows = 4
        network = Rect(x: 0, y: 0, width: width, height: networkHeight)
        let middleHeight = height - networkHeight - bottomRows
        let weightsWidth = roomy ? 60 : 45
        weights = Rect(x: 0, y: networkHeight, width: weightsWidth, height: middleHeight)
        chart = Rect(x: weightsWidth, y: networkHeight, width: width - weightsWidth, height: middleHeight)
        status = Rect(x: 0, y: height - bottomRows, width: width, height: 2)
        message = Rect(x: 0, y: height - 2, width: width, height: 1)
        hints = Rect(x: 0, y: height - 1, width: width, height: 1)
    }
}
