import ResultStore

/// The timeline's rows, built from a run's `interval` rows: one lane per
/// entity, in sections, with two exceptions that keep a large run readable.
/// `cluster` holds several conditions at once, so each condition gets its own
/// lane; and workers, which come by the hundred and behave alike, are grouped
/// into one lane per zone whose segments count the workers in each state.
struct TimelineLanes {
    enum Section: Int, Comparable, CaseIterable {
        case conditions, downtime, clients, zones, hosts, etcd, apiservers, leases, access, workers, other

        static func < (a: Section, b: Section) -> Bool { a.rawValue < b.rawValue }

        var title: String {
            switch self {
            case .conditions: "cluster conditions"
            case .downtime: "downtime, attributed"
            case .clients: "clients"
            case .zones: "zones"
            case .hosts: "hosts"
            case .etcd: "etcd members"
            case .apiservers: "apiservers"
            case .leases: "leases"
            case .access: "external access"
            case .workers: "workers"
            case .other: "other"
            }
        }
    }

    /// A span of one state; in a worker group the state is the tally
    /// (`up 98, down 2`).
    struct Segment: Equatable {
        var start: Int64
        var end: Int64
        var state: String
        /// The state that picks the colour: the state itself, the one state
        /// of a uniform group, or `mixedState`.
        var colourState: String
        /// The segment's id in the page, for links to it (a downtime window).
        var anchor: String? = nil
    }

    /// A group whose members are in different states (some workers down).
    static let mixedState = "mixed"

    struct Lane {
        var key: String
        var title: String
        var section: Section
        /// 1, or how many workers a group lane stands for.
        var members: Int
        var segments: [Segment]
    }

    private(set) var lanes: [Lane]

    /// The lanes of a stored run: its intervals, then the lanes derived from
    /// several rows (docs/REPORTS.md): the downtime attribution, the clients,
    /// and the load balancer's backends seen with their hosts.
    init(run: StoredRun) {
        self.init(intervals: run.intervals)
        BackendLanes.apply(to: &lanes, runEnd: run.durationNanoseconds)
        lanes += DowntimeAttribution(rows: run.downtime).lanes
        lanes += ClientLanes.lanes(events: run.events, downtime: run.downtime, metrics: run.metrics, lanes: lanes, runEnd: run.durationNanoseconds)
        sortLanes()
    }

    /// Ready-pod counts (`pods/<workload>/<zone>`) are not lanes: they are
    /// drawn as the ready-pod chart.
    init(intervals: [StoredRun.Interval]) {
        var byKey: [String: [StoredRun.Interval]] = [:]
        for interval in intervals where !interval.entity.hasPrefix(ReadyPodChart.entityPrefix) {
            byKey[Self.laneKey(entity: interval.entity, state: interval.state), default: []].append(interval)
        }
        lanes = byKey.map { key, intervals in
            let section = Self.section(of: key)
            if section == .workers {
                let members = Set(intervals.map(\.entity)).count
                return Lane(key: key, title: "\(key) (\(members))", section: section, members: members, segments: Self.tally(intervals))
            }
            let sorted = intervals.sorted { ($0.startNanoseconds, $0.endNanoseconds) < ($1.startNanoseconds, $1.endNanoseconds) }
            let title = section == .conditions ? String(key.dropFirst("cluster/".count)) : key
            let segments = sorted.map { Segment(start: $0.startNanoseconds, end: $0.endNanoseconds, state: $0.state, colourState: $0.state) }
            return Lane(key: key, title: title, section: section, members: 1, segments: segments)
        }
        sortLanes()
    }

    /// Dictionary order never reaches the page: lanes are sorted here.
    private mutating func sortLanes() {
        lanes.sort { ($0.section, NaturalOrder(text: $0.key)) < ($1.section, NaturalOrder(text: $1.key)) }
    }

    /// The lane an interval belongs to.
    static func laneKey(entity: String, state: String) -> String {
        if entity == "cluster" { return "cluster/\(state)" }
        return workerGroup(entity) ?? entity
    }

    /// The lane an event is marked on: its entity's lane; a worker's group;
    /// for `component/host` or `clock/host` the host's lane; nil otherwise.
    func laneKey(forEvent entity: String) -> String? {
        if let group = Self.workerGroup(entity) { return group }
        if lanes.contains(where: { $0.key == entity }) { return entity }
        if let slash = entity.firstIndex(of: "/") {
            let host = String(entity[entity.index(after: slash)...])
            if lanes.contains(where: { $0.key == host }) { return host }
        }
        return nil
    }

    /// `workers/a` for `worker-a-12`; nil for any other entity.
    static func workerGroup(_ entity: String) -> String? {
        guard entity.hasPrefix("worker-"), !entity.contains("/"), let dash = entity.lastIndex(of: "-"),
            entity[entity.index(after: dash)...].allSatisfy(\.isNumber)
        else { return nil }
        let zone = entity[entity.index(entity.startIndex, offsetBy: "worker-".count)..<dash]
        return zone.isEmpty ? nil : "workers/\(zone)"
    }

    static func section(of key: String) -> Section {
        if key.hasPrefix("cluster/") { return .conditions }
        if key.hasPrefix("workers/") { return .workers }
        if key.hasPrefix("zone/") { return .zones }
        if key.hasPrefix("etcd/") { return .etcd }
        if key.hasPrefix("apiserver/") { return .apiservers }
        if key.hasPrefix("lease/") { return .leases }
        if key == "external-ip" || key == "kubernetes-service" || key.hasPrefix("lb-backend/") { return .access }
        return key.contains("/") ? .other : .hosts
    }

    /// A group's segments: between consecutive change points the number of
    /// members in each state is constant; equal neighbours are merged.
    static func tally(_ intervals: [StoredRun.Interval]) -> [Segment] {
        var changes: [(time: Int64, state: String, delta: Int)] = []
        for interval in intervals where interval.endNanoseconds > interval.startNanoseconds {
            changes.append((interval.startNanoseconds, interval.state, 1))
            changes.append((interval.endNanoseconds, interval.state, -1))
        }
        changes.sort { ($0.time, $0.delta, $0.state) < ($1.time, $1.delta, $1.state) }
        var counts: [String: Int] = [:]
        var segments: [Segment] = []
        var index = 0
        while index < changes.count {
            let time = changes[index].time
            while index < changes.count, changes[index].time == time {
                counts[changes[index].state, default: 0] += changes[index].delta
                index += 1
            }
            guard index < changes.count else { break }
            let present = counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            guard !present.isEmpty else { continue }
            let state = present.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let next = changes[index].time
            if var last = segments.last, last.state == state, last.end == time {
                last.end = next
                segments[segments.count - 1] = last
            } else {
                segments.append(Segment(start: time, end: next, state: state, colourState: present.count == 1 ? present[0].key : mixedState))
            }
        }
        return segments
    }
}

/// Orders names as people count: `worker-a-2` before `worker-a-10`.
struct NaturalOrder: Comparable {
    let parts: [Part]

    enum Part: Comparable {
        case number(Int)
        case text(String)
    }

    init(text: String) {
        var parts: [Part] = []
        var current = ""
        var inDigits = false
        for character in text {
            let digit = character.isASCII && character.isNumber
            if !current.isEmpty, digit != inDigits {
                parts.append(inDigits ? .number(Int(current) ?? 0) : .text(current))
                current = ""
            }
            inDigits = digit
            current.append(character)
        }
        if !current.isEmpty { parts.append(inDigits ? .number(Int(current) ?? 0) : .text(current)) }
        self.parts = parts
    }

    static func < (a: NaturalOrder, b: NaturalOrder) -> Bool {
        a.parts.lexicographicallyPrecedes(b.parts)
    }
}
