import ArgumentParser

/// `check --seeds 1-100,250`: the seeds a CI gate runs, as inclusive ranges
/// in the order written. Each range is simulated as a block of consecutive
/// seeds (`ParallelRuns`), and a seed written twice is refused rather than
/// run twice and counted twice in a failure fraction.
struct SeedRanges: Equatable, CustomStringConvertible {
    var ranges: [ClosedRange<UInt64>]

    /// How many seeds `--seeds` may name at once: the failing seeds of every
    /// expectation are kept for the report, so this bounds memory.
    static let maximumCount: UInt64 = 100_000

    init(_ ranges: [ClosedRange<UInt64>]) { self.ranges = ranges }

    /// `--count N --seed-from S`: N seeds from S.
    init(from first: UInt64, count: Int) {
        ranges = [first...(first + UInt64(count) - 1)]
    }

    var count: Int { ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound + 1) } }

    var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
    }

    /// The option's parser: comma-separated seeds and `FIRST-LAST` ranges,
    /// each seed from 0 to 2^63-1 (what SQLite stores).
    static func parse(_ text: String) throws -> SeedRanges {
        var ranges: [ClosedRange<UInt64>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let low = ends.first.flatMap(SeedArgument.init(argument:)), let high = ends.count == 2 ? SeedArgument(argument: ends[1]) : low else {
                throw ValidationError("\"\(part)\" is not a seed or a range; expected seeds and ranges such as 1-100 or 1-10,42, each from 0 to \(Int64.max)")
            }
            guard low.value <= high.value else {
                throw ValidationError("the range \(part) runs backwards; expected FIRST-LAST with FIRST <= LAST, such as \(high.value)-\(low.value)")
            }
            if let overlap = ranges.first(where: { $0.overlaps(low.value...high.value) }) {
                throw ValidationError("\(part) repeats seeds of \(overlap.lowerBound)-\(overlap.upperBound); expected each seed once")
            }
            ranges.append(low.value...high.value)
        }
        let total = ranges.reduce(UInt64(0)) { $0 + ($1.upperBound - $1.lowerBound) + 1 }
        guard total <= maximumCount else {
            throw ValidationError("--seeds \(text) names \(total) seeds; expected at most \(maximumCount)")
        }
        return SeedRanges(ranges)
    }
}
