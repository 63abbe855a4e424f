import ArgumentParser
import SimKernel
import Simulation

/// `check FILE --each zone-outage=30m`: the standard single-failure suites a
/// CI gate runs over a topology, generated rather than written by hand. Each
/// case is the scenario as written plus one more fault, appended after the
/// file's own (so the file's faults keep their random streams, `faults/<i>`,
/// and the new one draws from its own):
///
/// - `zone-outage[=FOR]`: one case per zone, the zone dark (`zoneOutage`);
/// - `master-crash[=FOR]`: one case per master present at the start (`crash`);
/// - `zone-isolation[=FOR]`: one case per zone, the zone cut off from the
///   other zones and the outside but up (`partition: {isolate: ZONE}`).
///
/// Every fault starts at `@AT`, by default 10 minutes into the run or a
/// quarter of the run when that is shorter (the library's faults start at
/// 10m: the cluster has settled by then), and lasts FOR, or to the end of
/// the run without one. docs/CI-GATES.md describes them.
struct StandardSuite: Equatable, CustomStringConvertible {
    enum Kind: String, CaseIterable {
        case zoneOutage = "zone-outage"
        case masterCrash = "master-crash"
        case zoneIsolation = "zone-isolation"
    }

    var kind: Kind
    /// How long each case's fault lasts; nil: to the end of the run.
    var lasting: SimDuration?
    /// When it starts; nil: `defaultStart(duration)`.
    var start: SimDuration?

    /// One generated run: its name (`zone-outage:a`) and the scenario.
    struct Case {
        var name: String
        var scenario: Scenario
    }

    static let latestDefaultStart = SimDuration.minutes(10)

    static func defaultStart(_ duration: SimDuration) -> SimDuration {
        min(latestDefaultStart, SimDuration(nanoseconds: duration.nanoseconds / 4))
    }

    /// As written back on a reproduce line: `zone-outage=30m@10m`.
    var description: String {
        kind.rawValue + (lasting.map { "=\(DurationText.format($0))" } ?? "") + (start.map { "@\(DurationText.format($0))" } ?? "")
    }

    /// The option's parser: `KIND[=FOR][@AT]`.
    static func parse(_ text: String) throws -> StandardSuite {
        var rest = Substring(text)
        var start: SimDuration?
        if let at = rest.firstIndex(of: "@") {
            start = try duration(String(rest[rest.index(after: at)...]), "start", text)
            rest = rest[..<at]
        }
        var lasting: SimDuration?
        if let equals = rest.firstIndex(of: "=") {
            lasting = try duration(String(rest[rest.index(after: equals)...]), "duration", text)
            rest = rest[..<equals]
        }
        guard let kind = Kind(rawValue: String(rest)) else {
            throw ValidationError(
                "--each \(text): unknown suite \"\(rest)\"; expected one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), as KIND[=FOR][@AT] such as zone-outage=30m"
            )
        }
        if let lasting, lasting <= .zero { throw ValidationError("--each \(text): the fault must last longer than 0") }
        return StandardSuite(kind: kind, lasting: lasting, start: start)
    }

    private static func duration(_ value: String, _ what: String, _ text: String) throws -> SimDuration {
        do {
            return try DurationText.parse(value)
        } catch {
            throw ValidationError("--each \(text): the \(what) \(error); expected KIND[=FOR][@AT] such as zone-outage=30m@10m")
        }
    }

    /// The cases for this scenario, in zone or host order; a zone whose cut
    /// would change nothing the model simulates (workers only, no client
    /// probe) is left out and named in `skipped`. Throws a sentence when the
    /// fault would start at or after the end of the run.
    func cases(of scenario: Scenario) throws(SuiteProblem) -> (cases: [Case], skipped: [String]) {
        let at = start ?? Self.defaultStart(scenario.duration)
        guard at < scenario.duration else {
            throw SuiteProblem(
                message:
                    "--each \(self): the fault would start at \(at), at or after the end of the run (\(scenario.duration)); expected a start before \(scenario.duration), such as @\(Self.defaultStart(scenario.duration))"
            )
        }
        let topology = scenario.topology
        let targets: [(String, FaultKind)]
        switch kind {
        case .zoneOutage:
            targets = topology.zones.indices.map { (topology.zones[$0], .zoneOutage(.zone($0))) }
        case .zoneIsolation:
            targets = topology.zones.indices.map { (topology.zones[$0], .partition(.isolate(.zone(.zone($0))))) }
        case .masterCrash:
            targets = topology.hosts.filter { $0.role == .master && $0.initiallyProvisioned }.map { ($0.name, .hostCrash(.host($0.id))) }
        }
        var cases: [Case] = []
        var skipped: [String] = []
        for (target, kind) in targets {
            let name = "\(self.kind.rawValue):\(target)"
            if case .zoneOutage(.zone(let zone)) = kind, !topology.hosts.contains(where: { $0.zone == zone }) {
                skipped.append("\(name) (no host in the zone)")
                continue
            }
            if let reason = kind.unreachedReason(in: topology) {
                skipped.append("\(name) (\(reason))")
                continue
            }
            var generated = scenario
            generated.faults.append(Fault(kind: kind, at: .fixed(at), duration: lasting.map { .fixed($0) }))
            cases.append(Case(name: name, scenario: generated))
        }
        return (cases, skipped)
    }

    struct SuiteProblem: Error {
        var message: String
    }
}
