import SimKernel
import Simulation
import Testing

/// Health-check settings and the load balancer's view of a backend. Sources:
/// gcloud compute http-health-checks reference (GCP legacy defaults 5 s, 5 s,
/// 2, 2; timeout must not exceed the interval), AWS target group API (NLB
/// defaults 30 s, 10 s, healthy 3 or 5, unhealthy 2), Google Cloud health
/// checks overview (state changes after consecutive successes or failures);
/// FACTS.md "Load balancer and the GCE HA master procedure".
@Suite struct HealthCheckTests {
    @Test func presetsFollowTheProviderDefaults() {
        #expect(HealthCheckSettings.gcp == HealthCheckSettings(interval: .seconds(5), timeout: .seconds(5), healthyThreshold: 2, unhealthyThreshold: 2))
        #expect(HealthCheckSettings.awsNLB == HealthCheckSettings(interval: .seconds(30), timeout: .seconds(10), healthyThreshold: 3, unhealthyThreshold: 2))
        #expect(HealthCheckSettings.gcp.isValid)
        #expect(HealthCheckSettings.awsNLB.isValid)
    }

    @Test func validationExplainsEachProblem() {
        let bad = HealthCheckSettings(interval: .seconds(5), timeout: .seconds(6), healthyThreshold: 0, unhealthyThreshold: 0)
        #expect(bad.problems == [
            "health check timeout 6s must not exceed the interval 5s: a probe must end before the next one starts (gcloud health-checks reference)",
            "healthy threshold must be at least 1, got 0",
            "unhealthy threshold must be at least 1, got 0",
        ])
        #expect(HealthCheckSettings(interval: .zero, timeout: .zero, healthyThreshold: 1, unhealthyThreshold: 1).problems.count == 2)
    }

    @Test func aHealthyBackendTurnsUnhealthyOnlyAfterUnhealthyThresholdFailuresInARow() {
        var health = BackendHealth(settings: .gcp, initiallyHealthy: true)
        #expect(health.record(probeSucceeded: false) == false)
        #expect(health.isHealthy)
        // A success in between resets the run of failures.
        #expect(health.record(probeSucceeded: true) == false)
        #expect(health.record(probeSucceeded: false) == false)
        #expect(health.record(probeSucceeded: false) == true)
        #expect(!health.isHealthy)
        #expect(health.consecutiveFailures == 2)
        #expect(health.record(probeSucceeded: false) == false)
    }

    @Test func aNewBackendStartsUnhealthyUntilHealthyThresholdSuccesses() {
        var health = BackendHealth(settings: .awsNLB)
        #expect(!health.isHealthy)
        #expect(health.record(probeSucceeded: true) == false)
        #expect(health.record(probeSucceeded: true) == false)
        #expect(health.record(probeSucceeded: true) == true)
        #expect(health.isHealthy)
        #expect(health.probes == 3)
    }

    @Test func detectionDelaysOfThePresets() {
        #expect(HealthCheckSettings.gcp.refusedDeadBackendDetection == .seconds(10))
        #expect(HealthCheckSettings.gcp.worstCaseDeadBackendDetection == .seconds(15))
        #expect(HealthCheckSettings.awsNLB.refusedDeadBackendDetection == .seconds(60))
        #expect(HealthCheckSettings.awsNLB.worstCaseDeadBackendDetection == .seconds(70))
        #expect(HealthCheckSettings.awsNLB.worstCaseRecoveryDetection == .seconds(90))
    }

    /// Two masters behind a load balancer; master 1 dies just after a
    /// successful probe at t=0. Probes run every interval; a probe to the dead
    /// master fails at once (`refused`) or at its timeout. One request a second
    /// goes through the load balancer. Returns when the load balancer marked
    /// master 1 unhealthy, and the requests sent to it.
    func deadBackendRun(_ settings: HealthCheckSettings, refused: Bool, seed: UInt64 = 1) -> (detected: SimInstant?, deadRequests: [SimInstant]) {
        var backends = [0, 1].map { LoadBalancerBackend(host: $0, health: BackendHealth(settings: settings, initiallyHealthy: true)) }
        var results: [(due: SimInstant, backend: Int, succeeded: Bool)] = []
        var routing = LoadBalancerRouting()
        var stream = RandomStream(seed: seed)
        var detected: SimInstant?
        var deadRequests: [SimInstant] = []
        let intervalSeconds = settings.interval.nanoseconds / SimDuration.nanosecondsPerSecond
        for second in Int64(0)...200 {
            let now = SimInstant(.seconds(second))
            let dead = second > 0
            if second % intervalSeconds == 0 {
                results.append((now, 0, true))
                results.append((dead && !refused ? now + settings.timeout : now, 1, !dead))
            }
            for result in results where result.due <= now {
                if backends[result.backend].health.record(probeSucceeded: result.succeeded) && !result.succeeded {
                    detected = result.due
                }
            }
            results.removeAll { $0.due <= now }
            guard dead else { continue }
            if case .sentToDeadBackend = routing.route(backends, isAlive: { $0 == 0 }, stream: &stream) {
                deadRequests.append(now)
            }
        }
        #expect(routing.requests == 200)
        #expect(routing.sentToDeadBackend == deadRequests.count)
        return (detected, deadRequests)
    }

    @Test(arguments: [(HealthCheckSettings.gcp, true), (.gcp, false), (.awsNLB, true), (.awsNLB, false)])
    func aDeadBackendReceivesRequestsUntilUnhealthyThresholdFailedProbesAndNoneAfter(settings: HealthCheckSettings, refused: Bool) {
        let run = deadBackendRun(settings, refused: refused)
        let expected = refused ? settings.refusedDeadBackendDetection : settings.worstCaseDeadBackendDetection
        #expect(run.detected == SimInstant(expected))
        #expect(!run.deadRequests.isEmpty)
        #expect(run.deadRequests.allSatisfy { $0 < SimInstant(expected) })
    }

    @Test func gcpDetectsADeadMasterAboutSixTimesSoonerThanAnAWSNLB() {
        let gcp = deadBackendRun(.gcp, refused: true)
        let aws = deadBackendRun(.awsNLB, refused: true)
        #expect(gcp.detected == SimInstant(.seconds(10)))
        #expect(aws.detected == SimInstant(.seconds(60)))
        #expect(gcp.deadRequests.count < aws.deadRequests.count)
    }
}
