import SimKernel
import Simulation
import Yams

/// The control-plane fault kinds: componentCrash, clockStep, clockDrift and grayLeader.
extension ScenarioParser {
    static let componentCrashKeys = ["component", "host"]
    static let clockStepKeys = ["host", "forward", "backward"]
    static let clockDriftKeys = ["host", "ppm"]

    static func parseControlPlaneFault(_ kindName: String, _ value: Node, _ path: String, _ targets: TargetReader) throws(ScenarioError) -> FaultKind {
        let reader = targets.reader
        switch kindName {
        case "componentCrash":
            let fields = try reader.mapping(value, path, allowed: componentCrashKeys, what: "{component: COMPONENT, host: HOST}")
            let componentNode = try reader.required(fields, "component")
            let name = try reader.string(componentNode, fields.path("component"), what: "a component name")
            let present = targets.topology.access.components
            guard let component = ControlPlaneComponent(rawValue: name), present.contains(component) else {
                throw unknownName("component", name, known: present.map(\.rawValue), at: componentNode, fields.path("component"), reader)
            }
            return .componentCrash(component, try targets.masterHost(try reader.required(fields, "host"), fields.path("host")))
        case "clockStep":
            let fields = try reader.mapping(value, path, allowed: clockStepKeys, what: "{host: HOST, forward: DURATION} or {host: HOST, backward: DURATION}")
            let host = try targets.host(try reader.required(fields, "host"), fields.path("host"))
            switch (fields["forward"], fields["backward"]) {
            case (.some, nil): return .clockStep(host, by: try reader.positiveDuration(fields, "forward"))
            case (nil, .some): return .clockStep(host, by: .zero - (try reader.positiveDuration(fields, "backward")))
            default: throw reader.error(at: value, path, "expected exactly one of forward or backward")
            }
        case "clockDrift":
            let fields = try reader.mapping(value, path, allowed: clockDriftKeys, what: "{host: HOST, ppm: NUMBER}")
            let host = try targets.host(try reader.required(fields, "host"), fields.path("host"))
            let ppmNode = try reader.required(fields, "ppm")
            let ppm = try reader.number(ppmNode, fields.path("ppm"))
            // Below -1000000 ppm the clock would stand still or run backwards.
            guard ppm > -1_000_000, ppm <= 1_000_000 else {
                throw reader.error(at: ppmNode, fields.path("ppm"), "expected parts per million above -1000000 and at most 1000000, found \(ppm)")
            }
            return .clockDrift(host, ppm: ppm)
        default:
            return .grayLeader(try targets.lease(value, path))
        }
    }

}
