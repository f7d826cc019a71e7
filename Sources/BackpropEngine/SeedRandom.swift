/// A source of uniform doubles in [0, 1), which Playground's generators draw from.
public protocol UnitRandom {
    mutating func unit() -> Double
}

extension SplitMix64: UnitRandom {
    /// The top 53 bits as a fraction.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// seedrandom 2.4 (davidbau/seedrandom), the generator TensorFlow Playground seeds from its
/// link's `seed`: RC4 keyed by the seed's UTF-16 units, its first 256 bytes dropped. A double
/// takes six bytes and as many more as its 52 fraction bits need, so the same seed gives the
/// same doubles as in a browser.
public struct SeedRandom: UnitRandom, Sendable {
    private var s = Array(0 ..< 256), i = 0, j = 0

    public init(seed: String) {
        // The key: each unit added to a smear of the key byte it lands on, once the seed wraps.
        var key: [Int] = [], smear = 0
        for (n, unit) in seed.utf16.enumerated() {
            let k = n & 255
            if k < key.count { smear ^= key[k] * 19 }
            let byte = 255 & (smear + Int(unit))
            if k < key.count { key[k] = byte } else { key.append(byte) }
        }
        if key.isEmpty { key = [0] }
        var j = 0
        for i in 0 ..< 256 {
            j = (j + key[i % key.count] + s[i]) & 255
            s.swapAt(i, j)
        }
        for _ in 0 ..< 256 { _ = byte() }
    }

    private mutating func byte() -> Int {
        i = (i + 1) & 255
        j = (j + s[i]) & 255
        s.swapAt(i, j)
        return s[(s[i] + s[j]) & 255]
    }

    public mutating func unit() -> Double {
        var n = 0.0
        for _ in 0 ..< 6 { n = n * 256 + Double(byte()) }
        var d = 0x1p48, x = 0.0
        while n < 0x1p52 {
            n = (n + x) * 256
            d *= 256
            x = Double(byte())
        }
        while n >= 0x1p53 {
            n /= 2
            d /= 2
            x = (x / 2).rounded(.down)
        }
        return (n + x) / d
    }
}

extension Array {
    /// Playground's shuffle (Fisher–Yates from the end, an index drawn before each swap).
    public mutating func playgroundShuffle<R: UnitRandom>(using random: inout R) {
        var counter = count
        while counter > 0 {
            let index = Int((random.unit() * Double(counter)).rounded(.down))
            counter -= 1
            swapAt(counter, index)
        }
    }
}
