import SimKernel

/// What a scenario expects of its run; checked by `hasim check` and CI.
public enum RunExpectation: Hashable, Sendable {
    /// A metric within bounds, e.g. `{metric: hosts.masters.up.fraction, atLeast: 0.99}`.
    case metric(name: String, atLeast: Double?, atMost: Double?)
    /// The condition holds at no time, e.g. `{never: noMasterUp}`.
    case never(ClusterCondition)
    /// The condition holds at all times, e.g. `{always: anyMasterUp}`.
    case always(ClusterCondition)
    /// The condition never holds for a stretch longer than the limit, e.g.
    /// `{never: etcdQuorumLost, longerThan: 5s}`: an election's second of
    /// leaderlessness passes, a lost quorum does not.
    case neverLongerThan(ClusterCondition, SimDuration)
    /// The condition never stops holding for a stretch longer than the limit,
    /// e.g. `{always: anyMasterUp, longerThan: 30s}`.
    case alwaysExceptShorterThan(ClusterCondition, SimDuration)
    /// An availability condition's uptime meets an SLO as a provider
    /// defines it in every whole window of the run, e.g.
    /// `{slo: api.external, preset: gke-regional}` (docs/SLO.md).
    case slo(ServiceLevelObjective)

    /// A stable, readable name, stored in the `expectation` table.
    public var name: String {
        switch self {
        case .metric(let name, let low, let high):
            var parts = [name]
            if let low { parts.append("atLeast \(formatBound(low))") }
            if let high { parts.append("atMost \(formatBound(high))") }
            return parts.joined(separator: " ")
        case .never(let condition): return "never \(condition.rawValue)"
        case .always(let condition): return "always \(condition.rawValue)"
        case .neverLongerThan(let condition, let limit): return "never \(condition.rawValue) longerThan \(limit)"
        case .alwaysExceptShorterThan(let condition, let limit): return "always \(condition.rawValue) longerThan \(limit)"
        case .slo(let objective): return objective.name
        }
    }

    /// The bound as text, stored beside the observed value.
    public var boundText: String {
        switch self {
        case .metric(_, let low, let high):
            switch (low, high) {
            case let (low?, high?): return ">= \(formatBound(low)) and <= \(formatBound(high))"
            case let (low?, nil): return ">= \(formatBound(low))"
            case let (nil, high?): return "<= \(formatBound(high))"
            case (nil, nil): return "any"
            }
        case .never: return "0 s holding"
        case .always: return "0 s not holding"
        case .neverLongerThan(_, let limit): return "longest stretch holding <= \(formatBound(limit.seconds)) s"
        case .alwaysExceptShorterThan(_, let limit): return "longest stretch not holding <= \(formatBound(limit.seconds)) s"
        case .slo(let objective): return objective.boundText
        }
    }
}

extension Scenario {
    /// The SLOs its `slo` expectations judge, in order: what a summary of
    /// many runs (`YearlyDowntime.Run`) must keep each run's windows of.
    public var serviceLevelObjectives: [ServiceLevelObjective] {
        expectations.compactMap { if case .slo(let objective) = $0 { objective } else { nil } }
    }
}

/// Prints a bound without a trailing `.0` for whole numbers.
func formatBound(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
