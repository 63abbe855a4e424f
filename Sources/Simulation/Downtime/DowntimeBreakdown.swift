import SimKernel

/// One run's downtime of one condition: the total and its parts by
/// mechanism and cause, largest first (ties by mechanism, then cause, so
/// the order is a function of the intervals alone).
public struct DowntimeBreakdown: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var mechanism: String
        public var cause: String
        public var seconds: Double
    }

    public var condition: DowntimeCondition
    public var seconds: Double
    public var parts: [Part]

    /// The breakdown of every condition that failed at all, in
    /// `DowntimeCondition` order. Interval lengths are summed in integer
    /// nanoseconds, so the order of the intervals does not change a bit.
    public static func of(_ intervals: [DowntimeInterval]) -> [DowntimeBreakdown] {
        DowntimeCondition.allCases.compactMap { condition in
            var nanoseconds: [String: Int64] = [:]
            var keys: [(mechanism: String, cause: String)] = []
            var total: Int64 = 0
            for interval in intervals where interval.metric == condition.rawValue {
                let key = interval.mechanism + "\u{0}" + interval.cause
                if nanoseconds[key] == nil { keys.append((interval.mechanism, interval.cause)) }
                let length = (interval.end - interval.start).nanoseconds
                nanoseconds[key, default: 0] += length
                total += length
            }
            guard !keys.isEmpty else { return nil }
            let parts = keys.map { Part(mechanism: $0.mechanism, cause: $0.cause, seconds: Double(nanoseconds[$0.mechanism + "\u{0}" + $0.cause]!) / 1e9) }
                .sorted { ($1.seconds, $0.mechanism, $0.cause) < ($0.seconds, $1.mechanism, $1.cause) }
            return DowntimeBreakdown(condition: condition, seconds: Double(total) / 1e9, parts: parts)
        }
    }
}
