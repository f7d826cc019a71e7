@testable import BackpropEngine
import Testing

@Suite struct ErrorHistoryTests {
    @Test func rangesCoverEveryValueOfTheirSpan() {
        var history = ErrorHistory(exactCapacity: 100, bucketCapacity: 16)
        let values = (0 ..< 10_000).map { Double(($0 * 7_919) % 10_007) }
        values.forEach { history.append($0) }
        #expect(history.count == 10_000)
        #expect(history.latest == values.last)
        for span in [0 ..< 10_000, 0 ..< 1, 3 ..< 7, 123 ..< 4_567, 9_000 ..< 10_000, 9_999 ..< 10_000] {
            let range = history.range(span)
            #expect(range.min <= values[span].min()!)
            #expect(range.max >= values[span].max()!)
        }
        #expect(history.range(0 ..< 10_000) == ErrorRange(min: values.min()!, max: values.max()!))
    }

    @Test func exactValuesAreKeptForTheFirstIterationsAndTheLatest() {
        var history = ErrorHistory(exactCapacity: 10, bucketCapacity: 4)
        for i in 0 ..< 100 { history.append(Double(i)) }
        #expect(history.value(at: 9) == 9)
        #expect(history.value(at: 10) == nil)
        #expect(history.value(at: 99) == 99)
        #expect(history.range(3 ..< 5) == ErrorRange(min: 3, max: 4))
        #expect(history.finestBucketSize == 32)
        #expect(history.range(37 ..< 59) == ErrorRange(min: 32, max: 63), "beyond the exact values: whole finest buckets")
    }

    @Test func memoryIsBoundedWhateverTheLength() {
        var history = ErrorHistory(exactCapacity: 64, bucketCapacity: 64)
        var sizes: [Int] = []
        for i in 0 ..< 1_000_000 {
            history.append(1 / Double(i + 1))
            if i == 9_999 || i == 999_999 { sizes.append(history.retainedBytes) }
        }
        #expect(history.finestBucketSize > 1)
        #expect(history.levels[0].complete.count < 64)
        let bound = 64 * 8 + 4 * 64 * 16 + 64 * 64
        #expect(sizes[0] <= bound && sizes[1] <= bound, "\(sizes) bytes")
        #expect(history.range(0 ..< 1_000_000) == ErrorRange(min: 1e-6, max: 1))
    }

    @Test func bucketReadsPerQueryAreBoundedIndependentOfLength() {
        for length in [1_000, 1_000_000] {
            var history = ErrorHistory(exactCapacity: 0, bucketCapacity: 256)
            for i in 0 ..< length { history.append(Double(i)) }
            let columns = 200
            var reads = 0
            for column in 0 ..< columns {
                let span = (column * length / columns) ..< ((column + 1) * length / columns)
                history.forEachBucket(covering: span) { _ in reads += 1 }
            }
            #expect(reads <= columns * max(2 * history.levels.count + 1, ErrorHistory.exactReadLimit), "length \(length): \(reads) reads")
            #expect(reads <= columns * 2 * 64)
        }
    }
}
