import SimKernel

/// Closing the books: metrics in catalogue order, intervals, expectations.
extension World {
    mutating func finish() -> RunResult {
        let end = self.end
        timeline.finish(at: end)
        for index in conditions.indices { conditions[index].finish(at: end) }
        loadBalancerPropagating.finish(at: end)
        externalProbe.finish(at: end)
        inClusterProbe.finish(at: end)
        let topology = scenario.topology
        let quorumLost = tracker(.etcdQuorumLost)
        var values: [String: Double] = [
            "hosts.masters.up.fraction": mastersUp.average(until: end),
            "hosts.masters.noneUp.seconds": tracker(.noMasterUp).total.seconds,
            "hosts.masters.noneUp.longest.seconds": tracker(.noMasterUp).longest.seconds,
            "hosts.masters.majorityDown.seconds": tracker(.masterMajorityDown).total.seconds,
            "faults.injected": Double(faultsInjected),
            "etcd.quorum.availability": 1 - quorumLost.total.seconds / scenario.duration.seconds,
            "etcd.leaderless.seconds": quorumLost.total.seconds,
            "etcd.leaderless.longest.seconds": quorumLost.longest.seconds,
            "etcd.elections": Double(elections),
            "etcd.term.max": Double(maxTerm),
            "etcd.write.probes": Double(probe.writes.count),
            "etcd.write.availability": probeAvailability,
            "etcd.write.latency.p50.seconds": probe.latencies.quantile(0.5),
            "etcd.write.latency.p99.seconds": probe.latencies.quantile(0.99),
            "access.loadBalancer.propagating.seconds": loadBalancerPropagating.total.seconds,
            "api.externalIP.unreachable.seconds": tracker(.externalIPUnreachable).total.seconds,
            "api.external.availability": externalProbe.availability,
            "api.external.longestOutage.seconds": externalProbe.outage.longest.seconds,
            "api.external.deadBackendRequests": Double(deadBackendRequests),
            "api.external.pinned.seconds": externalConnection.pinnedTotal(at: end).seconds,
            "api.external.reconnects": Double(externalConnection.reconnects),
            "api.incluster.pinned.seconds": inClusterConnection.pinnedTotal(at: end).seconds,
            "api.incluster.reconnects": Double(inClusterConnection.reconnects),
            "api.external.availability.whilePropagating": externalProbe.availabilityWhilePropagating,
            "api.incluster.availability": inClusterProbe.availability,
            "api.incluster.longestOutage.seconds": inClusterProbe.outage.longest.seconds,
            "api.external.latency.p50.seconds": externalProbe.latencies.quantile(0.5),
            "api.external.latency.p99.seconds": externalProbe.latencies.quantile(0.99),
            "api.incluster.latency.p50.seconds": inClusterProbe.latencies.quantile(0.5),
            "api.incluster.latency.p99.seconds": inClusterProbe.latencies.quantile(0.99),
            "kubernetesService.endpoints.writes": Double(serviceEndpoints.writes),
        ]
        for index in LeaseName.allCases.indices {
            leaseOverlap[index].finish(at: end)
            leaseHolderless[index].finish(at: end)
            leaseUseless[index].finish(at: end)
        }
        let ready = apiServerReady.map { $0.average(until: end) }
        values["apiserver.ready.fraction"] = apiServersReadyFraction.average(until: end)
        values["apiserver.noneReady.seconds"] = tracker(.noAPIServerReady).total.seconds
        for (index, server) in apiServers.enumerated() {
            values["apiserver.\(hosts[server.host].name).ready.fraction"] = ready[index]
        }
        for lease in LeaseName.allCases {
            let index = lease.index, name = lease.rawValue
            values["lease.\(name).overlap.seconds"] = leaseOverlap[index].total.seconds
            values["lease.\(name).holderless.seconds"] = leaseHolderless[index].total.seconds
            values["lease.\(name).holderless.longest.seconds"] = leaseHolderless[index].longest.seconds
            values["lease.\(name).transitions"] = Double(leases[index].leaderTransitions)
            values["lease.\(name).useless.seconds"] = leaseUseless[index].total.seconds
        }
        let attempts = addonManagers.reduce(0) { $0 + $1.attempts }
        values["addons.sync.staleness.max.seconds"] = addonStalenessMax.seconds
        values["addons.sync.availability"] = attempts == 0 ? .nan : Double(addonManagers.reduce(0) { $0 + $1.successes }) / Double(attempts)
        if topology.workerCount > 0 {
            values["hosts.workers.up.fraction"] = workersUp.average(until: end) / Double(topology.workerCount)
        }
        for (zone, name) in topology.zones.enumerated() {
            values["zone.\(name).availability"] = zoneUp[zone].average(until: end)
        }
        // Stored in catalogue order, never in dictionary order.
        let metrics = MetricCatalog.entries(for: topology).map {
            MetricValue(name: $0.name, value: values[$0.name]!, unit: $0.unit)
        }
        var result = RunResult(
            scenarioName: scenario.name, seed: random.rootSeed, duration: scenario.duration,
            digest: queue.digest, unseed: random.unseed(), eventsDispatched: queue.dispatchedCount,
            metrics: metrics, intervals: timeline.intervals, events: events, expectations: [])
        result.expectations = scenario.expectations.map { evaluate($0, metrics: metrics) }
        return result
    }

    /// Successful writes over judged writes; writes still waiting at the end are not judged.
    var probeAvailability: Double {
        let judged = probe.succeeded + probe.failed
        return judged == 0 ? .nan : Double(probe.succeeded) / Double(judged)
    }

    func evaluate(_ expectation: RunExpectation, metrics: [MetricValue]) -> ExpectationOutcome {
        switch expectation {
        case .metric(let name, let low, let high):
            // Validation guarantees the metric exists; a missing or undefined one fails rather than crashes.
            let observed = metrics.first { $0.name == name }?.value ?? .nan
            let passed = observed >= (low ?? -.infinity) && observed <= (high ?? .infinity)
            return ExpectationOutcome(name: expectation.name, passed: passed, observed: observed, bound: expectation.boundText)
        case .never(let condition):
            let held = tracker(condition).total.seconds
            return ExpectationOutcome(name: expectation.name, passed: held == 0, observed: held, bound: expectation.boundText)
        case .always(let condition):
            let notHeld = scenario.duration.seconds - tracker(condition).total.seconds
            return ExpectationOutcome(name: expectation.name, passed: notHeld == 0, observed: notHeld, bound: expectation.boundText)
        case .neverLongerThan(let condition, let limit):
            let longest = tracker(condition).longest
            return ExpectationOutcome(name: expectation.name, passed: longest <= limit, observed: longest.seconds, bound: expectation.boundText)
        case .alwaysExceptShorterThan(let condition, let limit):
            let longest = tracker(condition).longestAbsent
            return ExpectationOutcome(name: expectation.name, passed: longest <= limit, observed: longest.seconds, bound: expectation.boundText)
        }
    }
}
