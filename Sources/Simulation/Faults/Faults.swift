import SimKernel

/// The Faults subsystem's state: each scenario fault's random stream, what
/// each started fault resolved to (its target, or skipped) until it ends,
/// and how many faults started. Only its own methods change it.
struct Faults {
    let streams: [RandomStreams.StreamID]
    private(set) var resolved: [ResolvedFault?]
    private(set) var injected = 0

    init(streams: [RandomStreams.StreamID]) {
        self.streams = streams
        resolved = Array(repeating: nil, count: streams.count)
    }

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
