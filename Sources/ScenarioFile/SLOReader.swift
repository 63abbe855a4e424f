import SimKernel
import Simulation
import Yams

/// `{slo: CONDITION, availability: 99.95%, window: 30d, downtimePeriod: 1m}`
/// and `{slo: CONDITION, preset: gke-regional}`: an SLO as a provider
/// defines it (docs/SLO.md). Keys given beside a preset override its figures.
extension ScenarioParser {
    static let sloKeys = ["availability", "window", "downtimePeriod", "preset"]

    static func parseSLO(
        _ value: Node, _ fields: Fields, topology: Topology, workloads: [Workload], duration: SimDuration,
        _ reader: YAMLReader
    ) throws(ScenarioError) -> ServiceLevelObjective {
        let kindPath = fields.path("slo")
        for key in ["atLeast", "atMost", "longerThan"] {
            guard let entry = fields.entries.first(where: { $0.key == key }) else { continue }
            throw reader.error(
                at: entry.keyNode, fields.path(key),
                "slo takes availability, window, downtimePeriod or preset; \(key) goes with \(key == "longerThan" ? "never and always" : "metric")")
        }
        let name = try reader.string(value, kindPath, what: "an availability condition name")
        let recorded = DowntimeCondition.recorded(topology, workloads: workloads)
        guard let condition = DowntimeCondition(rawValue: name), recorded.contains(condition) else {
            throw unknownName("availability condition", name, known: recorded.map(\.rawValue), at: value, kindPath, reader)
        }
        guard DowntimeCondition.applicable(topology: topology, workloads: workloads).contains(condition) else {
            let why: String
            switch condition.kind {
            case .client(ClientClass.externalName): why = "no outside client probes the API; set topology.access.clients.external above zero"
            case .client(ClientClass.inClusterName): why = "no in-cluster client probes the API; set topology.access.clients.inCluster above zero"
            case .client(let name): why = "client class \(name) sends no requests; give it a rate above zero"
            case .service(let workload): why = "workload \(workload) has no replicas, so its Service has no callers to fail"
            default: why = "the scenario has no workloads"
            }
            throw reader.error(at: value, kindPath, "\(condition.rawValue) cannot fail in this scenario: \(why)")
        }
        var preset: ServiceLevelObjective.Preset?
        if let node = fields["preset"] {
            let presetName = try reader.string(node, fields.path("preset"), what: "a preset name")
            guard let found = ServiceLevelObjective.Preset(rawValue: presetName) else {
                throw unknownName("preset", presetName, known: ServiceLevelObjective.Preset.allCases.map(\.rawValue), at: node, fields.path("preset"), reader)
            }
            preset = found
        }
        var objective =
            preset.map { ServiceLevelObjective(condition: condition, preset: $0) }
            ?? ServiceLevelObjective(condition: condition, availability: .nan)
        if let node = fields["availability"] {
            objective.availability = try availability(node, fields.path("availability"), reader)
        } else if preset == nil {
            throw reader.error(
                at: fields.node, fields.path("slo"),
                "an slo needs availability (such as 99.95%) or a preset, one of \(ServiceLevelObjective.Preset.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let windowNode = fields["window"]
        if let windowNode {
            objective.window = try reader.duration(windowNode, fields.path("window"))
            guard objective.window > .zero else {
                throw reader.error(at: windowNode, fields.path("window"), "expected a duration above zero such as 30d, found \(objective.window)")
            }
        }
        guard objective.window <= duration else {
            throw reader.error(
                at: windowNode ?? fields.node, fields.path("window"),
                "the window (\(objective.window)) is longer than the run (\(duration)); expected at most \(duration), so that the run holds a whole window")
        }
        let windows = duration.nanoseconds / objective.window.nanoseconds
        guard windows <= ScenarioLimits.sloWindows else {
            throw reader.error(
                at: windowNode ?? fields.node, fields.path("window"),
                "the run (\(duration)) holds \(windows) windows of \(objective.window); expected at most \(ScenarioLimits.sloWindows), a longer window")
        }
        let periodNode = fields["downtimePeriod"]
        if let periodNode {
            objective.downtimePeriod = try reader.duration(periodNode, fields.path("downtimePeriod"))
            guard objective.downtimePeriod > .zero else {
                throw reader.error(
                    at: periodNode, fields.path("downtimePeriod"), "expected a duration above zero such as 1m, found \(objective.downtimePeriod)")
            }
        }
        guard objective.window.nanoseconds % objective.downtimePeriod.nanoseconds == 0 else {
            throw reader.error(
                at: periodNode ?? windowNode ?? fields.node, fields.path(periodNode != nil ? "downtimePeriod" : "window"),
                "the window (\(objective.window)) is not a whole number of downtime periods (\(objective.downtimePeriod)); expected a period that divides it, such as 1m"
            )
        }
        // A preset's name stays only while its figures do: overridden, the name says what is judged.
        if let preset, objective != ServiceLevelObjective(condition: condition, preset: preset) { objective.preset = nil }
        return objective
    }

    /// An availability: above 0 and at most 1 (or 100%), so that `99.95`
    /// (meant as a percentage) is refused instead of never passing.
    static func availability(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> Double {
        let value = try reader.number(node, path)
        guard value > 0, value <= 1 else {
            let text = node.scalar?.string ?? reader.describe(node)
            let hint = value > 1 && value <= 100 ? "; for a percentage write \(text)%" : ""
            throw reader.error(at: node, path, "expected an availability above 0 and at most 1 (or 100%), such as 99.95%, found \(text)\(hint)")
        }
        return value
    }
}
