import ScenarioFile
import SimKernel
import Simulation
import Testing

/// `{slo: CONDITION, ...}` (docs/SLO.md): presets, keys that override them,
/// and a located, clear error for every bad key or value.
@Suite struct SLOParsingTests: ScenarioText {
    /// 30 days, so that the presets' 30-day window fits.
    var month: String { head.replacingOccurrences(of: "duration: 1h", with: "duration: 60d") }

    @Test func everyPresetGivesItsProvidersFigures() throws {
        let figures: [(String, Double, SimDuration)] = [
            ("gke-regional", 0.9995, .minutes(5)), ("gke-zonal", 0.995, .minutes(5)), ("eks", 0.9995, .minutes(1)),
            ("aks-zones", 0.9995, .minutes(1)), ("aks", 0.999, .minutes(1)),
        ]
        #expect(figures.map(\.0) == ServiceLevelObjective.Preset.allCases.map(\.rawValue))
        for (name, availability, period) in figures {
            let scenario = try parse(month + "expect: [{slo: etcd.quorum, preset: \(name)}]\n")
            let preset = try #require(ServiceLevelObjective.Preset(rawValue: name))
            #expect(
                scenario.expectations == [
                    .slo(ServiceLevelObjective(condition: .etcdQuorum, availability: availability, window: .days(30), downtimePeriod: period, preset: preset))
                ])
        }
        #expect(
            try parse(month + "expect: [{slo: etcd.quorum, preset: gke-regional}]\n").expectations.first?.name
                == "slo etcd.quorum 99.95% per 30d, 5m periods (gke-regional)")
    }

    @Test func explicitKeysOverrideThePresetAndDefaultsFillTheRest() throws {
        let overridden = try parse(month + "expect: [{slo: etcd.quorum, preset: gke-regional, downtimePeriod: 1m, window: 7d}]\n")
        #expect(
            overridden.expectations == [
                .slo(ServiceLevelObjective(condition: .etcdQuorum, availability: 0.9995, window: .days(7), downtimePeriod: .minutes(1)))
            ])
        // Overridden, the name says what is judged rather than the preset's.
        #expect(overridden.expectations.first?.name == "slo etcd.quorum 99.95% per 7d, 1m periods")
        // The preset's own figures written out keep its name.
        let same = try parse(month + "expect: [{slo: etcd.quorum, preset: aks, availability: 99.9%}]\n")
        #expect(same.expectations == [.slo(ServiceLevelObjective(condition: .etcdQuorum, preset: .aks))])
        // Without a preset: a 30-day window of 1-minute periods.
        let plain = try parse(month + "expect: [{slo: etcd.quorum, availability: 0.999}]\n")
        #expect(
            plain.expectations == [.slo(ServiceLevelObjective(condition: .etcdQuorum, availability: 0.999, window: .days(30), downtimePeriod: .minutes(1)))])
        #expect(try parse(head + "expect: [{slo: api.external, availability: 99%, window: 1h}]\n").expectations.count == 1)
    }

    /// The kubelets and each workload's Service are conditions an SLO can
    /// judge (docs/FAILURES.md, "Conditions").
    @Test func kubeletsAndServicesAreConditions() throws {
        let scenario = try parse(
            month + "workloads:\n  - {name: web, replicas: 2}\nexpect: [{slo: kubelets, preset: eks}, {slo: service.web, availability: 99.9%}]\n")
        #expect(scenario.expectations.map(\.name) == ["slo kubelets 99.95% per 30d, 1m periods (eks)", "slo service.web 99.9% per 30d, 1m periods"])
        // Without workers there are no kubelets to fail.
        let noWorkers = month.replacingOccurrences(of: "  workers: {a: 1}\n", with: "")
        #expect(error(noWorkers + "expect: [{slo: kubelets, preset: eks}]\n").contains("unknown availability condition \"kubelets\""))
    }

    @Test func badValuesAreRefusedWithTheirPlace() {
        let cases: [(String, String)] = [
            (
                "{slo: etcd.quorom, preset: eks}",
                "s.yaml:7:16: expect[0].slo: unknown availability condition \"etcd.quorom\"; expected one of api.external, api.incluster, api.kubectl, kubelets, external-ip, etcd.quorum, workloads.minAvailable (did you mean \"etcd.quorum\"?)"
            ),
            (
                "{slo: etcd.quorum, preset: gke}",
                "s.yaml:7:37: expect[0].preset: unknown preset \"gke\"; expected one of gke-regional, gke-zonal, eks, aks-zones, aks"
            ),
            (
                "{slo: etcd.quorum}",
                "s.yaml:7:10: expect[0].slo: an slo needs availability (such as 99.95%) or a preset, one of gke-regional, gke-zonal, eks, aks-zones, aks"
            ),
            (
                "{slo: etcd.quorum, availability: 99.95}",
                "s.yaml:7:43: expect[0].availability: expected an availability above 0 and at most 1 (or 100%), such as 99.95%, found 99.95; for a percentage write 99.95%"
            ),
            (
                "{slo: etcd.quorum, availability: 0}",
                "s.yaml:7:43: expect[0].availability: expected an availability above 0 and at most 1 (or 100%), such as 99.95%, found 0"
            ),
            (
                "{slo: etcd.quorum, availability: high}",
                "s.yaml:7:43: expect[0].availability: expected a number such as 0.999 or 99.9%, found \"high\""
            ),
            (
                "{slo: etcd.quorum, availability: 99%, window: 0s}",
                "s.yaml:7:56: expect[0].window: expected a duration above zero such as 30d, found 0s"
            ),
            (
                "{slo: etcd.quorum, availability: 99%, window: 61d}",
                "s.yaml:7:56: expect[0].window: the window (61d) is longer than the run (60d); expected at most 60d, so that the run holds a whole window"
            ),
            (
                "{slo: etcd.quorum, availability: 99%, window: 1ns, downtimePeriod: 1ns}",
                "s.yaml:7:56: expect[0].window: the run (60d) holds 5184000000000000 windows of 1ns; expected at most 100000, a longer window"
            ),
            (
                "{slo: etcd.quorum, availability: 99%, downtimePeriod: 7m}",
                "s.yaml:7:64: expect[0].downtimePeriod: the window (30d) is not a whole number of downtime periods (7m); expected a period that divides it, such as 1m"
            ),
            (
                "{slo: etcd.quorum, availability: 99%, downtimePeriod: -1m}",
                "s.yaml:7:64: expect[0].downtimePeriod: bad duration \"-1m\": it is negative"
            ),
            (
                "{slo: etcd.quorum, preset: eks, atLeast: 0.9}",
                "s.yaml:7:42: expect[0].atLeast: slo takes availability, window, downtimePeriod or preset; atLeast goes with metric"
            ),
            (
                "{slo: etcd.quorum, preset: eks, longerThan: 5s}",
                "s.yaml:7:42: expect[0].longerThan: slo takes availability, window, downtimePeriod or preset; longerThan goes with never and always"
            ),
            (
                "{never: etcdQuorumLost, window: 1d}",
                "s.yaml:7:34: expect[0].window: window goes with slo; never takes longerThan"
            ),
            (
                "{metric: etcd.elections, atMost: 3, preset: eks}",
                "s.yaml:7:46: expect[0].preset: preset goes with slo; metric takes atLeast and atMost"
            ),
            (
                "{slo: [etcd.quorum], preset: eks}",
                "s.yaml:7:16: expect[0].slo: expected an availability condition name, found a list"
            ),
            (
                "{slo: workloads.minAvailable, preset: eks}",
                "s.yaml:7:16: expect[0].slo: workloads.minAvailable cannot fail in this scenario: the scenario has no workloads"
            ),
        ]
        for (item, message) in cases {
            let text = month + "expect: [\(item)]\n"
            #expect(error(text).hasPrefix(message), "\(item)\n\(error(text))")
        }
        // A Service is named by its workload; one with no replicas has no callers.
        let withWorkloads = month + "workloads:\n  - {name: web, replicas: 2}\n  - {name: idle, replicas: 0}\n"
        #expect(
            error(withWorkloads + "expect: [{slo: service.api, preset: eks}]\n").hasPrefix(
                "s.yaml:10:16: expect[0].slo: unknown availability condition \"service.api\"; expected one of api.external, api.incluster, api.kubectl, kubelets, service.idle, service.web, external-ip"
            ))
        #expect(
            error(withWorkloads + "expect: [{slo: service.idle, preset: eks}]\n")
                == "s.yaml:10:16: expect[0].slo: service.idle cannot fail in this scenario: workload idle has no replicas, so its Service has no callers to fail"
        )
        // Without the outside client, its condition cannot fail.
        let inside = month.replacingOccurrences(of: "  workers: {a: 1}\n", with: "  workers: {a: 1}\n  access: {clients: {external: 0}}\n")
        #expect(
            error(inside + "expect: [{slo: api.external, preset: eks}]\n")
                == "s.yaml:8:16: expect[0].slo: api.external cannot fail in this scenario: no outside client probes the API; set topology.access.clients.external above zero"
        )
        // A preset's 30-day window is longer than an hour's run.
        #expect(
            error(head + "expect:\n  - {slo: etcd.quorum, preset: gke-zonal}\n")
                == "s.yaml:8:5: expect[0].window: the window (30d) is longer than the run (1h); expected at most 1h, so that the run holds a whole window")
    }
}
