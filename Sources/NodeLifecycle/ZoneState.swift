/// A zone's health as the controller sees it (node_lifecycle_controller.go `ZoneState`).
public enum ZoneState: String, Hashable, Sendable {
    /// A zone first seen, before its first handleDisruption.
    case initial = "Initial"
    case normal = "Normal"
    /// At least `unhealthyZoneThreshold` of the nodes, and more than 2, not ready.
    case partialDisruption = "PartialDisruption"
    /// No ready node.
    case fullDisruption = "FullDisruption"

    /// node_lifecycle_controller.go `ComputeZoneState`: a node counts as ready only
    /// with Ready=True (a node without a Ready condition counts as not ready).
    /// The fraction is compared in float32, as the real code does.
    public static func compute(readyNodes: Int, notReadyNodes: Int, unhealthyZoneThreshold: Float) -> ZoneState {
        if readyNodes == 0 && notReadyNodes > 0 { return .fullDisruption }
        if notReadyNodes > 2 && Float(notReadyNodes) / Float(notReadyNodes + readyNodes) >= unhealthyZoneThreshold {
            return .partialDisruption
        }
        return .normal
    }
}
