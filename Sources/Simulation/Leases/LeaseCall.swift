/// One request of client-go's tryAcquireOrRenew in flight to the local
/// apiserver (kubernetes/client-go tools/leaderelection/leaderelection.go):
/// the leader's optimistic Update, the Get of the slow path, or the Update
/// that follows it. The candidate waits for it: no try runs meanwhile.
struct LeaseCall {
    enum Step: Equatable {
        /// "fast path for the leader to update optimistically assuming that
        /// the record observed last time is the current version": an Update
        /// carrying the version it observed.
        case optimisticUpdate(expectedVersion: Int)
        /// The Get that starts the slow path.
        case get
        /// The Update after a Get; it carries the version read, so a record
        /// changed in between fails it with a conflict (optimistic concurrency
        /// on the object's resourceVersion).
        case update(readVersion: Int)
    }

    let step: Step
    /// Tags the event that ends the call; a call ended or abandoned earlier
    /// leaves a stale event behind, dropped by its id.
    let id: Int
    /// The monotonic reading at which the caller gives up: the client's
    /// timeout, within renew() also the poll's RenewDeadline.
    let deadline: Int64
    /// Whether an answer is on its way; false when the apiserver hangs and
    /// the call ends at its deadline.
    let answered: Bool
}
