import BackpropEngine

/// Starts the full-screen view.
func runInteractive(start: Network, settings: TrainingSettings) throws {
    throw InputError("the interactive UI is not built yet; use --headless")
}
