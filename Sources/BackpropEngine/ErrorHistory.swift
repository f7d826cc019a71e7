/// The lowest and highest E_total over a span of iterations.
public struct ErrorRange: Sendable, Equatable {
    public var min: Double
    public var max: Double

    public static let empty = ErrorRange(min: .infinity, max: -.infinity)

    public init(min: Double, max: Double) {
        self.min = min
        self.max = max
    }

    public var isEmpty: Bool { min > max }

    @inline(__always)
    mutating func include(_ value: Double) {
        min = Swift.min(min, value)
        max = Swift.max(max, value)
    }

    mutating func include(_ other: ErrorRange) {
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }
}

/// E_total(0), E_total(1), … in bounded memory: every value of the first `exactCapacity`
/// iterations, the latest value, and min/max buckets at power-of-two resolutions.
///
/// Level k holds buckets of `finestBucketSize · 2^k` iterations. When the finest level
/// reaches `bucketCapacity` buckets it is dropped and the next level becomes the finest,
/// so memory stays below `exactCapacity` values plus `2 · bucketCapacity` buckets however
/// long training runs. A range query reads at most two buckets per level whatever the length.
public struct ErrorHistory: Sendable {
    struct Level: Sendable {
        var complete: [ErrorRange] = []
        var open = ErrorRange.empty
        var openCount = 0
    }

    /// Spans this short inside the exact values are read value by value.
    static let exactReadLimit = 64

    public let exactCapacity: Int
    public let bucketCapacity: Int
    /// E_total of iterations 0 ..< exact.count, at full precision.
    public private(set) var exact: [Double] = []
    /// How many iterations have been recorded.
    public private(set) var count = 0
    /// E_total of the most recent iteration.
    public private(set) var latest = Double.nan
    /// Iterations per bucket at the finest level kept.
    public private(set) var finestBucketSize: Int
    private(set) var levels = [Level()]
    /// The finest level's open bucket, kept outside `levels` so that recording an error
    /// touches only scalars; `levels[0].open` takes it over when the bucket closes.
    private var finestOpen = ErrorRange.empty
    private var finestOpenCount = 0

    public init(exactCapacity: Int = 1 << 20, bucketCapacity: Int = 1 << 16, initialBucketSize: Int = 16) {
        precondition(exactCapacity >= 0 && bucketCapacity >= 2 && bucketCapacity % 2 == 0 && initialBucketSize >= 1)
        self.exactCapacity = exactCapacity
        self.bucketCapacity = bucketCapacity
        finestBucketSize = initialBucketSize
    }

    /// Records E_total of the next iteration.
    public mutating func append(_ error: Double) {
        withUnsafePointer(to: error) { append(contentsOf: UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Records E_total of the next `errors.count` iterations; training hands them over in
    /// blocks, so the per-iteration cost is a store.
    public mutating func append(contentsOf errors: UnsafeBufferPointer<Double>) {
        guard let last = errors.last else { return }
        let exactPart = min(errors.count, max(0, exactCapacity - count))
        if exactPart > 0 {
            if exact.count + exactPart > exact.capacity {
                exact.reserveCapacity(min(exactCapacity, max(1_024, 2 * exact.capacity, exact.count + exactPart)))
            }
            exact.append(contentsOf: errors[0 ..< exactPart])
        }
        var index = 0
        while index < errors.count {
            let take = min(finestBucketSize - finestOpenCount, errors.count - index)
            var lowest = finestOpen.min, highest = finestOpen.max
            for error in errors[index ..< index + take] {
                lowest = error < lowest ? error : lowest
                highest = error > highest ? error : highest
            }
            finestOpen = ErrorRange(min: lowest, max: highest)
            finestOpenCount += take
            index += take
            if finestOpenCount == finestBucketSize { closeFinestBucket() }
        }
        latest = last
        count += errors.count
    }

    /// Replaces the latest iteration's E_total (after an edit of the network). Buckets keep
    /// both values: their min..max still covers every error the iteration has shown.
    public mutating func replaceLatest(_ error: Double) {
        guard count > 0 else { return }
        let last = count - 1
        latest = error
        if last < exact.count { exact[last] = error }
        if finestOpenCount > 0 { finestOpen.include(error) }
        for level in levels.indices {
            let index = last / (finestBucketSize << level)
            if index < levels[level].complete.count {
                levels[level].complete[index].include(error)
            } else {
                levels[level].open.include(error)
            }
        }
    }

    /// E_total at `iteration` when it is still held exactly (the first `exactCapacity`
    /// iterations and the latest one).
    public func value(at iteration: Int) -> Double? {
        if iteration == count - 1 { return latest }
        return iteration >= 0 && iteration < exact.count ? exact[iteration] : nil
    }

    /// The min and max of E_total over `iterations`, exact to the finest bucket size kept
    /// and exact to the iteration where the values are still held: the span is cut into
    /// aligned buckets, at most two per level, and its ragged ends are read value by value.
    public func range(_ iterations: Range<Int>) -> ErrorRange {
        var result = ErrorRange.empty
        forEachBucket(covering: iterations) { result.include($0) }
        return result
    }

    /// The bytes held by the stored values and buckets.
    public var retainedBytes: Int {
        exact.capacity * MemoryLayout<Double>.stride
            + levels.reduce(0) { $0 + $1.complete.capacity * MemoryLayout<ErrorRange>.stride }
            + levels.count * MemoryLayout<Level>.stride
    }

    func forEachBucket(covering iterations: Range<Int>, _ body: (ErrorRange) -> Void) {
        let span = iterations.clamped(to: 0 ..< count)
        guard !span.isEmpty else { return }
        func readExactly(_ part: Range<Int>) -> Bool {
            guard part.upperBound <= exact.count else { return false }
            for i in part { body(ErrorRange(min: exact[i], max: exact[i])) }
            return true
        }
        if span.count <= Self.exactReadLimit, readExactly(span) { return }
        let finest = finestBucketSize
        var lower = span.lowerBound, upper = span.upperBound
        let head = lower ..< min(upper, (lower + finest - 1) / finest * finest)
        if !head.isEmpty, readExactly(head) { lower = head.upperBound }
        let tail = max(lower, upper / finest * finest) ..< upper
        if !tail.isEmpty, readExactly(tail) { upper = tail.lowerBound }
        var position = lower / finest * finest
        let end = (upper + finest - 1) / finest * finest
        var widest = 0
        while widest + 1 < levels.count, finest << (widest + 1) <= end - position { widest += 1 }
        while position < end {
            guard position / finest < levels[0].complete.count else {
                body(finestOpen)
                return
            }
            var level = widest
            while level > 0 {
                let size = finest << level
                if position % size == 0, position + size <= end, position / size < levels[level].complete.count { break }
                level -= 1
            }
            body(levels[level].complete[position / (finest << level)])
            position += finest << level
        }
    }

    private mutating func closeFinestBucket() {
        levels[0].open = finestOpen
        finestOpen = .empty
        finestOpenCount = 0
        var level = 0
        while true {
            let bucket = levels[level].open
            levels[level].complete.append(bucket)
            levels[level].open = .empty
            levels[level].openCount = 0
            if level + 1 == levels.count { levels.append(Level()) }
            levels[level + 1].open.include(bucket)
            levels[level + 1].openCount += 1
            if levels[level + 1].openCount < 2 { break }
            level += 1
        }
        if levels[0].complete.count == bucketCapacity { coarsen() }
    }

    /// Drops the finest level; the next one, with buckets twice as wide, takes its place.
    private mutating func coarsen() {
        levels.removeFirst()
        finestOpen = levels[0].open
        finestOpenCount = levels[0].openCount * finestBucketSize
        levels[0].open = .empty
        levels[0].openCount = 0
        finestBucketSize *= 2
        levels[0].complete.reserveCapacity(bucketCapacity)
    }
}
