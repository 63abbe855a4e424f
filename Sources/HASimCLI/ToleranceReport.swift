import Foundation
import Simulation

/// What `analyze` prints about one scenario's etcd placement: a human
/// summary, or one JSON object (the scenario's name and path beside every
/// field of `FailureTolerance`, flat).
struct ToleranceReport: Encodable {
    var scenario: String
    var scenarioPath: String
    var tolerance: FailureTolerance

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
        return lines.joined(separator: "\n")
    }

    private enum CodingKeys: String, CodingKey {
        case scenario, scenarioPath
    }

    /// Both keyed containers write into the same JSON object, so the
    /// tolerance's fields sit beside `scenario` rather than under a key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(scenarioPath, forKey: .scenarioPath)
        try tolerance.encode(to: encoder)
    }

    /// One object, or an array of them; keys sorted so the output is stable.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
