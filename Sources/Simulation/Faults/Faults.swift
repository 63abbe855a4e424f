import SimKernel

/// The Faults subsystem's state: each scenario fault's random stream, what
/// each started fault resolved to (its target, or skipped) until it ends,
/// and how many faults started. Only its own methods change it.
struct Faults {
    let streams: [RandomStreams.StreamID]
    private(set) var resolved: [ResolvedFault?]
    private(set) var injected = 0
    /// The graceful stop of each `stop` or `reboot` fault that started and
    /// has not finished (its processes not yet started again).
    private(set) var stops: [GracefulStop?]
    /// A reboot's duration, drawn when it starts and counted once its host is down.
    private(set) var rebootDowntime: [SimDuration?]

    init(streams: [RandomStreams.StreamID]) {
        self.streams = streams
        resolved = Array(repeating: nil, count: streams.count)
        stops = Array(repeating: nil, count: streams.count)
        rebootDowntime = Array(repeating: nil, count: streams.count)
    }

    /// The stop of fault `index`, to change through its own methods.
    subscript(stop index: Int) -> GracefulStop? {
        get { stops[index] }
        _modify { yield &stops[index] }
    }

    /// Fault `index`'s stop starts (or, with nil, is over).
    mutating func setStop(_ index: Int, _ stop: GracefulStop?) { stops[index] = stop }

    mutating func setRebootDowntime(_ index: Int, _ downtime: SimDuration?) { rebootDowntime[index] = downtime }

    /// The fault whose stop is shutting `process` down on `host`, if any.
    func stopShuttingDown(_ process: StoppedProcess, host: Int) -> Int? {
        stops.indices.first { stops[$0]?.host == host && stops[$0]?.pending.contains(process) == true }
    }

    /// Whether a stop's processes are still shutting down (its steps are events).
    var shutdownsUnderWay: Bool { stops.contains { $0.map { !$0.pending.isEmpty } ?? false } }

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
