import SimKernel

/// One run's downtime of one condition: the total and its parts by
/// mechanism and causes, largest first (ties by mechanism, then the causes'
/// text, then first appearance, so the order is a function of the
/// intervals alone). Parts are told apart by the causes' fields, so two
/// scheduled faults of one kind on one target stay two parts.
public struct DowntimeBreakdown: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var mechanism: String
        public var causes: [DowntimeCause]
        public var seconds: Double

        /// The causes as printed: `DowntimeInterval.cause`.
        public var cause: String { DowntimeCause.text(of: causes) }
    }

    struct Key: Hashable {
        var mechanism: String
        var causes: [DowntimeCause]
    }

    public var condition: DowntimeCondition
    public var seconds: Double
    public var parts: [Part]

    /// The breakdown of every condition that failed at all, in
    /// `DowntimeCondition` order. Interval lengths are summed in integer
    /// nanoseconds, so the order of the intervals does not change a bit.
    public static func of(_ intervals: [DowntimeInterval]) -> [DowntimeBreakdown] {
        DowntimeCondition.named(in: intervals).compactMap { condition in
            var nanoseconds: [Key: Int64] = [:]
            var keys: [Key] = []
            var total: Int64 = 0
            for interval in intervals where interval.metric == condition.rawValue {
                let key = Key(mechanism: interval.mechanism, causes: interval.causes)
                if nanoseconds[key] == nil { keys.append(key) }
                let length = (interval.end - interval.start).nanoseconds
                nanoseconds[key, default: 0] += length
                total += length
            }
            guard !keys.isEmpty else { return nil }
            let parts = keys.enumerated().map { (first: $0.offset, part: Part(mechanism: $0.element.mechanism, causes: $0.element.causes, seconds: Double(nanoseconds[$0.element]!) / 1e9)) }
                .sorted { ($1.part.seconds, $0.part.mechanism, $0.part.cause, $0.first) < ($0.part.seconds, $1.part.mechanism, $1.part.cause, $1.first) }
                .map(\.part)
            return DowntimeBreakdown(condition: condition, seconds: Double(total) / 1e9, parts: parts)
        }
    }
}
