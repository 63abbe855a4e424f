import SimKernel
import Simulation
import Yams

/// `operations`: master additions and removals, resolved before the run to
/// concrete hosts. Replaying the list in order gives every master its name
/// (`master-<zone>-<n>`, n never reused) and the capacity of each zone.
extension ScenarioParser {
    static let operationKinds = ["addMaster", "removeMaster", "scaleMasters", "upgradeMasters", "replaceMasters", "drainNode", "upgradeWorkers"]
    static let operationKeys = ["at", "graceful"] + operationKinds
    static let upgradeKeys = ["order", "restart", "timeout"]
    static let drainKeys = ["node", "timeout", "uncordon"]
    static let workerUpgradeKeys = ["maxSurge", "maxUnavailable", "timeout", "zone"]
    /// Nodes a node pool upgrade replaces at once: EKS's documented
    /// maximum for `maxUnavailable` (its `UpdateConfig`), taken for
    /// `maxSurge` too.
    static let workerUpgradeParallelLimit = 100

    /// An operation that changes no master, placed among the masters' steps.
    enum Inserted {
        case upgrade([MasterSlot], InPlaceUpgrade)
        /// The worker by name: its host id is known once the masters are.
        case drain(String, NodeDrain)
        /// The old and new workers by name.
        case upgradeWorkers([String], [String], WorkerUpgrade)
    }

    /// A master as the sequence knows it: zone and number.
    struct MasterSlot: Equatable {
        var zone: Int
        var number: Int
    }

    /// One operation to resolve: an `operations[]` entry, or one occurrence
    /// of a `maintenance[]` entry (`MaintenanceReader`).
    struct OperationItem {
        var at: SimDuration
        var kind: String
        var value: Node
        var item: Node
        var path: String
        var kindPath: String
        var graceful: Bool
        var entry: MasterOperation.Entry
    }

    /// The `operations[]` entries, in order, checked for their times.
    static func operationItems(_ node: Node, duration: SimDuration, _ reader: YAMLReader) throws(ScenarioError) -> [OperationItem] {
        var items: [OperationItem] = []
        var previous = SimDuration.zero
        for (index, item) in try reader.sequence(node, "operations").enumerated() {
            let path = "operations[\(index)]"
            let fields = try reader.mapping(
                item, path, allowed: operationKeys,
                what: "an operation such as {at: 10m, addMaster: b}")
            let kinds = fields.entries.filter { operationKinds.contains($0.key) }
            guard kinds.count == 1, let (kind, _, value) = kinds.first else {
                let problem = kinds.isEmpty ? "missing the operation" : "more than one operation"
                throw reader.error(at: item, path, "\(problem); expected exactly one of \(operationKinds.joined(separator: ", "))")
            }
            let atNode = try reader.required(fields, "at")
            let at = try reader.duration(atNode, fields.path("at"))
            guard at < duration else {
                throw reader.error(
                    at: atNode, fields.path("at"), "the operation is at \(at), at or after the end of the run (\(duration)); expected a time before \(duration)"
                )
            }
            guard at >= previous else {
                throw reader.error(at: atNode, fields.path("at"), "operations run in order; expected \(previous) or later, found \(at)")
            }
            previous = at
            let graceful = try fields["graceful"].map { node throws(ScenarioError) in try reader.boolean(node, fields.path("graceful")) } ?? false
            if graceful && ["addMaster", "upgradeMasters", "replaceMasters", "drainNode", "upgradeWorkers"].contains(kind), let node = fields["graceful"] {
                throw reader.error(
                    at: node, fields.path("graceful"), "graceful goes with removeMaster or scaleMasters: it stops a master's processes before its VM is deleted"
                )
            }
            items.append(
                OperationItem(
                    at: at, kind: kind, value: value, item: item, path: path, kindPath: fields.path(kind), graceful: graceful,
                    entry: MasterOperation.Entry(index: index, kind: kind)))
        }
        return items
    }

    /// Returns the operations on hosts of the final topology, and the
    /// capacity per zone: `operations[]` and the occurrences of
    /// `maintenance[]`, merged in time order (an operation before an
    /// occurrence at the same time), since they run one at a time.
    static func parseOperations(
        _ node: Node?, maintenance: Node?, topology: Topology, duration: SimDuration, _ reader: YAMLReader
    ) throws(ScenarioError) -> (
        operations: [MasterOperation], capacity: [Int], workerSurge: [Int]?
    ) {
        var items = try node.map { node throws(ScenarioError) in try operationItems(node, duration: duration, reader) } ?? []
        if let maintenance {
            let occurrences = try maintenanceItems(maintenance, duration: duration, reader)
            items = (items.enumerated().map { (0, $0.offset, $0.element) } + occurrences.enumerated().map { (1, $0.offset, $0.element) })
                .sorted { ($0.2.at, $0.0, $0.1) < ($1.2.at, $1.0, $1.1) }.map(\.2)
        }
        return try resolveOperations(items, topology: topology, reader)
    }

    static func resolveOperations(_ items: [OperationItem], topology: Topology, _ reader: YAMLReader) throws(ScenarioError) -> (
        operations: [MasterOperation], capacity: [Int], workerSurge: [Int]?
    ) {
        let zones = topology.zones
        var running: [MasterSlot] = []
        var nextNumber = topology.mastersPerZone.map { $0 + 1 }
        for (zone, count) in topology.mastersPerZone.enumerated() where count > 0 {
            for number in 1...count { running.append(MasterSlot(zone: zone, number: number)) }
        }
        var steps: [(at: SimDuration, add: Bool, slot: MasterSlot, graceful: Bool, entry: MasterOperation.Entry)] = []
        // In-place upgrades and drains, by the position in `steps` they come before.
        var upgrades: [(before: Int, at: SimDuration, kind: Inserted, entry: MasterOperation.Entry)] = []
        var workerSurge: [Int]?
        // Per zone: the pool is on its surge hosts (an odd number of
        // upgrades so far), whose names the next upgrade hands back.
        var workersReplaced = Array(repeating: false, count: zones.count)
        for operation in items {
            let (at, kind, value, item, path, kindPath) = (operation.at, operation.kind, operation.value, operation.item, operation.path, operation.kindPath)
            let (graceful, entry) = (operation.graceful, operation.entry)
            if kind == "upgradeMasters" {
                let names = running.map { "master-\(zones[$0.zone])-\($0.number)" }
                let (slots, upgrade) = try parseUpgrade(value, kindPath, running: running, names: names, reader)
                upgrades.append((steps.count, at, .upgrade(slots, upgrade), entry))
                continue
            }
            if kind == "upgradeWorkers" {
                let (zonesUpgraded, upgrade) = try parseWorkerUpgrade(value, kindPath, topology: topology, reader)
                var surge = workerSurge ?? Array(repeating: 0, count: zones.count)
                var old: [String] = []
                var new: [String] = []
                for zone in zonesUpgraded {
                    surge[zone] = topology.workersPerZone[zone]
                    old += currentWorkers(zone: zone, topology: topology, replaced: workersReplaced[zone])
                    new += currentWorkers(zone: zone, topology: topology, replaced: !workersReplaced[zone])
                    workersReplaced[zone].toggle()
                }
                workerSurge = surge
                upgrades.append((steps.count, at, .upgradeWorkers(old, new, upgrade), entry))
                continue
            }
            if kind == "drainNode" {
                let current = zones.indices.flatMap { currentWorkers(zone: $0, topology: topology, replaced: workersReplaced[$0]) }
                // A drain for maintenance returns its node (kubectl uncordon).
                let (worker, drain) = try parseDrain(value, kindPath, workers: current, uncordonByDefault: entry.maintenance, reader)
                upgrades.append((steps.count, at, .drain(worker, drain), entry))
                continue
            }
            if kind == "replaceMasters" {
                _ = try reader.mapping(value, kindPath, allowed: [], what: "{}: Cluster API's rolling replacement takes no settings yet")
                // KubeadmControlPlane's rollout with maxSurge 1 (cluster-api
                // controlplane/kubeadm/internal/controllers scale.go
                // scaleUpControlPlane, then scaleDownControlPlane): a new
                // machine first, in the failure domain of the one it
                // replaces, then the oldest outdated machine removed; one
                // machine at a time, the next only once the last is done.
                var replacements: [MasterSlot] = []
                for slot in running {
                    let new = MasterSlot(zone: slot.zone, number: nextNumber[slot.zone])
                    nextNumber[slot.zone] += 1
                    replacements.append(new)
                    steps.append((at, true, new, false, entry))
                    steps.append((at, false, slot, true, entry))
                }
                running = replacements
                let created = nextNumber.reduce(0) { $0 + $1 - 1 }
                guard created <= ScenarioLimits.masters else {
                    throw reader.error(
                        at: item, path,
                        "these operations create \(created) masters over the run; expected at most \(ScenarioLimits.masters), each a host with its own etcd member when stacked"
                    )
                }
                continue
            }
            var target = Array(repeating: 0, count: zones.count)
            for slot in running { target[slot.zone] += 1 }
            var removals: [MasterSlot] = []
            switch kind {
            case "addMaster":
                target[try zoneIndex(value, kindPath, zones, reader)] += 1
            case "removeMaster":
                let name = try reader.string(value, kindPath, what: "a zone or a master's name")
                if let zone = zones.firstIndex(of: name) {
                    guard target[zone] > 0 else { throw reader.error(at: value, kindPath, "zone \(name) has no master to remove at \(at)") }
                    target[zone] -= 1
                } else {
                    let names = running.map { "master-\(zones[$0.zone])-\($0.number)" }
                    guard let position = names.firstIndex(of: name) else {
                        throw unknownName("running master", name, known: names + zones, at: value, kindPath, reader)
                    }
                    removals.append(running[position])
                    target[running[position].zone] -= 1
                }
            default:
                target = try perZoneCounts(value, kindPath, zones: zones, maximum: ScenarioLimits.masters, reader, allowZero: true)
            }
            guard target.reduce(0, +) >= 1 else {
                throw reader.error(at: value, kindPath, "this would leave no master; expected at least one to remain")
            }
            // Every master ever added is a host of the run; checked before any is created.
            let created = zones.indices.reduce(0) { sum, zone in
                sum + nextNumber[zone] - 1 + max(0, target[zone] - (running.count { $0.zone == zone } - removals.count { $0.zone == zone }))
            }
            guard created <= ScenarioLimits.masters else {
                throw reader.error(
                    at: item, path,
                    "these operations create \(created) masters over the run; expected at most \(ScenarioLimits.masters), each a host with its own etcd member when stacked"
                )
            }
            // Additions first, zone by zone; then removals, newest master first.
            for zone in zones.indices {
                var have = running.count { $0.zone == zone } - removals.count { $0.zone == zone }
                while have < target[zone] {
                    let slot = MasterSlot(zone: zone, number: nextNumber[zone])
                    nextNumber[zone] += 1
                    running.append(slot)
                    steps.append((at, true, slot, false, entry))
                    have += 1
                }
                while have > target[zone] {
                    removals.append(running.filter { $0.zone == zone && !removals.contains($0) }.max { $0.number < $1.number }!)
                    have -= 1
                }
            }
            for slot in removals {
                running.removeAll { $0 == slot }
                steps.append((at, false, slot, graceful, entry))
            }
        }
        let capacity = nextNumber.map { $0 - 1 }
        var final = topology
        final.masterCapacityPerZone = capacity
        final.workerSurgePerZone = workerSurge
        let hosts = final.hosts
        func host(_ slot: MasterSlot) -> Int {
            let name = "master-\(zones[slot.zone])-\(slot.number)"
            return hosts.first { $0.name == name }!.id
        }
        var operations: [MasterOperation] = []
        var pending = upgrades[...]
        for position in 0...steps.count {
            while let next = pending.first, next.before == position {
                switch next.kind {
                case .upgrade(let slots, var upgrade):
                    upgrade.hosts = slots.map(host)
                    operations.append(MasterOperation(at: next.at, kind: .upgrade(upgrade), entry: next.entry))
                case .drain(let worker, var drain):
                    drain.host = hosts.first { $0.name == worker }!.id
                    operations.append(MasterOperation(at: next.at, kind: .drain(drain), entry: next.entry))
                case .upgradeWorkers(let old, let new, var upgrade):
                    func id(_ name: String) -> Int { hosts.first { $0.name == name }!.id }
                    upgrade.old = old.map(id)
                    upgrade.new = new.map(id)
                    operations.append(MasterOperation(at: next.at, kind: .upgradeWorkers(upgrade), entry: next.entry))
                }
                pending.removeFirst()
            }
            guard position < steps.count else { break }
            let step = steps[position]
            let id = host(step.slot)
            operations.append(
                MasterOperation(at: step.at, kind: step.add ? .add(host: id) : .remove(host: id), graceful: step.graceful, entry: step.entry))
        }
        return (operations, capacity, workerSurge)
    }

    /// `upgradeMasters: {order, restart, timeout}`: every running master,
    /// by default in the order the masters were created (the first runs
    /// `kubeadm upgrade apply`).
    static func parseUpgrade(_ node: Node, _ path: String, running: [MasterSlot], names: [String], _ reader: YAMLReader) throws(ScenarioError) -> (
        [MasterSlot], InPlaceUpgrade
    ) {
        let fields = try reader.mapping(
            node, path, allowed: upgradeKeys, what: "the upgrade's settings, such as {} or {order: [master-b-1, master-a-1, master-c-1]}")
        var upgrade = InPlaceUpgrade(hosts: [])
        var slots = running
        if let orderNode = fields["order"] {
            let orderPath = fields.path("order")
            slots = []
            for (position, item) in try reader.sequence(orderNode, orderPath, what: "a list of the running masters' names").enumerated() {
                let itemPath = "\(orderPath)[\(position)]"
                let name = try reader.string(item, itemPath, what: "a running master's name")
                guard let found = names.firstIndex(of: name) else { throw unknownName("running master", name, known: names, at: item, itemPath, reader) }
                guard !slots.contains(running[found]) else {
                    throw reader.error(at: item, itemPath, "\(name) is named twice; expected each running master once")
                }
                slots.append(running[found])
            }
            guard slots.count == running.count else {
                let missing = names.indices.filter { !slots.contains(running[$0]) }.map { names[$0] }
                throw reader.error(at: orderNode, orderPath, "expected every running master once; missing \(missing.joined(separator: ", "))")
            }
        }
        if let restart = fields["restart"] { upgrade.restart = try reader.distribution(restart, fields.path("restart")) }
        if fields["timeout"] != nil { upgrade.timeout = try reader.positiveDuration(fields, "timeout") }
        return (slots, upgrade)
    }

    /// `drainNode: {node, timeout, uncordon}`: one of the workers that
    /// exist at the drain's turn (`worker-<zone>-<n>`; after an odd number
    /// of `upgradeWorkers` of its zone, the surge hosts' names).
    static func parseDrain(_ node: Node, _ path: String, workers: [String], uncordonByDefault: Bool, _ reader: YAMLReader) throws(ScenarioError) -> (
        String, NodeDrain
    ) {
        let fields = try reader.mapping(node, path, allowed: drainKeys, what: "the drain's settings, such as {node: worker-a-1, timeout: 1h}")
        let nameNode = try reader.required(fields, "node")
        let name = try reader.string(nameNode, fields.path("node"), what: "a worker's name")
        guard workers.contains(name) else { throw unknownName("worker", name, known: workers, at: nameNode, fields.path("node"), reader) }
        var drain = NodeDrain(host: 0)
        if let timeoutNode = fields["timeout"] {
            drain.timeout = try reader.duration(timeoutNode, fields.path("timeout"))
            guard drain.timeout > .zero else {
                throw reader.error(
                    at: timeoutNode, fields.path("timeout"),
                    "expected a duration above zero, found \(drain.timeout) (kubectl's --timeout=0 waits forever; a run needs its drains to end)")
            }
        }
        drain.uncordon = try fields["uncordon"].map { value throws(ScenarioError) in try reader.boolean(value, fields.path("uncordon")) } ?? uncordonByDefault
        return (name, drain)
    }

    /// The zone's workers at a point of the run: the initial names
    /// (`worker-<zone>-1` ...), or after an odd number of upgrades the surge
    /// hosts' (named on from the zone's last initial worker).
    static func currentWorkers(zone: Int, topology: Topology, replaced: Bool) -> [String] {
        let count = topology.workersPerZone[zone]
        guard count > 0 else { return [] }
        let offset = replaced ? count : 0
        return (1...count).map { "worker-\(topology.zones[zone])-\(offset + $0)" }
    }

    /// `upgradeWorkers: {maxSurge, maxUnavailable, timeout, zone}`: the
    /// workers of one zone (`zone`), or of every zone, zone by zone, each
    /// replaced by a surge host. The surge hosts of a zone are named on
    /// from its last initial worker; an upgrade hands the pool from one set
    /// of names to the other, so a recurring upgrade replaces the nodes the
    /// previous one created with new VMs under the first names (a provider
    /// names each new node anew; hasim reuses the names, so the run has a
    /// fixed set of hosts). GKE's surge upgrade (maxSurge 1, maxUnavailable
    /// 0 as its documentation describes them) by default; more than one
    /// node at a time as GKE, AKS and EKS allow, in batches
    /// (World+WorkerUpgrade).
    static func parseWorkerUpgrade(_ node: Node, _ path: String, topology: Topology, _ reader: YAMLReader) throws(ScenarioError) -> (
        [Int], WorkerUpgrade
    ) {
        let fields = try reader.mapping(node, path, allowed: workerUpgradeKeys, what: "the upgrade's settings, such as {} or {maxSurge: 0, maxUnavailable: 1}")
        guard topology.workerNodes.maximumPerZone == nil else {
            throw reader.error(at: node, path, "upgradeWorkers beside an autoscaler node group (a workers max) is not built yet; expected workers without max")
        }
        guard topology.workerCount > 0 else { throw reader.error(at: node, path, "the topology has no workers to upgrade") }
        var zonesUpgraded = Array(topology.zones.indices)
        if let value = fields["zone"] {
            let zone = try zoneIndex(value, fields.path("zone"), topology.zones, reader)
            guard topology.workersPerZone[zone] > 0 else { throw reader.error(at: value, fields.path("zone"), "zone \(topology.zones[zone]) has no workers to upgrade") }
            zonesUpgraded = [zone]
        }
        guard topology.workerSlots + topology.workerCount <= ScenarioLimits.workers else {
            throw reader.error(
                at: node, path,
                "the upgrade's new nodes make \(topology.workerSlots + topology.workerCount) workers over the run; expected at most \(ScenarioLimits.workers), Kubernetes' documented limit"
            )
        }
        var upgrade = WorkerUpgrade(old: [], new: [])
        let limit = workerUpgradeParallelLimit
        if let value = fields["maxSurge"] { upgrade.maxSurge = try reader.count(value, fields.path("maxSurge"), minimum: 0, maximum: limit) }
        if let value = fields["maxUnavailable"] {
            upgrade.maxUnavailable = try reader.count(value, fields.path("maxUnavailable"), minimum: 0, maximum: limit)
        }
        guard (upgrade.maxSurge > 0) != (upgrade.maxUnavailable > 0) else {
            throw reader.error(
                at: node, path,
                "maxSurge \(upgrade.maxSurge) and maxUnavailable \(upgrade.maxUnavailable); expected one of them above zero and the other zero (surge nodes first, or old nodes first; both at once is not built)"
            )
        }
        if let value = fields["timeout"] {
            upgrade.drain.timeout = try reader.duration(value, fields.path("timeout"))
            guard upgrade.drain.timeout > .zero else {
                throw reader.error(at: value, fields.path("timeout"), "expected a duration above zero, found \(upgrade.drain.timeout)")
            }
        }
        return (zonesUpgraded, upgrade)
    }

    static func zoneIndex(_ node: Node, _ path: String, _ zones: [String], _ reader: YAMLReader) throws(ScenarioError) -> Int {
        let name = try reader.string(node, path, what: "a zone name")
        guard let zone = zones.firstIndex(of: name) else { throw unknownName("zone", name, known: zones, at: node, path, reader) }
        return zone
    }
}
