import SimKernel

/// Closing the books: every recorder closed at the end, then the metrics
/// each subsystem declares (`World.metricDefinitions`), intervals, expectations.
extension World {
    mutating func finish() -> RunResult {
        let end = self.end
        recording.finish(at: end)
        access.finish(at: end)
        finishWorkers()
        downtime.finish(at: end)
        leases.finish(at: end)
        let metrics = metricValues()
        var result = RunResult(
            scenarioName: scenario.name, seed: random.rootSeed, duration: scenario.duration,
            digest: queue.digest, unseed: random.unseed(), eventsDispatched: queue.dispatchedCount,
            metrics: metrics, intervals: recording.timeline.intervals,
            events: recording.events.finished(at: end, droppedIntervals: recording.timeline.dropped), expectations: [])
        result.expectations = scenario.expectations.map { evaluate($0, metrics: metrics) }
        result.quietTimeSkipped = fastForward.skipped
        result.quietSkips = fastForward.skips
        result.controlPlaneFrozen = fastForward.frozenSpan
        result.controlPlaneFreezes = fastForward.freezes
        result.downtime = downtime.intervals
        result.traffic = network.traffic
        return result
    }

    /// Every declared metric's value, read from the World once its recorders are closed.
    func metricValues() -> [MetricValue] {
        World.metricDefinitions(for: scenario.topology, workloads: scenario.workloads, failures: scenario.failures, operations: scenario.operations).map {
            MetricValue(name: $0.entry.name, value: $0.value(self), unit: $0.entry.unit)
        }
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
        case .slo(let objective):
            let windows = objective.windows(of: downtime.intervals, duration: scenario.duration)
            // Validation refuses a window longer than the run; none judged fails rather than passes.
            guard let worst = ServiceLevelObjective.worst(windows) else {
                return ExpectationOutcome(
                    name: expectation.name, passed: false, observed: .nan, bound: expectation.boundText,
                    detail: "no whole \(objective.window) window in the run (\(scenario.duration))")
            }
            return ExpectationOutcome(
                name: expectation.name, passed: windows.allSatisfy(\.met), observed: worst.uptime,
                bound: expectation.boundText, detail: objective.detail(windows, worst: worst, duration: scenario.duration))
        }
    }
}
