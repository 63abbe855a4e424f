import SimKernel
@testable import Simulation
import Testing

/// Records a run keeps are bounded (issue 10: "event and interval records
/// bounded or streamed"): past the limit they are counted, not kept, and the
/// run's last event says how many were left out.
@Suite struct RecordLimitTests {
    @Test func eventsPastTheLimitAreCountedAndTheLastRecordSaysSo() {
        var log = EventLog(limit: 2)
        for second in 1...5 {
            log.record(EventRecord(time: SimInstant(.seconds(Int64(second))), entity: "e", kind: .hostUp, detail: ""))
        }
        #expect(log.records.count == 2)
        #expect(log.dropped == 3)
        let finished = log.finished(at: SimInstant(.seconds(10)), droppedIntervals: 4)
        #expect(finished.count == 3)
        #expect(finished.last?.kind == .recordsTruncated)
        #expect(finished.last?.detail == "3 events beyond the first 2 and 4 intervals beyond the timeline's limit were not kept")
    }

    @Test func nothingDroppedAddsNoRecord() {
        var log = EventLog(limit: 2)
        log.record(EventRecord(time: .start, entity: "e", kind: .hostUp, detail: ""))
        #expect(log.finished(at: SimInstant(.seconds(1)), droppedIntervals: 0).count == 1)
    }

    @Test func intervalsPastTheLimitAreCounted() {
        var timeline = StateTimeline(limit: 3)
        let entity = timeline.register("host", state: "up")
        for second in 1...6 {
            timeline.set(entity, second.isMultiple(of: 2) ? "up" : "down", at: SimInstant(.seconds(Int64(second))))
        }
        timeline.finish(at: SimInstant(.seconds(10)))
        #expect(timeline.intervals.map(\.state) == ["up", "down", "up"])
        #expect(timeline.dropped == 4)
    }

    /// A long run keeps only the probe writes still waiting, not every write sent.
    @Test func judgedProbeWritesAreNotKept() {
        var probe = WriteProbe()
        for second in 0..<1_000 {
            let id = probe.send(to: second % 3, at: SimInstant(.seconds(Int64(second))))
            probe.resolve(id, succeeded: second % 10 != 0, at: SimInstant(.seconds(Int64(second))) + .milliseconds(5))
        }
        let waiting = probe.send(to: 0, at: SimInstant(.seconds(1_000)))
        #expect(probe.pending.count == 1)
        #expect(probe.member(of: waiting) == 0)
        #expect(probe.sent == 1_001)
        #expect(probe.succeeded == 900)
        #expect(probe.failed == 100)
    }
}
