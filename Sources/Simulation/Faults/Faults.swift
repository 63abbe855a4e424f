import SimKernel

/// The Faults subsystem's state: each scenario fault's random stream, what
/// each started fault resolved to (its target, or skipped) until it ends,
/// and how many faults started. Only its own methods change it.
struct Faults {
    let streams: [RandomStreams.StreamID]
    private(set) var resolved: [ResolvedFault?]
    private(set) var injected = 0
    /// The graceful stops that started and have not finished (their
    /// processes not yet started again, or their master not yet deleted),
    /// in start order.
    private(set) var stops: [(owner: StopOwner, stop: GracefulStop)] = []
    /// A reboot's duration, drawn when it starts and counted once its host is down.
    private(set) var rebootDowntime: [SimDuration?]

    init(streams: [RandomStreams.StreamID]) {
        self.streams = streams
        resolved = Array(repeating: nil, count: streams.count)
        rebootDowntime = Array(repeating: nil, count: streams.count)
    }

    /// The stop `owner` asked for, to change through its own methods.
    subscript(stop owner: StopOwner) -> GracefulStop? {
        get { stops.first { $0.owner == owner }?.stop }
        _modify {
            let index = stops.firstIndex { $0.owner == owner }
            var stop = index.map { stops[$0].stop }
            yield &stop
            if let index, let stop { stops[index].stop = stop }
        }
    }

    /// `owner`'s stop starts.
    mutating func addStop(_ stop: GracefulStop, for owner: StopOwner) { stops.append((owner, stop)) }

    /// `owner`'s stop is over.
    mutating func removeStop(for owner: StopOwner) { stops.removeAll { $0.owner == owner } }

    mutating func setRebootDowntime(_ index: Int, _ downtime: SimDuration?) { rebootDowntime[index] = downtime }

    /// The stop shutting `process` down on `host`, if any.
    func stopShuttingDown(_ process: StoppedProcess, host: Int) -> StopOwner? {
        stops.first { $0.stop.host == host && $0.stop.pending.contains(process) }?.owner
    }

    /// Whether a stop's processes are still shutting down (its steps are events).
    var shutdownsUnderWay: Bool { stops.contains { !$0.stop.pending.isEmpty } }

    /// Fault `index` started, resolved to `target`; a skipped one (no
    /// target) is not counted as injected.
    mutating func start(_ index: Int, as target: ResolvedFault) {
        resolved[index] = target
        if case .skipped = target { return }
        injected += 1
    }

    /// Fault `index` ended: what it had resolved to, if it was active.
    mutating func end(_ index: Int) -> ResolvedFault? {
        defer { resolved[index] = nil }
        return resolved[index]
    }
}
