/// The colour of each state on the timeline. Known states have fixed colours
/// so the same state reads the same in every report: green is serving, red
/// is down or lost, amber is in between, blues are etcd roles. Free-form
/// states (a lease's holder, a service's endpoints, `direct <host>`) take
/// categorical colours in the order they first appear, so a holder keeps
/// its colour across lanes within one report.
struct StatePalette {
    static let serving = "#6abf69"
    static let lost = "#d9534f"
    static let degraded = "#f0ad4e"
    static let absent = "#e4e4e4"

    static let fixed: [String: String] = [
        "up": serving, "ready": serving, "healthy": serving, "loadBalancer": serving,
        "allMastersUp": serving, "anyMasterUp": "#a5d6a7",
        "down": lost, "unhealthy": lost, "none": lost, "unattached": lost,
        "noMasterUp": lost, "masterMajorityDown": lost, "etcdQuorumLost": lost,
        "noAPIServerReady": lost, "splitBrain": lost,
        "notReady": degraded, "anyZoneDown": degraded, "removingLoadBalancer": degraded,
        "absent": absent, TimelineLanes.mixedState: degraded,
        // Derived lanes (ClientLanes, BackendLanes, DowntimeAttribution).
        "ok": serving, "pinned": lost, "failing": lost, "not connected": degraded, "not probed": absent,
        "leader": "#1f5f9e", "follower": "#8dbde6", "preCandidate": "#f3d27a", "candidate": "#f08c2e",
    ]

    static let categorical = ["#7e9fd6", "#b39ddb", "#80cbc4", "#c5a880", "#f48fb1", "#aed581", "#90a4ae", "#ffcc80", "#9fa8da", "#bcaaa4"]

    private var assigned: [String: String] = [:]
    private var order: [String] = []

    /// The colour of `state`. Lease states joining holders with `+` are a
    /// split brain; `creatingLoadBalancer (...)` is a transition.
    mutating func colour(_ state: String) -> String {
        if let colour = Self.fixed[state] { return colour }
        if state.contains("+") { return Self.lost }
        if state.hasPrefix("creatingLoadBalancer") { return Self.degraded }
        if let colour = assigned[state] { return colour }
        let colour = Self.categorical[order.count % Self.categorical.count]
        assigned[state] = colour
        order.append(state)
        return colour
    }

    /// Text drawn on a fill must stay readable: white on the dark fills.
    static func textColour(on fill: String) -> String {
        fill == "#1f5f9e" || fill == lost ? "#ffffff" : "#1a1a1a"
    }
}
