/// The load balancer's backends as a reader should see them. The model
/// records a backend's health as the load balancer judges it, and without
/// a health check (the GCE scripts' target pool has none) that is "healthy"
/// forever, even while the host is dark or after it was removed; a master
/// added by an operation has no backend rows until its first probe. Here
/// every master that exists at some point (it has an apiserver lane) gets a
/// backend lane, and where its host is not up the host's state wins.
enum BackendLanes {
    static let prefix = "lb-backend/"

    static func apply(to lanes: inout [TimelineLanes.Lane], runEnd: Int64) {
        let masters = lanes.filter { $0.key.hasPrefix("apiserver/") }.map { String($0.key.dropFirst("apiserver/".count)) }
        guard lanes.contains(where: { $0.key.hasPrefix(prefix) }) else { return }
        for master in masters {
            let host = lanes.first { $0.key == master }.map { LaneOverlay.steps($0.segments) } ?? []
            let index = lanes.firstIndex { $0.key == prefix + master }
            let backend = index.map { LaneOverlay.steps(lanes[$0].segments) } ?? []
            let segments = LaneOverlay.combine(host, backend, from: 0, to: runEnd) { host, backend in
                switch host {
                case nil, "absent": return ("absent", "absent")
                case "up": return backend.map { ($0, $0) } ?? ("not probed", "not probed")
                case let state?: return ("host \(state)", "down")
                }
            }
            let lane = TimelineLanes.Lane(key: prefix + master, title: prefix + master, section: .access, members: 1, segments: segments)
            if let index { lanes[index] = lane } else { lanes.append(lane) }
        }
    }
}
