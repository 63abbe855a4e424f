import SimKernel
@testable import Simulation
import Testing

/// The recorder's bookkeeping (Downtime/DowntimeRecorder.swift): a failing
/// stretch is attributed at its start, split where its mechanism changes
/// with its cause kept, and closed at recovery or at the run's end.
@Suite struct DowntimeRecorderTests {
    func at(_ seconds: Int64) -> SimInstant { SimInstant(.seconds(seconds)) }

    let zoneOutage = [DowntimeCause(fault: "zoneOutage", target: "zone/a", origin: .fault(0))]
    let crash = [DowntimeCause(fault: "crash", target: "master-a-1", origin: .failureProcess(1))]

    @Test func aStretchSplitsWhereItsMechanismChangesAndKeepsItsCause() {
        var recorder = DowntimeRecorder(.etcdQuorum)
        recorder.failing(.quorumLoss, causes: zoneOutage, at: at(10))
        recorder.failing(.quorumLoss, causes: crash, at: at(20))
        recorder.failing(.election, causes: [], at: at(30))
        recorder.recovered(at: at(31))
        recorder.recovered(at: at(40))
        #expect(recorder.intervals == [
            DowntimeInterval(metric: "etcd.quorum", start: at(10), end: at(30), causes: zoneOutage, mechanism: "quorum loss"),
            DowntimeInterval(metric: "etcd.quorum", start: at(30), end: at(31), causes: zoneOutage, mechanism: "election"),
        ])
    }

    @Test func aStretchWithoutCauseTakesTheFirstCauseSeenWithinIt() {
        var recorder = DowntimeRecorder(.apiExternal)
        #expect(recorder.wantsCause)
        recorder.failing(.apiServerNotServing, causes: [], at: at(1))
        #expect(recorder.wantsCause)
        recorder.failing(.pinnedConnection, causes: crash, at: at(2))
        #expect(!recorder.wantsCause)
        recorder.finish(at: at(5))
        #expect(recorder.intervals.map(\.causes) == [[], crash])
        #expect(recorder.intervals.map(\.cause) == ["none", "crash master-a-1 (failures[1])"])
        #expect(recorder.intervals.map(\.seconds) == [1, 3])
    }

    /// A change at the instant the stretch opened leaves no empty interval:
    /// the later state decides.
    @Test func aChangeAtTheOpeningInstantReplacesTheMechanism() {
        var recorder = DowntimeRecorder(.externalIP)
        recorder.failing(.apiServerNotServing, causes: crash, at: at(7))
        recorder.failing(.loadBalancerBlackout, causes: crash, at: at(7))
        recorder.finish(at: at(9))
        #expect(recorder.intervals.map(\.mechanism) == ["LB blackout"])
        #expect(recorder.intervals.first?.start == at(7))
    }

    @Test func beyondItsLimitIntervalsAreCountedNotKept() {
        var recorder = DowntimeRecorder(.workloads, limit: 2)
        for second in stride(from: Int64(0), to: 10, by: 2) {
            recorder.failing(.evictionDelay, causes: [], at: at(second))
            recorder.recovered(at: at(second + 1))
        }
        #expect(recorder.intervals.count == 2)
        #expect(recorder.dropped == 3)
    }
}

extension DowntimeRecorderTests {
    /// docs/FAST-FORWARD.md: a skip of quiet time moves every later time the
    /// recorder is handed by the time skipped; a stretch open across the
    /// skip held through it.
    @Test func skippedQuietTimeIsOnTheRunsClock() {
        var recorder = DowntimeRecorder(.etcdQuorum)
        recorder.failing(.election, causes: crash, at: at(10))
        recorder.skip(.seconds(100))
        recorder.recovered(at: at(20))
        recorder.failing(.quorumLoss, causes: zoneOutage, at: at(30))
        recorder.finish(at: at(40))
        #expect(recorder.intervals.map(\.start) == [at(10), at(130)])
        #expect(recorder.intervals.map(\.end) == [at(120), at(140)])
    }
}
