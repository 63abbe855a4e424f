import ResultStore

/// A lane per client class: what its requests met, over time. A class of
/// one long-lived or keep-alive client records when its connection was
/// opened, reset or closed; with the lanes of the hosts and apiservers that
/// says, at every instant, whether the client was served (`ok via
/// master-b-1`), pinned to a backend whose host is dark (until client-go's
/// HTTP/2 health check closes the connection), failing on a live backend
/// that cannot serve, or not connected. Where the model attributed the
/// class's failing time (its `api.<class>` downtime), that attribution
/// names the failure.
///
/// A class of several clients, or of per-request clients (kubectl, CI: a
/// new connection per command, so no connection to follow), gets one lane
/// of its attributed downtime: `ok`, or `failing: <mechanism>`.
///
/// The classes are those with an `api.<class>.availability` metric, in the
/// order the run recorded them (its population's), and any other
/// `client/<class>` entity of the event rows (a run stored before client
/// classes), so a class the model adds gets its lane without a change here.
enum ClientLanes {
    static func lanes(
        events: [StoredRun.Event], downtime: [StoredRun.Downtime], metrics: [StoredRun.Metric], lanes: [TimelineLanes.Lane], runEnd: Int64
    ) -> [TimelineLanes.Lane] {
        let classNames = metrics.compactMap { className(ofAvailabilityMetric: $0.name) }
        let entitiesWithEvents = Set(events.lazy.filter { $0.entity.hasPrefix("client/") }.map(\.entity))
        let laneSteps = Dictionary(lanes.map { ($0.key, LaneOverlay.steps($0.segments)) }, uniquingKeysWith: { first, _ in first })
        var result: [TimelineLanes.Lane] = []
        var covered = Set<String>()
        for name in classNames {
            let entity = entity(ofClass: name)
            let members = entitiesWithEvents.filter { $0 == entity || $0.hasPrefix(entity + "/") }
            covered.formUnion(members)
            let failing = failingSteps(downtime, metric: "api.\(name)")
            if members == [entity] {
                result.append(connectionLane(entity, events: events, failing: failing, laneSteps: laneSteps, runEnd: runEnd))
            } else {
                result.append(downtimeLane(entity, failing: failing, runEnd: runEnd))
            }
        }
        // Runs stored before client classes name their clients only in events.
        for entity in entitiesWithEvents.subtracting(covered).sorted(by: { NaturalOrder(text: $0) < NaturalOrder(text: $1) }) {
            let failing = entity == "client/outside" ? failingSteps(downtime, metric: "api.external") : []
            result.append(connectionLane(entity, events: events, failing: failing, laneSteps: laneSteps, runEnd: runEnd))
        }
        return result
    }

    /// `api.<class>.availability` names a client class's availability.
    static func className(ofAvailabilityMetric name: String) -> String? {
        guard name.hasPrefix("api."), name.hasSuffix(".availability") else { return nil }
        let middle = name.dropFirst(4).dropLast(".availability".count)
        return middle.isEmpty || middle.contains(".") ? nil : String(middle)
    }

    /// The entity the model's events name a class by: the two probes keep
    /// the names they had before client classes.
    static func entity(ofClass name: String) -> String {
        switch name {
        case "external": "client/outside"
        case "incluster": "client/in-cluster"
        default: "client/\(name)"
        }
    }

    static func failingSteps(_ downtime: [StoredRun.Downtime], metric: String) -> [LaneOverlay.Step] {
        downtime.filter { $0.metric == metric }.map { LaneOverlay.Step(start: $0.startNanoseconds, end: $0.endNanoseconds, state: $0.mechanism) }
    }

    /// A lane of the class's attributed downtime alone.
    static func downtimeLane(_ entity: String, failing: [LaneOverlay.Step], runEnd: Int64) -> TimelineLanes.Lane {
        var segments: [TimelineLanes.Segment] = []
        var cursor: Int64 = 0
        for step in failing.sorted(by: { $0.start < $1.start }) where step.end > cursor {
            let start = max(step.start, cursor)
            if start > cursor { segments.append(TimelineLanes.Segment(start: cursor, end: start, state: "ok", colourState: "ok")) }
            segments.append(TimelineLanes.Segment(start: start, end: min(step.end, runEnd), state: "failing: \(step.state)", colourState: "failing"))
            cursor = min(step.end, runEnd)
        }
        if cursor < runEnd { segments.append(TimelineLanes.Segment(start: cursor, end: runEnd, state: "ok", colourState: "ok")) }
        return TimelineLanes.Lane(key: entity, title: entity, section: .clients, members: 1, segments: segments)
    }

    /// A lane of one client's connection, seen with its backend's host and apiserver.
    static func connectionLane(
        _ entity: String, events: [StoredRun.Event], failing: [LaneOverlay.Step], laneSteps: [String: [LaneOverlay.Step]], runEnd: Int64
    ) -> TimelineLanes.Lane {
        let connection = connectionSteps(events.filter { $0.entity == entity }, runEnd: runEnd)
        var points = Set<Int64>([0, runEnd])
        for step in connection + failing { points.formUnion([step.start, step.end]) }
        for host in Set(connection.map(\.state)) {
            for step in (laneSteps[host] ?? []) + (laneSteps["apiserver/" + host] ?? []) { points.formUnion([step.start, step.end]) }
        }
        let sorted = points.filter { $0 >= 0 && $0 <= runEnd }.sorted()
        var segments: [TimelineLanes.Segment] = []
        for (left, right) in zip(sorted, sorted.dropFirst()) where right > left {
            let (state, colour) = clientState(
                at: left, connection: connection, failing: failing,
                host: { laneSteps[$0].flatMap { LaneOverlay.state(of: $0, at: left) } },
                apiserver: { laneSteps["apiserver/" + $0].flatMap { LaneOverlay.state(of: $0, at: left) } })
            if var last = segments.last, last.end == left, last.state == state {
                last.end = right
                segments[segments.count - 1] = last
            } else {
                segments.append(TimelineLanes.Segment(start: left, end: right, state: state, colourState: colour))
            }
        }
        return TimelineLanes.Lane(key: entity, title: entity, section: .clients, members: 1, segments: segments)
    }

    /// When the client's connection was open, and to which host: from each
    /// `connectionOpened` to the next reset or close.
    static func connectionSteps(_ events: [StoredRun.Event], runEnd: Int64) -> [LaneOverlay.Step] {
        var steps: [LaneOverlay.Step] = []
        var open: (host: String, since: Int64)?
        for event in events {
            switch event.recordedKind {
            case .connectionOpened:
                if let current = open { steps.append(LaneOverlay.Step(start: current.since, end: event.timeNanoseconds, state: current.host)) }
                open = (event.detail, event.timeNanoseconds)
            case .connectionReset, .connectionClosed:
                if let current = open { steps.append(LaneOverlay.Step(start: current.since, end: event.timeNanoseconds, state: current.host)) }
                open = nil
            default:
                continue
            }
        }
        if let current = open { steps.append(LaneOverlay.Step(start: current.since, end: runEnd, state: current.host)) }
        return steps
    }

    /// The state shown, and the state that picks its colour.
    static func clientState(
        at time: Int64, connection: [LaneOverlay.Step], failing: [LaneOverlay.Step], host: (String) -> String?, apiserver: (String) -> String?
    ) -> (String, String) {
        let attributed = LaneOverlay.state(of: failing, at: time)
        guard let backend = LaneOverlay.state(of: connection, at: time) else {
            return attributed.map { ("failing: \($0)", "failing") } ?? ("not connected", "not connected")
        }
        let hostState = host(backend) ?? "absent"
        if hostState != "up" { return ("pinned to \(backend) (host \(hostState))", "pinned") }
        if let server = apiserver(backend), server != "ready" { return ("failing: \(backend) apiserver \(server)", "failing") }
        if let attributed { return ("failing: \(attributed)", "failing") }
        return ("ok via \(backend)", "ok")
    }
}
