@testable import NodeLifecycle
import SimKernel
import Testing

/// client-go util/flowcontrol throttle.go (token bucket over x/time/rate, and
/// fakeNeverRateLimiter) and nodelifecycle/scheduler/rate_limited_queue.go.
@Suite struct RateLimiterTests {
    // `#expect` cannot call a mutating method on its operand, so these do it.
    private func take(_ bucket: inout TokenBucket, at t: Double) -> Bool { bucket.tryAccept(at: seconds(t)) }
    private func next(_ queue: inout RateLimitedTimedQueue, at t: Double) -> NodeID? { queue.next(at: seconds(t)) }
    private func add(_ queue: inout RateLimitedTimedQueue, _ n: Int) -> Bool { queue.add(NodeID(n)) }
    private func remove(_ queue: inout RateLimitedTimedQueue, _ n: Int) -> Bool { queue.remove(NodeID(n)) }

    /// NewTokenBucketRateLimiter(0.1, 1): starts full, so one call passes at once,
    /// then one per 1/qps = 10 s.
    @Test func tokenBucketOfBurstOneStartsFullAndRefillsAtQPS() {
        var bucket = TokenBucket(qps: 0.1, burst: 1)
        #expect(bucket.interval == .seconds(10))
        #expect(take(&bucket, at: 5))
        #expect(!take(&bucket, at: 5))
        #expect(!take(&bucket, at: 14.9))
        #expect(take(&bucket, at: 15))
        // Idle time fills the bucket up to its burst only: one token, not three.
        #expect(take(&bucket, at: 100))
        #expect(!take(&bucket, at: 100))
    }

    @Test func tokenBucketHoldsAtMostBurstTokens() {
        var bucket = TokenBucket(qps: 1, burst: 3)
        let burst = (0..<4).map { _ in bucket.tryAccept(at: seconds(10)) }
        #expect(burst == [true, true, true, false])
        #expect(take(&bucket, at: 11))
        #expect(!take(&bucket, at: 11.5))
    }

    /// RateLimitedTimedQueue.SwapLimiter: a new bucket is drained when the old
    /// limiter has no token to give, full when it has one; the same QPS keeps the
    /// current bucket; rate 0 installs the never-limiter.
    @Test func swapLimiterDrainsTheNewBucketOnlyIfTheOldOneWasEmpty() {
        var used = RateLimitedTimedQueue(limiter: EvictionRateLimiter(qps: 0.1, burst: 1))
        _ = used.add(NodeID(0))
        _ = used.add(NodeID(1))
        #expect(next(&used, at: 0) == NodeID(0))
        used.swapLimiter(qps: 0.01, burst: 1, at: seconds(1))
        #expect(next(&used, at: 1) == nil)
        #expect(next(&used, at: 100.9) == nil)
        #expect(next(&used, at: 101) == NodeID(1))

        var fresh = RateLimitedTimedQueue(limiter: EvictionRateLimiter(qps: 0.1, burst: 1))
        fresh.swapLimiter(qps: 0.01, burst: 1, at: seconds(1))
        _ = fresh.add(NodeID(0))
        #expect(next(&fresh, at: 1) == NodeID(0))

        var same = RateLimitedTimedQueue(limiter: EvictionRateLimiter(qps: 0.1, burst: 1))
        _ = same.add(NodeID(0))
        _ = same.add(NodeID(1))
        #expect(next(&same, at: 0) == NodeID(0))
        same.swapLimiter(qps: 0.1, burst: 1, at: seconds(0))
        #expect(next(&same, at: 0) == nil)  // still the spent bucket

        same.swapLimiter(qps: 0, burst: 1, at: seconds(50))
        #expect(same.limiter == .never)
        #expect(next(&same, at: 1000) == nil)
    }

    /// fakeNeverRateLimiter.QPS() returns 1, so SwapLimiter(1) from the
    /// never-limiter is taken for "same QPS" and leaves tainting stopped.
    @Test func neverLimiterReportsQPSOne() {
        var queue = RateLimitedTimedQueue(limiter: .never)
        queue.swapLimiter(qps: 1, burst: 1, at: .start)
        #expect(queue.limiter == .never)
        queue.swapLimiter(qps: 2, burst: 1, at: .start)
        #expect(queue.limiter != .never)
    }

    /// UniqueQueue: a processed node stays in the set, so adding it again is a
    /// no-op until it is removed; remove-then-add puts it at the back.
    @Test func uniqueQueueMembership() {
        var queue = RateLimitedTimedQueue(limiter: EvictionRateLimiter(qps: 1000, burst: 1000))
        #expect(add(&queue, 3) && add(&queue, 1) && add(&queue, 2))
        #expect(!add(&queue, 1))
        queue.remove(NodeID(3))
        #expect(add(&queue, 3))
        #expect(queue.waiting == [NodeID(1), NodeID(2), NodeID(3)])
        #expect(next(&queue, at: 0) == NodeID(1))
        #expect(!add(&queue, 1))  // processed, still a member
        #expect(remove(&queue, 1))
        #expect(add(&queue, 1))
        #expect(queue.waiting == [NodeID(2), NodeID(3), NodeID(1)])
        // Many remove/add rounds keep the order and the membership right.
        for _ in 0..<500 {
            for n in [2, 3, 1] { queue.remove(NodeID(n)); _ = queue.add(NodeID(n)) }
        }
        #expect(queue.waiting == [NodeID(2), NodeID(3), NodeID(1)])
    }
}
