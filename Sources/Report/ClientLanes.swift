import ResultStore

/// A lane per client class: what its requests met, over time. The model's
/// clients hold one long-lived connection each (client-go's HTTP/2) and
/// record when it was opened, reset or closed; with the lanes of the hosts
/// and apiservers that says, at every instant, whether the client was
/// served (`ok via master-b-1`), pinned to a backend whose host is dark
/// (until client-go's HTTP/2 health check closes the connection), failing
/// on a live backend that cannot serve, or not connected. Where the model
/// attributed a class's failing time (the outside client's `api.external`
/// downtime), that attribution names the failure.
///
/// Client classes are the `client/<class>` entities of the event rows, so a
/// class the model adds gets its lane without a change here; `classes`
/// lists what is known of each (its title and its downtime condition).
enum ClientLanes {
    struct ClientClass {
        var entity: String
        var downtimeMetric: String?
    }

    static let classes = [
        ClientClass(entity: "client/outside", downtimeMetric: "api.external"),
        ClientClass(entity: "client/in-cluster", downtimeMetric: nil),
    ]

    static func lanes(events: [StoredRun.Event], downtime: [StoredRun.Downtime], lanes: [TimelineLanes.Lane], runEnd: Int64) -> [TimelineLanes.Lane] {
        let entities = Set(events.lazy.filter { $0.entity.hasPrefix("client/") }.map(\.entity)).sorted { NaturalOrder(text: $0) < NaturalOrder(text: $1) }
        let laneSteps = Dictionary(lanes.map { ($0.key, LaneOverlay.steps($0.segments)) }, uniquingKeysWith: { first, _ in first })
        return entities.map { entity in
            let known = classes.first { $0.entity == entity }
            let connection = connectionSteps(events.filter { $0.entity == entity }, runEnd: runEnd)
            let failing = downtime.filter { $0.metric == known?.downtimeMetric }
                .map { LaneOverlay.Step(start: $0.startNanoseconds, end: $0.endNanoseconds, state: $0.mechanism) }
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
