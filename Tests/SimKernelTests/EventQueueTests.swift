import SimKernel
import Testing

/// A minimal event for kernel tests: its trace code is its label.
struct Tagged: TraceableEvent, Equatable {
    var label: UInt64
    var traceCode: UInt64 { label }
}

@Suite struct EventQueueTests {
    func drain(_ queue: inout EventQueue<Tagged>, until limit: SimInstant = SimInstant(.days(1))) -> [UInt64] {
        var labels: [UInt64] = []
        while let item = queue.next(until: limit) { labels.append(item.event.label) }
        return labels
    }

    @Test func eventsAtTheSameInstantRunInInsertionOrder() {
        var queue = EventQueue<Tagged>()
        let t = SimInstant(.seconds(5))
        // Enough equal-time events that a heap's own order would differ from insertion order.
        for label in 0..<100 { queue.schedule(Tagged(label: UInt64(label)), at: t) }
        #expect(drain(&queue) == Array(0..<100))
    }

    @Test func eventsRunInTimeOrderThenSequence() {
        var queue = EventQueue<Tagged>()
        queue.schedule(Tagged(label: 1), at: SimInstant(.seconds(3)))
        queue.schedule(Tagged(label: 2), at: SimInstant(.seconds(1)))
        queue.schedule(Tagged(label: 3), at: SimInstant(.seconds(3)))
        queue.schedule(Tagged(label: 4), at: SimInstant(.seconds(2)))
        #expect(drain(&queue) == [2, 4, 1, 3])
        #expect(queue.now == SimInstant(.days(1)))
    }

    @Test func theClockStopsAtTheLimitAndLaterEventsWait() {
        var queue = EventQueue<Tagged>()
        queue.schedule(Tagged(label: 1), at: SimInstant(.seconds(1)))
        queue.schedule(Tagged(label: 2), at: SimInstant(.seconds(10)))
        #expect(drain(&queue, until: SimInstant(.seconds(5))) == [1])
        #expect(queue.now == SimInstant(.seconds(5)))
        #expect(queue.pendingCount == 1)
        queue.schedule(Tagged(label: 3), after: .seconds(1))
        #expect(drain(&queue) == [3, 2])
    }

    @Test func theDigestFollowsTheDispatchedTrace() {
        func digest(_ labels: [UInt64]) -> UInt64 {
            var queue = EventQueue<Tagged>()
            for (i, label) in labels.enumerated() { queue.schedule(Tagged(label: label), at: SimInstant(.seconds(Int64(i)))) }
            _ = drain(&queue)
            return queue.digest
        }
        #expect(digest([1, 2, 3]) == digest([1, 2, 3]))
        #expect(digest([1, 2, 3]) != digest([1, 3, 2]))
        #expect(digest([1, 2, 3]) != digest([1, 2]))
    }

    @Test func staleTimerEventsAreRecognisedAndDropped() {
        var queue = EventQueue<Tagged>()
        var timers = TimerGenerations(slots: 2)
        // Timer 0 is armed for 10 s, then re-armed for 4 s: the 10 s event is stale.
        let first = timers.arm(0)
        queue.schedule(Tagged(label: UInt64(first)), at: SimInstant(.seconds(10)))
        let second = timers.arm(0)
        queue.schedule(Tagged(label: UInt64(second)), at: SimInstant(.seconds(4)))
        // Timer 1 is armed, then cancelled: its event is stale too.
        let cancelled = timers.arm(1)
        queue.schedule(Tagged(label: 100 + UInt64(cancelled)), at: SimInstant(.seconds(6)))
        timers.cancel(1)

        var fired: [(slot: Int, at: SimInstant)] = []
        while let item = queue.next(until: SimInstant(.minutes(1))) {
            let slot = item.event.label >= 100 ? 1 : 0
            let token = UInt32(item.event.label % 100)
            if timers.isCurrent(slot, token) { fired.append((slot, item.time)) }
        }
        #expect(fired.count == 1)
        #expect(fired.first?.slot == 0)
        #expect(fired.first?.at == SimInstant(.seconds(4)))
        #expect(queue.dispatchedCount == 3)
    }

    @Test func kernelBenchmarkDispatchesAtLeastTheRequestedFiringsReproducibly() {
        let a = KernelBenchmark.runKernel(timers: 50, events: 10_000, seed: 3)
        let b = KernelBenchmark.runKernel(timers: 50, events: 10_000, seed: 3)
        #expect(a.dispatched >= 10_000)
        #expect(a.digest == b.digest)
        let bare = KernelBenchmark.runBareHeap(timers: 50, events: 10_000, seed: 3)
        #expect(bare.dispatched == 10_000)
    }
}
