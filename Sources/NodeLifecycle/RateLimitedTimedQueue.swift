import SimKernel

/// One zone's queue of nodes waiting for a NoExecute taint, drained through a
/// rate limiter: nodelifecycle/scheduler/rate_limited_queue.go
/// `RateLimitedTimedQueue` over a `UniqueQueue`.
///
/// A node enters with `add` and stays a member after it was processed, so it is
/// not added twice, until `remove` (the controller removes it when the node is
/// Ready again, or to re-queue it). The real queue is a heap on `ProcessAt`,
/// which equals the time of `Add` unless an action asks for a retry; the model
/// has no failing actions, so the order is the order of `add`: a FIFO. Ties
/// (the same instant) keep the order of the calls.
struct RateLimitedTimedQueue: Hashable, Sendable {
    private enum Membership: Hashable, Sendable {
        case absent
        /// Waiting; `ticket` identifies the live entry in `fifo`.
        case queued(ticket: UInt64)
        /// Processed (`RemoveFromQueue`): out of the queue, still in the set.
        case processed
    }

    private struct Entry: Hashable, Sendable {
        var node: NodeID
        var ticket: UInt64
    }

    private(set) var limiter: EvictionRateLimiter
    private var membership: [Membership] = []
    /// Entries in order of `add`; an entry whose ticket no longer matches its
    /// node's membership was removed and is skipped (lazy deletion, O(1) remove).
    private var fifo: [Entry] = []
    private var head = 0
    private var nextTicket: UInt64 = 0
    private var waitingCount = 0

    init(limiter: EvictionRateLimiter) { self.limiter = limiter }

    var isEmpty: Bool { waitingCount == 0 }
    var count: Int { waitingCount }

    /// The waiting nodes, first first.
    var waiting: [NodeID] { fifo[head...].filter { isLive($0) }.map(\.node) }

    /// `Add`: false if the node is already a member (waiting or processed).
    mutating func add(_ node: NodeID) -> Bool {
        growMembership(to: node)
        guard membership[node.index] == .absent else { return false }
        membership[node.index] = .queued(ticket: nextTicket)
        fifo.append(Entry(node: node, ticket: nextTicket))
        nextTicket += 1
        waitingCount += 1
        compactIfSparse()
        return true
    }

    /// `Remove`: the node leaves the queue and the set; true if it was a member.
    @discardableResult
    mutating func remove(_ node: NodeID) -> Bool {
        guard node.index < membership.count, membership[node.index] != .absent else { return false }
        if case .queued = membership[node.index] { waitingCount -= 1 }
        membership[node.index] = .absent
        return true
    }

    /// One step of `Try`: if a node is waiting, ask the limiter for a token (the
    /// real loop takes the token before looking at the item's time), and if it
    /// grants one, hand the node out as processed. nil stops the pass.
    mutating func next(at now: SimInstant) -> NodeID? {
        dropRemovedHead()
        guard head < fifo.count else { return nil }
        guard limiter.tryAccept(at: now) else { return nil }
        let node = fifo[head].node
        head += 1
        membership[node.index] = .processed
        waitingCount -= 1
        compactIfSparse()
        return node
    }

    /// `SwapLimiter`: same QPS keeps the current bucket (and its tokens); 0 or
    /// less installs the never-limiter; otherwise a new full bucket, drained of
    /// its one token if the old limiter had none to give ("If we're currently
    /// waiting on limiter, we drain the new one"). Asking the old limiter takes
    /// its token, but it is discarded anyway.
    mutating func swapLimiter(qps newQPS: Double, burst: Int, at now: SimInstant) {
        if limiter.qps == newQPS { return }
        guard newQPS > 0 else { limiter = .never; return }
        var replacement = EvictionRateLimiter(qps: newQPS, burst: burst)
        if !limiter.tryAccept(at: now) { _ = replacement.tryAccept(at: now) }
        limiter = replacement
    }

    private func isLive(_ entry: Entry) -> Bool {
        membership[entry.node.index] == .queued(ticket: entry.ticket)
    }

    private mutating func dropRemovedHead() {
        while head < fifo.count, !isLive(fifo[head]) { head += 1 }
    }

    private mutating func growMembership(to node: NodeID) {
        if node.index >= membership.count {
            membership.append(contentsOf: repeatElement(.absent, count: node.index + 1 - membership.count))
        }
    }

    /// Drops removed entries once they outnumber the waiting ones, so that the
    /// remove-and-add of every monitor pass does not grow the array without bound.
    private mutating func compactIfSparse() {
        let consumedPrefixIsLarge = head > 1024 && head * 2 > fifo.count
        if consumedPrefixIsLarge || fifo.count - head > 2 * waitingCount + 64 {
            fifo = fifo[head...].filter(isLive)
            head = 0
        }
    }
}
