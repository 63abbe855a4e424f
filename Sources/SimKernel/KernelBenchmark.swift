import HeapModule

/// The kernel benchmark's two workloads, kept in the library so that tests can
/// check they do the work they claim; the command line times them.
public enum KernelBenchmark {
    /// The event of the benchmark: a periodic timer firing, carrying its slot
    /// and generation token as the model's timers do.
    public struct TimerFired: TraceableEvent {
        public var slot: Int32
        public var token: UInt32
        public var traceCode: UInt64 { UInt64(UInt32(bitPattern: slot)) << 32 | UInt64(token) }
    }

    /// `timers` periodic timers with a 100 ms period and ±10 ms jitter, run
    /// through the real kernel until `events` have been dispatched. Every
    /// 16th firing re-arms its timer (bumping the generation), so stale
    /// events are queued and dropped as in the model. Returns the digest.
    public static func runKernel(timers: Int, events: Int, seed: UInt64) -> (dispatched: Int, digest: UInt64) {
        var queue = EventQueue<TimerFired>()
        var generations = TimerGenerations(slots: timers)
        var random = RandomStream(rootSeed: seed, label: "bench/kernel")
        let period: Int64 = 100_000_000
        let jitter: Int64 = 10_000_000
        for slot in 0..<timers {
            let token = generations.arm(slot)
            let phase = random.nextInt(in: 0...period)
            queue.schedule(TimerFired(slot: Int32(slot), token: token), at: SimInstant(nanosecondsSinceStart: phase))
        }
        var fired = 0
        let end = SimInstant(nanosecondsSinceStart: .max)
        while fired < events, let item = queue.next(until: end) {
            let slot = Int(item.event.slot)
            guard generations.isCurrent(slot, item.event.token) else { continue }
            fired += 1
            if fired & 15 == 0 {
                // Re-arm early: the already queued event becomes stale.
                let early = generations.arm(slot)
                queue.schedule(TimerFired(slot: item.event.slot, token: early), after: .nanoseconds(period / 2))
            }
            let delay = period + random.nextInt(in: -jitter...jitter)
            queue.schedule(TimerFired(slot: item.event.slot, token: generations.arm(slot)), after: .nanoseconds(delay))
        }
        return (queue.dispatchedCount, queue.digest)
    }

    /// The baseline: a bare `Heap` of (time, seq, payload) values with the same
    /// timer count, period and jitter, and no digest, tokens or clock.
    public static func runBareHeap(timers: Int, events: Int, seed: UInt64) -> (dispatched: Int, checksum: UInt64) {
        struct Item: Comparable {
            var time: Int64
            var seq: UInt64
            var slot: Int32
            static func < (a: Item, b: Item) -> Bool { a.time != b.time ? a.time < b.time : a.seq < b.seq }
        }
        var heap = Heap<Item>()
        var random = RandomStream(rootSeed: seed, label: "bench/kernel")
        var seq: UInt64 = 0
        let period: Int64 = 100_000_000
        let jitter: Int64 = 10_000_000
        for slot in 0..<timers {
            heap.insert(Item(time: random.nextInt(in: 0...period), seq: seq, slot: Int32(slot)))
            seq += 1
        }
        var checksum: UInt64 = 0
        var dispatched = 0
        while dispatched < events, let item = heap.popMin() {
            dispatched += 1
            checksum &+= UInt64(bitPattern: item.time) ^ UInt64(item.slot)
            heap.insert(Item(time: item.time + period + random.nextInt(in: -jitter...jitter), seq: seq, slot: item.slot))
            seq += 1
        }
        return (dispatched, checksum)
    }
}
