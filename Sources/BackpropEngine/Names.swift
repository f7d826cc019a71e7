/// The post's names, generalised to any layers: inputs i1, i2, …; outputs o1, o2, …; one
/// hidden layer h1, h2, … as in the post; with several, h{layer}.{neuron}: h1.1, h1.2, …,
/// h2.1, … (layer 1 is the first hidden layer). Weights w1, w2, … and biases b1, b2, … in post
/// numbering.
extension Architecture {
    /// The name of neuron j (0-based) of layer l (0: the inputs).
    public func neuronName(layer l: Int, neuron j: Int) -> String {
        if l == 0 { return inputNames.flatMap { j < $0.count ? $0[j] : nil } ?? "i\(j + 1)" }
        if l == outputLayer { return "o\(j + 1)" }
        return layers.count == 3 ? "h\(j + 1)" : "h\(l).\(j + 1)"
    }

    /// Where flat weight `index` goes: into neuron `to` of `layer` from neuron `from` below.
    public func weightEnds(_ index: Int) -> (layer: Int, to: Int, from: Int) {
        var l = 1
        while weightOffset(layer: l + 1) <= index { l += 1 }
        let within = index - weightOffset(layer: l)
        return (l, within / layers[l - 1], within % layers[l - 1])
    }

    /// The layer a flat bias belongs to, and its neuron (nil: shared by the layer).
    public func biasOwner(_ index: Int) -> (layer: Int, neuron: Int?) {
        if bias == .shared { return (index + 1, nil) }
        var l = 1
        while biasOffset(layer: l + 1) <= index { l += 1 }
        return (l, index - biasOffset(layer: l))
    }

    /// "2-5-1".
    public var shapeName: String { layers.map(String.init).joined(separator: "-") }
}
