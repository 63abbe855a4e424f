import Foundation
import SimKernel
import Simulation

/// What `analyze` prints about one scenario's etcd placement: a human
/// summary, or one JSON object (the scenario's name and path beside every
/// field of `FailureTolerance`, flat), and for a scenario with `failures:`
/// the quorum availability they predict (`QuorumAvailability`, under the
/// key `quorumAvailability`, or why not in `quorumAvailabilityNote`).
struct ToleranceReport: Encodable {
    var scenario: String
    var scenarioPath: String
    var tolerance: FailureTolerance
    var availability: Result<QuorumAvailability, QuorumAvailability.Unavailable>?

    init(scenario: Scenario, scenarioPath: String) {
        self.scenario = scenario.name
        self.scenarioPath = scenarioPath
        tolerance = FailureTolerance(topology: scenario.topology)
        if !scenario.failures.isEmpty {
            availability = Result(catching: { () throws(QuorumAvailability.Unavailable) in try QuorumAvailability(scenario) })
        }
    }

    func text() -> String {
        let t = tolerance
        let placement = zip(t.zones, t.membersPerZone).map { "\($0): \($1)" }.joined(separator: ", ")
        var lines = [
            "\(scenario): \(counted(t.members, "etcd member")) over \(counted(t.zones.count, "zone")) (\(placement)), quorum \(t.quorum)",
            "  tolerates \(counted(t.hostFailuresTolerated, "member failure")) anywhere",
            "  zone losses tolerated (worst case): \(t.zoneLossesTolerated)",
        ]
        for loss in t.singleZoneLosses + t.zonePairLosses {
            let what = loss.zones.count == 1 ? "zone" : "zones"
            lines.append("  lose \(what) \(loss.zones.joined(separator: "+")): quorum \(loss.quorumKept ? "kept" : "lost") (\(loss.membersLeft) of \(t.members) left)")
        }
        if t.warnings.isEmpty {
            lines.append("  warnings: none")
        } else {
            lines.append("  warnings:")
            lines += t.warnings.map { "    \($0.code): \($0.message)" }
        }
        switch availability {
        case .success(let figures): lines += Self.availabilityLines(figures)
        case .failure(let reason): lines.append("  quorum availability: \(Self.note(reason))")
        case nil: break
        }
        return lines.joined(separator: "\n")
    }

    static func availabilityLines(_ a: QuorumAvailability) -> [String] {
        var lines = [
            "  quorum availability from the failure processes (independent, exponential, steady state; docs/FAILURES.md):",
            "    \(downText("member", a.memberDown))\(a.zoneDown.contains { $0 > 0 } ? "; " + downText("zone", a.zoneDown) : "")",
            "    member failures alone (k-of-n, \(a.quorum) of \(a.members) up): \(availabilityText(lost: a.memberFailuresLost))",
        ]
        if a.zoneDown.contains(where: { $0 > 0 }) {
            lines.append("    with zone failures: \(availabilityText(lost: a.withZonesLost))")
        }
        let run = SimDuration(seconds: a.runSeconds)
        lines.append("    expected over this run (\(run), everything up at the start): \(availabilityText(lost: a.overRunLost))")
        return lines
    }

    /// "each member down 2.31e-04", or every value in order when they differ.
    static func downText(_ noun: String, _ values: [Double]) -> String {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return "each \(noun) down \(String(format: "%.3g", first))" }
        return "\(noun)s down " + values.map { String(format: "%.3g", $0) }.joined(separator: ", ")
    }

    /// "0.99999984, 0.084 min of quorum loss a year": the availability with
    /// three significant digits of what it misses, and that as minutes.
    static func availabilityText(lost: Double) -> String {
        guard lost > 0 else { return "1, no quorum loss" }
        let decimals = max(3, Int((-log10(lost)).rounded(.down)) + 3)
        return String(format: "%.*f, %.3g min of quorum loss a year", decimals, 1 - lost, lost * QuorumAvailability.minutesPerYear)
    }

    static func note(_ reason: QuorumAvailability.Unavailable) -> String {
        switch reason {
        case .noFailureReachesEtcd: return "no failure process reaches an etcd member or its zone"
        case .notExponential(let process): return "not computed: failures[\(process)] reaches etcd and its mtbf or mttr is not exponential (docs/FAILURES.md)"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case scenario, scenarioPath, quorumAvailability, quorumAvailabilityNote
    }

    /// Both keyed containers write into the same JSON object, so the
    /// tolerance's fields sit beside `scenario` rather than under a key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(scenarioPath, forKey: .scenarioPath)
        switch availability {
        case .success(let figures): try container.encode(figures, forKey: .quorumAvailability)
        case .failure(let reason): try container.encode(Self.note(reason), forKey: .quorumAvailabilityNote)
        case nil: break
        }
        try tolerance.encode(to: encoder)
    }

    /// One object, or an array of them; keys sorted so the output is stable.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
