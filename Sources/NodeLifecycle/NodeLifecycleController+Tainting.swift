import SimKernel

extension NodeLifecycleController {
    /// node_lifecycle_controller.go `doNoExecuteTaintingPass`, run every
    /// `noExecuteTaintingPeriod` (100 ms): each zone's queue hands out nodes
    /// while its limiter has tokens (`RateLimitedTimedQueue.Try`), and each node
    /// gets the taint of its current Ready status, the opposite one removed. A
    /// node that is gone is dropped; one that is Ready again is dropped too, but
    /// it has used a token. Zones go in index order (the real code: map order;
    /// the zones' queues are independent, so only the order of `changes` differs).
    public mutating func processTaintQueues(at now: SimInstant, nodes: inout NodeStore) -> [NodeLifecycleChange] {
        var changes: [NodeLifecycleChange] = []
        for zone in tainters.indices where tainters[zone] != nil {
            while let id = tainters[zone]!.next(at: now) {
                let node = nodes[id]
                // Deleted: "Node no longer present in nodeLister" -> done. A queued
                // node always has a Ready condition (it was queued on one, and a
                // condition is never removed), so the real 50 ms retry for a
                // missing one cannot happen here.
                guard !node.isDeleted, let ready = node.ready else { continue }
                switch ready.status {
                case .notReady: swapTaint(to: .notReady, on: id, at: now, nodes: &nodes, changes: &changes)
                case .unknown: swapTaint(to: .unreachable, on: id, at: now, nodes: &nodes, changes: &changes)
                case .ready: continue  // "it's ready now. Ignoring taint request"
                }
            }
        }
        return changes
    }
}
