/// The run's random streams: one root seed, and one stream per stable label.
///
/// Streams live here, indexed by dense ids in creation order, so that the run
/// can end with an "unseed": a value that changes if any stream was drawn a
/// different number of times.
public struct RandomStreams: Sendable {
    public let rootSeed: UInt64
    public private(set) var labels: [String] = []
    /// The labels as a set, so that the duplicate check is O(1): links and
    /// kubelets create thousands of streams. Only asked, never iterated.
    private var registered: Set<String> = []
    @usableFromInline var streams: [RandomStream] = []
    @usableFromInline var root: RandomStream

    public init(rootSeed: UInt64) {
        self.rootSeed = rootSeed
        self.root = RandomStream(seed: rootSeed)
    }

    public struct StreamID: Hashable, Sendable {
        public let index: Int
    }

    /// Registers the stream for `label`; the same label always gives the same numbers.
    public mutating func stream(_ label: String) -> StreamID {
        precondition(registered.insert(label).inserted, "random stream label used twice: \(label)")
        labels.append(label)
        streams.append(RandomStream(rootSeed: rootSeed, label: label))
        return StreamID(index: streams.count - 1)
    }

    /// Direct access for draws: `streams[id].nextUnitInterval()`.
    @inlinable public subscript(id: StreamID) -> RandomStream {
        get { streams[id.index] }
        _modify { yield &streams[id.index] }
    }

    /// One more draw from the root stream, folded with the next draw of every
    /// labelled stream in creation order. Two runs agree on it only if every
    /// stream was drawn from the same number of times (FoundationDB's "unseed"
    /// idea, extended to labelled streams).
    public func unseed() -> UInt64 {
        var rootCopy = root
        var hash = FNV1a.offsetBasis
        FNV1a.combine(&hash, rootCopy.next())
        for stream in streams {
            var copy = stream
            FNV1a.combine(&hash, copy.next())
        }
        return hash
    }
}
