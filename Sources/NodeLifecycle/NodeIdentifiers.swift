/// A node, by its dense index in `NodeStore.nodes`. Dense integer ids keep every
/// iteration in a fixed order (DESIGN.md §2: no hash-order iteration).
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    public var description: String { "node-\(index)" }
}

/// A failure zone (the node's `topology.kubernetes.io/zone` label, read by
/// `nodetopology.GetZoneKey`), by a dense index chosen by the caller. The
/// controller visits zones in index order where the real code walks a Go map.
public struct ZoneID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: ZoneID, b: ZoneID) -> Bool { a.index < b.index }
    public var description: String { "zone-\(index)" }
}
