import SimKernel
import Testing

@testable import Simulation

/// Cluster API AWS's apiserver NLB (`access.preset: aws-nlb`): the target
/// group's TCP check every 5 s, timeout 4 s, healthy 2, unhealthy 6
/// (kubernetes-sigs/cluster-api-provider-aws `api/v1beta2/network_types.go`,
/// `pkg/cloud/services/elb/loadbalancer.go` getAPITargetGroupHealthCheck),
/// cross-zone load balancing off ("Defaults to false",
/// `api/v1beta2/awscluster_types.go`), connection termination on unhealthy
/// targets off. The DNS behaviour is the ELB docs' ("Health checks for
/// Network Load Balancer target groups": a zone without a healthy target is
/// removed from DNS; every zone without one, the NLB fails open).
@Suite struct NetworkLoadBalancerTests {
    /// A per-request kubectl with a 2 s timeout, one command a second.
    static let kubectl = [ClientClass(name: "kubectl", connection: .perRequest, requests: .read, rate: 1, timeout: .seconds(2))]

    /// Three zones under the preset, masters as `masters` says, with
    /// `access` changed by `adjust`, and `fault` at 10 minutes for 5 minutes.
    func run(
        _ fault: FaultKind, masters: [Int] = [1, 1, 1], seed: UInt64 = 1, fastForward: Bool = true,
        adjust: (inout AccessSettings) -> Void = { _ in }
    ) -> RunResult {
        runUnderPreset(.awsNLB, name: "nlb", fault, masters: masters, seed: seed, fastForward: fastForward, adjust: adjust)
    }

    /// Commands of `name` that failed over the run's 1,800.
    func failed(_ result: RunResult, _ name: String = "kubectl") -> Double {
        (1 - result.metric(.clientAvailability(name))!) * 1_800
    }

    /// Seconds of `metric`'s downtime attributed to `mechanism`.
    func attributed(_ result: RunResult, _ metric: String, _ mechanism: DowntimeMechanism) -> Double {
        result.downtime.filter { $0.metric == metric && $0.mechanism == mechanism.rawValue }.reduce(0) { $0 + ($1.end - $1.start).seconds }
    }

    /// When master `name`'s target turned unhealthy, in seconds since the start.
    func markedUnhealthy(_ result: RunResult, _ name: String) -> Double? {
        result.events.first { $0.entity == "lb-backend/\(name)" && $0.kind == .backendUnhealthy }.map { $0.time.sinceStart.seconds }
    }

    @Test func thePresetIsClusterAPIAWSs() {
        let settings = AccessPreset.awsNLB.settings
        #expect(
            settings.healthCheck == HealthCheckSettings(interval: .seconds(5), timeout: .seconds(4), healthyThreshold: 2, unhealthyThreshold: 6, probe: .tcp))
        #expect(settings.mode == .networkLoadBalancer && settings.procedure == .kubeadm && !settings.nlb.crossZone)
        // ELB docs: TCP idle timeout 350 s; the name's records have a 60 s TTL.
        #expect(settings.nlb.idleTimeout == .seconds(350) && settings.nlb.dnsTTL == .seconds(60))
    }

    @Test func dnsDropsAZoneWithoutAHealthyTargetAndFailsOpenWhenNoneHas() {
        // ELB docs, "Health checks for Network Load Balancer target groups".
        var nlb = NetworkLoadBalancer(healthy: [true, true, false])
        #expect(nlb.listed == [true, true, false] && nlb.removedAt == [nil, nil, nil])
        // Zone c never had a target: no client holds its address.
        #expect(!nlb.reachable(2, at: .start, ttl: .seconds(60)))
        let lost = SimInstant(.minutes(1))
        let changed = nlb.follow(healthy: [true, false, false], at: lost)
        #expect(changed)
        #expect(nlb.reachable(1, at: lost + .seconds(59), ttl: .seconds(60)))
        #expect(!nlb.reachable(1, at: lost + .seconds(60), ttl: .seconds(60)))
        // No zone healthy: every node answered again.
        let failedOpen = nlb.follow(healthy: [false, false, false], at: lost + .seconds(90))
        #expect(failedOpen)
        #expect(nlb.listed == [true, true, true] && nlb.removedAt == [nil, nil, nil])
        let again = nlb.follow(healthy: [false, false, false], at: lost + .seconds(91))
        #expect(!again)
        // Cross-zone on: every node has a target while any zone does.
        #expect(NetworkLoadBalancer.zonesWithTargets(zones: 3, crossZone: true, targets: [0]) == [true, true, true])
        #expect(NetworkLoadBalancer.zonesWithTargets(zones: 3, crossZone: false, targets: [0]) == [true, false, false])
    }

    @Test func withCrossZoneOffAZoneWithoutAHealthyTargetFailsTheClientsItsNodeServes() {
        // master-c-1's host crashes: once the checks mark it unhealthy, zone
        // c has no healthy target. DNS stops answering with its node, but
        // clients holding the address (up to the 60 s TTL) reach a node
        // that sends only to zone c's targets: their connections fail.
        let off = run(.hostCrash(.host(2))) { $0.clients = Self.kubectl }
        // With cross-zone load balancing, node c sends them to zones a and b.
        let on = run(.hostCrash(.host(2))) { access in
            access.clients = Self.kubectl
            access.nlb.crossZone = true
        }
        // A third of the commands fail within the TTL after zone c left DNS,
        // each failing stretch lasting until the next command is served.
        let zoneWithout = attributed(off, "api.kubectl", .nlbZoneWithoutHealthyTarget)
        #expect(zoneWithout > 10 && zoneWithout <= 40, "\(zoneWithout) s attributed to the zone without a target")
        let removed = markedUnhealthy(off, "master-c-1")!
        let stretches = off.downtime.filter { $0.metric == "api.kubectl" && $0.mechanism == DowntimeMechanism.nlbZoneWithoutHealthyTarget.rawValue }
        #expect(stretches.allSatisfy { $0.start.sinceStart.seconds >= removed && $0.end.sinceStart.seconds <= removed + 60 + 2 })
        #expect(attributed(on, "api.kubectl", .nlbZoneWithoutHealthyTarget) == 0)
        // A third of the commands of the TTL's 60 s fail on top of the
        // detection's share, which both pay.
        #expect(failed(off) - failed(on) > 10, "\(failed(off)) with cross-zone off, \(failed(on)) on")
        let detected = markedUnhealthy(on, "master-c-1")!
        #expect(on.downtime.filter { $0.metric == "api.kubectl" }.allSatisfy { $0.start.sinceStart.seconds <= detected + 1 })
        // The zone left DNS when its target turned unhealthy.
        #expect(off.metric("api.externalIP.unreachable.seconds")! == 0)
    }

    @Test func aMasterCrashCostsPerRequestClientsTheTCPChecksDetectionShare() {
        // Cross-zone on, so that only the checks' lag counts: a dead target
        // gets a third of the new connections until six checks 5 s apart
        // have failed (network_types.go: DefaultAPIServerUnhealthThresholdCount 6,
        // DefaultAPIServerHealthCheckIntervalSec 5).
        let result = run(.hostCrash(.host(1))) { access in
            access.clients = Self.kubectl
            access.nlb.crossZone = true
        }
        let detection = markedUnhealthy(result, "master-b-1")! - 600
        #expect(detection > 25 && detection <= 30, "marked unhealthy \(detection) s after the crash")
        let lost = failed(result)
        // About a third of the ~28 commands of the detection; none after it
        // but etcd's election, when master-b-1 led.
        #expect(lost >= 3 && lost <= 20, "\(lost) commands failed")
        // Each failed command's stretch, until the next is served, is the checks' lag.
        #expect(attributed(result, "api.kubectl", .healthCheckDelay) >= lost * 0.5)
    }

    @Test func aTCPCheckKeepsAnApiserverThatListensButIsNotReadyInService() {
        // master-b-1's etcd member crashes for 5 minutes: its apiserver
        // listens but answers every request with an error and /readyz fails.
        // A TCP connect to 6443 succeeds anyway (CAPA's default check,
        // getAPITargetGroupHealthCheck), so zone b's node keeps sending it a
        // share of the commands for the whole fault; the HTTPS variant
        // (healthCheckProtocol: HTTPS, path /readyz) takes it out after six
        // failed checks.
        let tcp = run(.etcdCrash(.host(1))) { $0.clients = Self.kubectl }
        let https = run(.etcdCrash(.host(1))) { access in
            access.clients = Self.kubectl
            access.healthCheck?.probe = .https
        }
        #expect(markedUnhealthy(tcp, "master-b-1") == nil)
        #expect(markedUnhealthy(https, "master-b-1") != nil)
        #expect(failed(tcp) > 60, "\(failed(tcp)) commands failed under the TCP check")
        #expect(failed(tcp) > 3 * failed(https), "\(failed(tcp)) under TCP, \(failed(https)) under HTTPS")
    }

    @Test func aLongLivedConnectionStaysOnTheUnhealthyTargetUntilClientGosHealthCheck() throws {
        // Which master the outside client's first connection went to.
        let quiet = run(.hostCrash(.host(0)), seed: 3)
        let first = try #require(quiet.events.first { $0.entity == "client/outside" && $0.kind == .connectionOpened }?.detail)
        let host = try #require(["master-a-1", "master-b-1", "master-c-1"].firstIndex(of: first))
        let result = run(.hostCrash(.host(host)), seed: 3)
        // CAPA turns connection termination off: the NLB keeps forwarding
        // the flow to the dead target, and client-go's HTTP/2 health check
        // (30 s + 15 s) closes it, as without the NLB.
        let closed = result.events.first { $0.entity == "client/outside" && $0.kind == .connectionClosed }
        #expect(closed?.detail.contains("HTTP/2 health check") == true)
        let pinned = result.metric("api.external.pinned.seconds")!
        #expect(pinned >= 40 && pinned <= 46, "pinned \(pinned) s")
        // Attributed to the kept connection once the checks marked the target unhealthy.
        #expect(attributed(result, "api.external", .connectionKeptOnUnhealthyTarget) > 10)
    }

    @Test func theNLBResetsAFlowIdleForLongerThanItsIdleTimeout() {
        // ELB docs: a TCP flow without data for 350 s is forgotten, and the
        // next packet on it gets a RST. A keep-alive client (no HTTP/2 pings)
        // sending every 400 s finds its connection reset each time and dials
        // again, losing nothing; one sending every 200 s keeps its flow.
        func sparse(every seconds: Double) -> RunResult {
            // Every quiet stretch simulated: the fast-forward repeats the
            // requests of a window, and a window this sparse has none.
            run(.componentCrash(.kubeScheduler, .host(0)), fastForward: false) { access in
                access.clients = [ClientClass(name: "sparse", connection: .keepAlive, requests: .read, rate: 1 / seconds, timeout: .seconds(5))]
            }
        }
        let idle = sparse(every: 400)
        let resets = idle.events.filter { $0.entity == "client/sparse" && $0.kind == .connectionReset && $0.detail.hasSuffix("NLB idle timeout") }
        #expect(resets.count >= 2, "\(resets.count) resets")
        #expect(idle.metric(.clientAvailability("sparse")) == 1)
        let busy = sparse(every: 200)
        #expect(!busy.events.contains { $0.kind == .connectionReset && $0.detail.hasSuffix("NLB idle timeout") })
    }

    @Test func analyzeWarnsWhenCrossZoneIsOffAndAZoneHasNoMaster() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [2, 1, 0], workersPerZone: [0, 0, 0])
        topology.access = AccessPreset.awsNLB.settings
        #expect(FailureTolerance(topology: topology).warnings.map(\.code).contains("nlb-zone-without-master"))
        topology.access.nlb.crossZone = true
        #expect(!FailureTolerance(topology: topology).warnings.map(\.code).contains("nlb-zone-without-master"))
        var everyZone = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        everyZone.access = AccessPreset.awsNLB.settings
        #expect(!FailureTolerance(topology: everyZone).warnings.map(\.code).contains("nlb-zone-without-master"))
    }

    @Test func aZoneWithoutAMasterIsNeverInDNS() {
        // masters {a: 2, b: 1}: zone c's node never has a target, so DNS
        // never answers with it and no client reaches it while the others
        // have one.
        let result = run(.hostCrash(.host(0)), masters: [2, 1, 0]) { $0.clients = Self.kubectl }
        #expect(attributed(result, "api.kubectl", .nlbZoneWithoutHealthyTarget) == 0)
    }
}
