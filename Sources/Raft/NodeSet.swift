/// A set of node ids in `0..<64`, stored as a bitmask.
///
/// Why: etcd-io/raft keeps voters/learners in Go maps and sorts ids before
/// iterating when order matters (raft.go campaign sorts `ids`; quorum/majority.go
/// sorts match indexes). A bitmask gives the same deterministic ascending order
/// for free, never allocates, and makes vote tallies a popcount.
public struct NodeSet: Sendable, Hashable, Sequence, CustomStringConvertible {
    public static let capacity = 64
    public private(set) var bits: UInt64

    public init() { bits = 0 }
    public init<S: Sequence>(_ ids: S) where S.Element == Int {
        bits = 0
        for id in ids { insert(id) }
    }

    public var count: Int { bits.nonzeroBitCount }
    public var isEmpty: Bool { bits == 0 }

    public func contains(_ id: Int) -> Bool {
        id >= 0 && id < NodeSet.capacity && bits & (1 << UInt64(id)) != 0
    }
    public mutating func insert(_ id: Int) {
        precondition(id >= 0 && id < NodeSet.capacity, "node id \(id) out of range 0..<64")
        bits |= 1 << UInt64(id)
    }
    public mutating func remove(_ id: Int) {
        if id >= 0 && id < NodeSet.capacity { bits &= ~(1 << UInt64(id)) }
    }
    public func intersection(_ other: NodeSet) -> NodeSet { var s = self; s.bits &= other.bits; return s }
    public func union(_ other: NodeSet) -> NodeSet { var s = self; s.bits |= other.bits; return s }

    /// Ascending-id iterator; allocation free.
    public struct Iterator: IteratorProtocol {
        var rest: UInt64
        public mutating func next() -> Int? {
            guard rest != 0 else { return nil }
            let i = rest.trailingZeroBitCount
            rest &= rest &- 1
            return i
        }
    }
    public func makeIterator() -> Iterator { Iterator(rest: bits) }
    public var description: String { "{" + map(String.init).joined(separator: ",") + "}" }
}
