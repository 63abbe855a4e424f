import HASim

/// One run as a person can read it: what `ScenarioLibraryPinTests` keeps in
/// `Fixtures/pinned-runs/<scenario>.txt`, one `key = value` line each, so that
/// a moved pin shows as a diff naming what moved (etcd-io/raft pins its
/// behaviour the same way, as text in `testdata/*.txt`).
///
/// Every line is exact: a metric's value is Swift's shortest decimal that reads
/// back to the same `Double` bit for bit, so two values print alike only when
/// they are the same; times are exact nanoseconds written as seconds. What is
/// summarised (intervals per entity and state, events per kind and their first
/// few) is backed by the hashes the pins used before, over every interval
/// (in order and as a set) and every event, so that no change can hide in
/// what the summary leaves out. The digest and unseed come last: they move
/// with almost any change, so the lines that say what moved come first.
struct PinnedRun: Equatable {
    /// A line of the pin: `key = value`, keys unique within a run.
    struct Line: Equatable {
        var key: String
        var value: String
    }

    var seed: UInt64
    var lines: [Line]

    /// How many events of each kind are written out, in time order.
    static let eventsShownPerKind = 3

    init(seed: UInt64, lines: [Line]) {
        self.seed = seed
        self.lines = lines
    }

    init(_ run: TestRun) {
        let result = run.result
        var lines: [Line] = []
        func add(_ key: String, _ value: String) { lines.append(Line(key: key, value: value)) }

        add("metrics", "\(result.metrics.count)")
        for metric in result.metrics {
            add("metric \(metric.name) [\(metric.unit)]", Self.exact(metric.value))
        }

        add("intervals", "\(result.intervals.count)")
        for group in Self.entitiesAlike(Self.intervalSummaries(result.intervals)) {
            for state in group.states {
                add("interval \(group.label) \(state.state)", "\(state.count) x, \(Self.seconds(state.total)) in all")
            }
        }
        let intervalHashes = Self.intervalHashes(result.intervals)
        add("intervals.inOrder", hex16(intervalHashes.inOrder))
        add("intervals.asSet", hex16(intervalHashes.asSet))

        add("events", "\(result.events.count)")
        for kind in Self.kindsInFirstOrder(result.events) {
            let ofKind = result.events.filter { $0.kind == kind }
            add("event \(kind.rawValue)", "\(ofKind.count)")
            for (index, event) in ofKind.prefix(Self.eventsShownPerKind).enumerated() {
                add("event \(kind.rawValue) #\(index + 1)", "at \(Self.seconds(event.time.nanosecondsSinceStart)) \(event.entity): \(event.detail)")
            }
        }
        add("events.all", hex16(Self.eventsHash(result.events)))

        add("digest", run.digest)
        add("unseed", hex16(result.unseed))
        self.init(seed: run.seed, lines: lines)
    }

    // MARK: Exact text

    /// The shortest decimal that reads back to the same bits (Swift's
    /// `description`); a NaN, which has many bit patterns, with its bits too.
    static func exact(_ value: Double) -> String {
        value.isNaN ? "nan (bits \(hex16(value.bitPattern)))" : "\(value)"
    }

    /// Nanoseconds as seconds, exactly: `90s`, `0.25s`, `12.000000001s`.
    static func seconds(_ nanoseconds: Int64) -> String {
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        let whole = magnitude / 1_000_000_000
        let fraction = magnitude % 1_000_000_000
        guard fraction > 0 else { return "\(sign)\(whole)s" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)s"
    }

    // MARK: Summaries

    struct IntervalSummary {
        var entity: String
        var state: String
        var count: Int
        var total: Int64
    }

    /// Per entity and state, in the order each first closed: how many
    /// intervals and how long in all.
    static func intervalSummaries(_ intervals: [StateInterval]) -> [IntervalSummary] {
        var summaries: [IntervalSummary] = []
        var index: [String: Int] = [:]
        for interval in intervals {
            let key = interval.entity + "\u{0}" + interval.state
            let length = interval.end.nanosecondsSinceStart - interval.start.nanosecondsSinceStart
            if let at = index[key] {
                summaries[at].count += 1
                summaries[at].total += length
            } else {
                index[key] = summaries.count
                summaries.append(IntervalSummary(entity: interval.entity, state: interval.state, count: 1, total: length))
            }
        }
        return summaries
    }

    /// Entities whose intervals sum up alike (the same states, counts and
    /// totals), as one group: a thousand workers that stayed up all run are
    /// one line, not a thousand. A group is named by its first entity, how
    /// many more it holds and its last, in the order they first closed an
    /// interval; an entity that starts to differ leaves its group, and the
    /// diff shows it.
    struct EntitiesAlike {
        var first: String
        var last: String
        var count: Int
        var states: [(state: String, count: Int, total: Int64)]

        var label: String { count == 1 ? first : "\(first) (+\(count - 1) alike, to \(last))" }
    }

    static func entitiesAlike(_ summaries: [IntervalSummary]) -> [EntitiesAlike] {
        var entities: [String] = []
        var states: [String: [(state: String, count: Int, total: Int64)]] = [:]
        for summary in summaries {
            if states[summary.entity] == nil { entities.append(summary.entity) }
            states[summary.entity, default: []].append((summary.state, summary.count, summary.total))
        }
        var groups: [EntitiesAlike] = []
        var groupOf: [String: Int] = [:]
        for entity in entities {
            let own = states[entity]!
            let signature = own.map { "\($0.state)\u{0}\($0.count)\u{0}\($0.total)" }.joined(separator: "\u{1}")
            if let at = groupOf[signature] {
                groups[at].count += 1
                groups[at].last = entity
            } else {
                groupOf[signature] = groups.count
                groups.append(EntitiesAlike(first: entity, last: entity, count: 1, states: own))
            }
        }
        return groups
    }

    static func kindsInFirstOrder(_ events: [EventRecord]) -> [EventKind] {
        var seen: Set<EventKind> = []
        return events.map(\.kind).filter { seen.insert($0).inserted }
    }

    // MARK: Hashes behind the summaries (the pins' earlier format, unchanged)

    /// In order, and as a set (a wrapping sum of each interval's hash): a
    /// change that only reorders intervals closed at one instant moves the
    /// first and keeps the second.
    static func intervalHashes(_ intervals: [StateInterval]) -> (inOrder: UInt64, asSet: UInt64) {
        var inOrder = FNV1a.offsetBasis
        var asSet: UInt64 = 0
        for interval in intervals {
            var one = FNV1a.hash64(interval.entity + " " + interval.state)
            FNV1a.combine(&one, UInt64(bitPattern: interval.start.nanosecondsSinceStart))
            FNV1a.combine(&one, UInt64(bitPattern: interval.end.nanosecondsSinceStart))
            FNV1a.combine(&inOrder, one)
            asSet &+= one
        }
        return (inOrder, asSet)
    }

    static func eventsHash(_ events: [EventRecord]) -> UInt64 {
        var hash = FNV1a.offsetBasis
        for event in events {
            FNV1a.combine(&hash, FNV1a.hash64(event.entity + " " + event.kind.rawValue + " " + event.detail))
            FNV1a.combine(&hash, UInt64(bitPattern: event.time.nanosecondsSinceStart))
        }
        return hash
    }
}
