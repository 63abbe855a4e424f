import SimKernel
import Simulation
import Yams

/// One entry of `faults`: exactly one kind key, plus `at` and optional `for`.
extension ScenarioParser {
    static let faultKinds = ["zoneOutage", "crash", "etcdCrash", "pause", "partition", "degrade", "slowDisk",
                             "componentCrash", "clockStep", "clockDrift", "grayLeader", "loadBalancerOutage", "stop", "reboot"]
    static let faultKeys = ["at", "for"] + faultKinds
    static let partitionShapes = ["isolate", "groups", "oneWay", "bridge", "ring"]
    static let oneWayKeys = ["from", "to"]
    static let degradationKeys = ["between", "and", "latency", "loss"]
    static let slowDiskKeys = ["host", "fsync"]

    static func parseFault(
        _ node: Node, _ path: String, targets: TargetReader, duration: SimDuration
    ) throws(ScenarioError) -> Fault {
        let reader = targets.reader
        let fields = try reader.mapping(node, path, allowed: faultKeys, what: "a fault such as {at: 10m, zoneOutage: a, for: 30m}")
        let (kindName, value) = try fields.exactlyOne(of: faultKinds, naming: "fault kind", reader)
        let kindPath = fields.path(kindName)
        let kind: FaultKind
        switch kindName {
        case "zoneOutage": kind = .zoneOutage(try targets.zone(value, kindPath))
        case "crash": kind = .hostCrash(try targets.host(value, kindPath))
        case "etcdCrash": kind = .etcdCrash(try targets.etcdHost(value, kindPath))
        case "pause": kind = .hostPause(try targets.host(value, kindPath))
        case "partition": kind = .partition(try parsePartition(value, kindPath, targets))
        case "degrade": kind = .degrade(try parseDegradation(value, kindPath, targets))
        case "componentCrash", "clockStep", "clockDrift", "grayLeader":
            kind = try parseControlPlaneFault(kindName, value, kindPath, targets)
            if kindName == "clockStep", let lasting = fields["for"] {
                throw reader.error(at: lasting, fields.path("for"), "a clock step is instantaneous and takes no for; step back with another clockStep")
            }
        case "loadBalancerOutage":
            guard value.bool == true else { throw reader.error(at: value, kindPath, "expected true, found \(reader.describe(value))") }
            kind = .loadBalancerOutage
        case "stop":
            kind = .hostStop(try targets.controlPlaneHost(value, kindPath))
        case "reboot":
            kind = .hostReboot(try targets.controlPlaneHost(value, kindPath))
            guard fields["for"] != nil else {
                throw reader.error(at: value, kindPath, "a reboot needs for: how long the host stays down once its processes have stopped, e.g. {at: 10m, reboot: \(value.scalar?.string ?? "HOST"), for: 2m}")
            }
        default:
            let disk = try reader.mapping(value, kindPath, allowed: slowDiskKeys, what: "{host: HOST, fsync: DISTRIBUTION}")
            kind = .slowDisk(try targets.etcdHost(try reader.required(disk, "host"), disk.path("host")),
                             fsync: try reader.distribution(try reader.required(disk, "fsync"), disk.path("fsync")))
        }
        if let reason = kind.unreachedReason(in: targets.topology) {
            throw reader.error(at: value, kindPath, "this fault would change nothing: \(reason)")
        }
        let atNode = try reader.required(fields, "at")
        let at = try reader.distribution(atNode, fields.path("at"))
        guard at.minimum < duration else {
            throw reader.error(at: atNode, fields.path("at"), "\(at.isFixed ? "the fault starts at" : "the fault can start no earlier than") \(at.minimum), at or after the end of the run (\(duration)); expected a start before \(duration)")
        }
        let lasting = try fields["for"].map { node throws(ScenarioError) in try reader.distribution(node, fields.path("for")) }
        return Fault(kind: kind, at: at, duration: lasting)
    }

    static func parsePartition(_ node: Node, _ path: String, _ targets: TargetReader) throws(ScenarioError) -> PartitionShape {
        let reader = targets.reader
        let fields = try reader.mapping(node, path, allowed: partitionShapes, what: "a partition shape such as {isolate: zone-of:etcd-leader}")
        guard fields.entries.count == 1, let (shape, _, value) = fields.entries.first else {
            throw reader.error(at: node, path, "expected exactly one partition shape, one of \(partitionShapes.joined(separator: ", "))")
        }
        let shapePath = fields.path(shape)
        switch shape {
        case "isolate":
            return .isolate(try targets.hostSet(value, shapePath))
        case "groups":
            var groups: [HostSet] = []
            for (index, item) in try reader.sequence(value, shapePath, what: "a list of groups, e.g. [[a], [b, c]]").enumerated() {
                groups.append(try targets.hostSet(item, "\(shapePath)[\(index)]"))
            }
            guard groups.count >= 2 else { throw reader.error(at: value, shapePath, "expected at least two groups") }
            return .groups(groups)
        case "oneWay":
            let ends = try reader.mapping(value, shapePath, allowed: oneWayKeys, what: "{from: SET, to: SET}")
            return .oneWay(from: try targets.hostSet(try reader.required(ends, "from"), ends.path("from")),
                           to: try targets.hostSet(try reader.required(ends, "to"), ends.path("to")))
        case "bridge":
            return .bridge(try targets.etcdHost(value, shapePath))
        default:
            guard value.bool == true else { throw reader.error(at: value, shapePath, "expected true, found \(reader.describe(value))") }
            return .ring
        }
    }

    static func parseDegradation(_ node: Node, _ path: String, _ targets: TargetReader) throws(ScenarioError) -> LinkDegradation {
        let reader = targets.reader
        let fields = try reader.mapping(node, path, allowed: degradationKeys,
                                        what: "{between: SET, and: SET, latency: DISTRIBUTION, loss: FRACTION}")
        let latency = try fields["latency"].map { node throws(ScenarioError) in try reader.distribution(node, fields.path("latency")) }
        let loss = try fields["loss"].map { node throws(ScenarioError) in try reader.fraction(node, fields.path("loss")) } ?? 0
        guard latency != nil || loss > 0 else {
            throw reader.error(at: node, path, "a degradation needs latency, loss or both")
        }
        return LinkDegradation(
            between: try targets.hostSet(try reader.required(fields, "between"), fields.path("between")),
            and: try targets.hostSet(try reader.required(fields, "and"), fields.path("and")),
            latency: latency, loss: loss)
    }
}
