import ScenarioFile
import SimKernel
import Simulation
import Testing

/// The `failures:` section (issue 14): failure processes per target class,
/// `mtbf`/`mttr` as an exponential mean or any distribution, and the exact
/// located errors for what cannot run.
@Suite struct FailureScenarioTests: ScenarioText {
    func failures(_ entries: String...) throws -> [FailureProcess] {
        try parse(head + "failures:\n" + entries.map { "  - \($0)\n" }.joined()).failures
    }

    func failureError(_ entry: String) -> String { error(head + "failures:\n  - \(entry)\n") }

    @Test func readsEveryTargetClass() throws {
        let read = try failures(
            "{every: master, mtbf: 90d, mttr: {lognormal: {median: 30m, sigma: 1}}}",
            "{every: zone, mtbf: 365d, mttr: 4h}",
            "{every: worker, mtbf: 180d, mttr: 2h}",
            "{every: etcd, mtbf: 30d, mttr: 1m}",
            "{every: apiserver, mtbf: 30d, mttr: 1m}",
            "{host: master-a-1, mtbf: 30d, mttr: 10m}",
            "{zone: b, mtbf: 30d, mttr: 10m}",
            "{loadBalancer: true, mtbf: 365d, mttr: 30m}")
        #expect(read.map(\.target) == [.everyMaster, .everyZone, .everyWorker, .everyEtcdMember, .everyAPIServer, .host(0), .zone(1), .loadBalancer])
        #expect(read[0].timeToFailure == .exponential(mean: .days(90)))
        #expect(read[0].timeToRepair == .lognormal(median: .minutes(30), sigma: 1))
        // A bare duration is an exponential mean for mttr as for mtbf.
        #expect(read[1].timeToRepair == .exponential(mean: .hours(4)))
        #expect(read.map(\.isExponential) == [false, true, true, true, true, true, true, true])
    }

    @Test func anyDistributionIsAccepted() throws {
        let read = try failures("{every: master, mtbf: {weibull: {shape: 1.5, scale: 30d}}, mttr: {fixed: 10m}}")
        #expect(read[0].timeToFailure == .weibull(shape: 1.5, scale: .days(30)))
        #expect(read[0].timeToRepair == .fixed(.minutes(10)))
    }

    @Test func eachTargetClassCountsItsTargets() throws {
        let scenario = try parse(head + "failures:\n  - {every: master, mtbf: 1d, mttr: 1h}\n")
        let topology = scenario.topology
        #expect(FailureTarget.everyMaster.count(in: topology) == 3)
        #expect(FailureTarget.everyWorker.count(in: topology) == 1)
        #expect(FailureTarget.everyZone.count(in: topology) == 3)
        #expect(FailureTarget.everyEtcdMember.count(in: topology) == 3)
        #expect(FailureTarget.loadBalancer.count(in: topology) == 1)
    }

    @Test func errorsAreLocated() {
        #expect(failureError("{every: masters, mtbf: 1d, mttr: 1h}")
            == "s.yaml:8:13: failures[0].every: unknown failure class \"masters\"; expected one of master, worker, zone, etcd, apiserver (did you mean \"master\"?)")
        #expect(failureError("{every: master, mttr: 1h}")
            == "s.yaml:8:5: failures[0].mtbf: missing required key")
        #expect(failureError("{every: master, mtbf: 1d}")
            == "s.yaml:8:5: failures[0].mttr: missing required key")
        #expect(failureError("{every: master, mtbf: 0s, mttr: 1h}")
            == "s.yaml:8:27: failures[0].mtbf: expected a mean above zero, found {exponential: {mean: 0s}}")
        #expect(failureError("{every: master, mtbf: 1d, mttr: {uniform: [0s, 0s]}}")
            == "s.yaml:8:37: failures[0].mttr: expected a mean above zero, found {uniform: [0s, 0s]}")
        #expect(failureError("{every: master, mtbf: {exponential: {mean: 0s}}, mttr: 1h}")
            == "s.yaml:8:48: failures[0].mtbf.exponential.mean: expected a duration above zero, found 0s")
        #expect(failureError("{mtbf: 1d, mttr: 1h}")
            == "s.yaml:8:5: failures[0]: missing the target; expected exactly one of every, host, zone, loadBalancer")
        #expect(failureError("{every: master, host: master-a-1, mtbf: 1d, mttr: 1h}")
            == "s.yaml:8:5: failures[0]: more than one target; expected exactly one of every, host, zone, loadBalancer")
        #expect(failureError("{host: master-d-1, mtbf: 1d, mttr: 1h}").hasPrefix(
            "s.yaml:8:12: failures[0].host: unknown host \"master-d-1\"; expected one of master-a-1, master-b-1, master-c-1, worker-a-1"))
        #expect(failureError("{zone: d, mtbf: 1d, mttr: 1h}")
            == "s.yaml:8:12: failures[0].zone: unknown zone \"d\"; expected one of a, b, c")
        #expect(failureError("{loadBalancer: false, mtbf: 1d, mttr: 1h}")
            == "s.yaml:8:20: failures[0].loadBalancer: expected true, found \"false\"")
        #expect(failureError("{every: master, mtbf: 1d, mttr: 1h, for: 1h}").hasPrefix(
            "s.yaml:8:41: failures[0].for: unknown key \"for\"; expected one of every, host, zone, loadBalancer, mtbf, mttr"))
        #expect(error("name: t\ntopology:\n  zones: [a]\n  masters: {a: 1}\nfailures:\n  - {every: worker, mtbf: 1d, mttr: 1h}\n")
            == "s.yaml:6:13: failures[0].every: the topology has no workers; expected one of master, zone, etcd, apiserver")
    }

    /// Every failure target is two random streams: the total is bounded
    /// before anything is built (docs/RELIABILITY.md).
    @Test func theTargetsAreBounded() {
        let big = "name: t\ntopology:\n  zones: [a]\n  masters: {a: 1}\n  workers: {a: 5000}\nfailures:\n"
            + String(repeating: "  - {every: worker, mtbf: 1d, mttr: 1h}\n", count: 11)
        #expect(error(big) == "s.yaml:17:5: failures[10]: the failure processes so far have 55000 targets; expected at most 50000 in all")
    }

    @Test func theMetricsFollowTheClassesPresent() throws {
        let without = try parse(head)
        #expect(!MetricCatalog.entries(for: without).contains { $0.name.hasPrefix("failures.") })
        let with = try parse(head + "failures:\n  - {every: zone, mtbf: 1d, mttr: 1h}\n  - {host: master-a-1, mtbf: 1d, mttr: 1h}\n"
            + "expect:\n  - {metric: failures.zone.down.seconds, atMost: 3600}\n")
        #expect(MetricCatalog.entries(for: with).filter { $0.name.hasPrefix("failures.") }.map(\.name) == [
            "failures.started", "failures.zone.started", "failures.zone.down.seconds", "failures.host.started", "failures.host.down.seconds",
        ])
        #expect(failureError("{every: zone, mtbf: 1d, mttr: 1h}\nexpect:\n  - {metric: failures.master.started, atMost: 1}").hasPrefix(
            "s.yaml:10:14: expect[0].metric: unknown metric \"failures.master.started\""))
    }

    /// A year of a process failing every second is refused before it runs.
    @Test func theWorkEstimateCountsFailureCycles() throws {
        var quiet = try parse(head)
        var busy = try parse(head + "failures:\n  - {every: zone, mtbf: 1s, mttr: 1s}\n")
        // With the fast-forward, the quiet hour is detailed for 150 s (the
        // detail around its end), the busy one throughout.
        let extra = WorkEstimate.events(busy) - WorkEstimate.events(quiet)
        #expect(abs(extra - (54_000 + WorkEstimate.rate(quiet) * 3_450)) < 1e-6)
        // Without: both hours in detail; three zones, 1 h, a cycle every 2 s
        // on average: 5,400 cycles of ten events.
        quiet.fastForward = false
        busy.fastForward = false
        #expect(WorkEstimate.events(busy) - WorkEstimate.events(quiet) == 54_000)
    }
    /// Masters down behind the GCE target pool (no health check) keep a
    /// run detailed for a keep-alive client, whose failures are trouble in
    /// every window, but not for per-request reads (the default kubectl
    /// class), whose failures the fast-forward replays at their dial
    /// (docs/FAST-FORWARD.md, "Steady failures of per-request clients").
    @Test func theWorkEstimateCountsMastersDownOnlyForClientsNotReplayed() throws {
        let threeMasters = "name: t\nduration: 365d\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n"
        let failing = "failures:\n  - {every: master, mtbf: 90d, mttr: 30m}\n"
        #expect(WorkEstimate.mastersDownBehindNoCheck(try parse(threeMasters + failing)) == 0)
        let keepAlive = try parse(threeMasters + failing + "clients:\n  - {name: scripts, connection: keepAlive}\n")
        // Three masters failing every 90 days for 30 minutes, for a year:
        // about 12 failures of 1,800 s.
        let down = WorkEstimate.mastersDownBehindNoCheck(keepAlive)
        #expect(abs(down - 3.0 * 365 * 86_400 / (90 * 86_400 + 1_800) * 1_800) < 1)
    }
}
