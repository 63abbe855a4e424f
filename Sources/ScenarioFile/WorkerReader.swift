import NodeLifecycle
import SimKernel
import Simulation
import Yams

/// `topology.workers` in its long form, the worker-side settings
/// (`topology.kubelet`, `nodeLifecycle`, `scheduler`, `autoscaler`) and the
/// `workloads:` list (docs/WORKERS.md).
extension ScenarioParser {
    static let workerZoneKeys = ["count", "max", "cpu", "memory", "pods"]

    /// `{a: 100}` or `{a: {count: 100, max: 150, cpu: 8, memory: 32Gi, pods: 110}}`:
    /// counts, node group maximums and capacities per zone.
    static func parseWorkers(_ node: Node, zones: [String], _ reader: YAMLReader) throws(ScenarioError) -> (counts: [Int], settings: WorkerSettings) {
        guard let mapping = node.mapping else {
            throw reader.error(at: node, "topology.workers", "expected counts per zone such as {\(zones[0]): 100}, found \(reader.describe(node))")
        }
        var counts = Array(repeating: 0, count: zones.count)
        var maximum = counts
        var capacity = Array(repeating: NodeCapacity.standard, count: zones.count)
        var long = false, scaled = false
        var seen = Set<Int>()
        for (keyNode, value) in mapping {
            let zone = keyNode.scalar?.string ?? ""
            let path = Fields.join("topology.workers", zone)
            guard let index = zones.firstIndex(of: zone) else { throw unknownName("zone", zone, known: zones, at: keyNode, path, reader) }
            guard seen.insert(index).inserted else { throw reader.error(at: keyNode, path, "duplicate key \(quoted(zone))") }
            guard value.mapping != nil else {
                counts[index] = try reader.count(value, path, minimum: 1, maximum: ScenarioLimits.workers)
                maximum[index] = counts[index]
                continue
            }
            long = true
            let fields = try reader.mapping(value, path, allowed: workerZoneKeys, what: "a count or {count, max, cpu, memory, pods}")
            counts[index] =
                try fields["count"].map { node throws(ScenarioError) in
                    try reader.count(node, fields.path("count"), minimum: 0, maximum: ScenarioLimits.workers)
                } ?? 0
            maximum[index] = counts[index]
            if let node = fields["max"] {
                maximum[index] = try reader.count(node, fields.path("max"), minimum: 0, maximum: ScenarioLimits.workers)
                guard maximum[index] >= counts[index] else {
                    throw reader.error(
                        at: node, fields.path("max"), "expected a node group maximum of at least count (\(counts[index])), found \(maximum[index])")
                }
                scaled = true
            }
            if let node = fields["cpu"] { capacity[index].milliCPU = try milliCPU(node, fields.path("cpu"), reader) }
            if let node = fields["memory"] { capacity[index].memoryBytes = try bytes(node, fields.path("memory"), reader) }
            if let node = fields["pods"] { capacity[index].pods = try reader.count(node, fields.path("pods"), maximum: 1_000) }
        }
        if maximum.reduce(0, +) > ScenarioLimits.workers {
            let counting = scaled ? ", counting each zone's max," : ","
            throw reader.error(
                at: node, "topology.workers",
                "expected at most \(ScenarioLimits.workers) workers in all\(counting) Kubernetes' documented limit; found \(maximum.reduce(0, +))")
        }
        var settings = WorkerSettings()
        if long { settings.capacityPerZone = capacity }
        if scaled { settings.maximumPerZone = maximum }
        return (counts, settings)
    }

    /// CPU as Kubernetes writes it: cores (`2`, `0.5`) or millicores (`500m`).
    static func milliCPU(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> Int64 {
        let text = node.scalar?.string ?? ""
        let value: Double?
        if text.hasSuffix("m") { value = Double(text.dropLast()) } else { value = Double(text).map { $0 * 1000 } }
        guard let value, value.isFinite, value >= 0, value <= 1e9, node.scalar != nil else {
            throw reader.error(at: node, path, "expected CPU such as 2, 0.5 or 500m, found \(reader.describe(node))")
        }
        return Int64(value.rounded())
    }

    static let memorySuffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
    ]

    /// Memory as Kubernetes writes it: bytes, or with a suffix (`512Mi`, `8Gi`, `1G`).
    static func bytes(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> Int64 {
        let text = node.scalar?.string ?? ""
        let suffix = memorySuffixes.first { text.hasSuffix($0.0) }
        let number = Double(suffix.map { String(text.dropLast($0.0.count)) } ?? text)
        guard node.scalar != nil, let number, number.isFinite, number >= 0 else {
            throw reader.error(at: node, path, "expected memory such as 8Gi, 512Mi or 1G, found \(reader.describe(node))")
        }
        let value = number * (suffix?.1 ?? 1)
        guard value <= 1e15 else { throw reader.error(at: node, path, "expected at most 1P of memory, found \(quoted(text))") }
        return Int64(value.rounded())
    }

    static let kubeletKeys = [
        "nodeLeaseDuration", "heartbeats", "connection", "http2", "reserved", "evictionHard", "nodeStatusUpdateFrequency", "requestTimeout",
        "controlPlaneNodes",
        "maxUpdateRetries", "maxBackoff",
    ]
    static let reservedKeys = ["cpu", "memory"]
    /// The Kubernetes versions whose node lifecycle defaults hasim knows (1.20 to 1.40).
    public static let kubernetesMinorVersions = 20...40
    static let nodeLifecycleKeys = [
        "kubernetesVersion", "nodeMonitorPeriod", "nodeMonitorGracePeriod", "nodeStartupGracePeriod",
        "nodeEvictionRate", "secondaryNodeEvictionRate", "largeClusterSizeThreshold", "unhealthyZoneThreshold",
        "kubeAPIQPS", "kubeAPIBurst", "taintEvictionClient", "podEvictionCalls", "taintUpdateCalls",
    ]
    static let schedulerKeys = ["podsPerSecond"]
    static let autoscalerKeys = ["scanInterval", "provisioning", "maxNodeProvisionTime", "maxTotalUnreadyPercentage", "okTotalUnreadyCount"]

    static func parseKubelet(_ node: Node, into settings: inout WorkerSettings, _ reader: YAMLReader) throws(ScenarioError) {
        let fields = try reader.mapping(node, "topology.kubelet", allowed: kubeletKeys)
        if let node = fields["nodeLeaseDuration"] {
            // The kubelet's nodeLeaseDurationSeconds is a whole number of
            // seconds above zero (pkg/kubelet/apis/config/validation
            // ValidateKubeletConfiguration: "nodeLeaseDurationSeconds must be
            // greater than 0"); the renew interval is a quarter of it.
            let lease = try reader.duration(node, fields.path("nodeLeaseDuration"))
            guard lease >= .seconds(1), lease.nanoseconds % SimDuration.nanosecondsPerSecond == 0 else {
                throw reader.error(
                    at: node, fields.path("nodeLeaseDuration"),
                    "expected a whole number of seconds of at least 1s, as the kubelet's nodeLeaseDurationSeconds is; found \(lease)")
            }
            settings.kubelet.nodeLeaseDuration = lease
        }
        // The lease controller's request timeout and retries
        // (component-helpers apimachinery/lease/controller.go; the timeout
        // as cmd/kubelet/app/server.go builds the heartbeat client).
        if fields["nodeStatusUpdateFrequency"] != nil {
            settings.kubelet.statusUpdateFrequency = try reader.positiveDuration(fields, "nodeStatusUpdateFrequency")
        }
        if fields["requestTimeout"] != nil { settings.kubelet.requestTimeoutOverride = try reader.positiveDuration(fields, "requestTimeout") }
        if let node = fields["maxUpdateRetries"] {
            settings.kubelet.maxUpdateRetries = try reader.count(node, fields.path("maxUpdateRetries"), maximum: 100)
        }
        if fields["maxBackoff"] != nil { settings.kubelet.retryBackoffCap = try reader.positiveDuration(fields, "maxBackoff") }
        if let node = fields["heartbeats"] {
            let text = try reader.string(node, fields.path("heartbeats"))
            guard let model = HeartbeatModel(rawValue: text) else {
                throw reader.error(at: node, fields.path("heartbeats"), "unknown heartbeat model \(quoted(text)); expected aggregate or perRenewal")
            }
            settings.heartbeats = model
        }
        if let node = fields["connection"] {
            let text = try reader.string(node, fields.path("connection"))
            guard let mode = KubeletConnectionMode(rawValue: text) else {
                throw reader.error(at: node, fields.path("connection"), "unknown kubelet connection \(quoted(text)); expected http2 or disableHTTP2")
            }
            settings.kubelet.connection = mode
        }
        if let node = fields["reserved"] {
            // kubeReserved plus systemReserved: a provider's formula or amounts.
            let path = fields.path("reserved")
            if let text = node.scalar?.string {
                switch text {
                case "none": settings.kubelet.reservation.formula = .none
                case "gke": settings.kubelet.reservation.formula = .gke
                case "eks": settings.kubelet.reservation.formula = .eks
                default: throw reader.error(at: node, path, "unknown reservation \(quoted(text)); expected none, gke, eks or {cpu, memory}")
                }
            } else {
                let amounts = try reader.mapping(node, path, allowed: reservedKeys, what: "none, gke, eks or {cpu: 100m, memory: 1Gi}")
                let cpu = try amounts["cpu"].map { node throws(ScenarioError) in try milliCPU(node, amounts.path("cpu"), reader) } ?? 0
                let memory = try amounts["memory"].map { node throws(ScenarioError) in try bytes(node, amounts.path("memory"), reader) } ?? 0
                settings.kubelet.reservation.formula = .fixed(milliCPU: cpu, memoryBytes: memory)
            }
        }
        if let node = fields["controlPlaneNodes"] { settings.controlPlaneNodes = try reader.boolean(node, fields.path("controlPlaneNodes")) }
        if let node = fields["evictionHard"] {
            settings.kubelet.reservation.evictionHardMemoryBytes = try bytes(node, fields.path("evictionHard"), reader)
        }
        if let node = fields["http2"] {
            // The same health check, and the same keys, as `access.clients.http2`.
            let http2 = try reader.mapping(node, fields.path("http2"), allowed: http2Keys)
            if http2["readIdleTimeout"] != nil { settings.kubelet.http2ReadIdleTimeout = try reader.positiveDuration(http2, "readIdleTimeout") }
            if http2["pingTimeout"] != nil { settings.kubelet.http2PingTimeout = try reader.positiveDuration(http2, "pingTimeout") }
        }
    }

    /// kube-controller-manager's node lifecycle flags; `kubernetesVersion`
    /// picks the version's defaults first (the grace period: 40 s, 50 s from 1.32).
    static func parseNodeLifecycle(_ node: Node, into settings: inout WorkerSettings, _ reader: YAMLReader) throws(ScenarioError) {
        let fields = try reader.mapping(node, "topology.nodeLifecycle", allowed: nodeLifecycleKeys)
        if let node = fields["kubernetesVersion"] {
            let text = try reader.string(node, fields.path("kubernetesVersion"))
            let parts = text.split(separator: ".")
            guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), kubernetesMinorVersions.contains(minor) else {
                throw reader.error(
                    at: node, fields.path("kubernetesVersion"), "expected a Kubernetes version such as \"1.31\" (1.20 to 1.40), found \(reader.describe(node))")
            }
            settings.nodeLifecycle = .defaults(kubernetesMinorVersion: minor)
        }
        var lifecycle = settings.nodeLifecycle
        if fields["nodeMonitorPeriod"] != nil { lifecycle.nodeMonitorPeriod = try reader.positiveDuration(fields, "nodeMonitorPeriod") }
        if fields["nodeMonitorGracePeriod"] != nil { lifecycle.nodeMonitorGracePeriod = try reader.positiveDuration(fields, "nodeMonitorGracePeriod") }
        if fields["nodeStartupGracePeriod"] != nil { lifecycle.nodeStartupGracePeriod = try reader.positiveDuration(fields, "nodeStartupGracePeriod") }
        for (key, rate) in [("nodeEvictionRate", \NodeLifecycleSettings.nodeEvictionRate), ("secondaryNodeEvictionRate", \.secondaryNodeEvictionRate)] {
            guard let node = fields[key] else { continue }
            lifecycle[keyPath: rate] = try reader.rate(node, fields.path(key), unit: "nodes per second", maximum: 1_000)
        }
        if let node = fields["largeClusterSizeThreshold"] {
            lifecycle.largeClusterSizeThreshold = try reader.count(node, fields.path("largeClusterSizeThreshold"), minimum: 0, maximum: ScenarioLimits.workers)
        }
        if let node = fields["unhealthyZoneThreshold"] {
            lifecycle.unhealthyZoneThreshold = Float(try reader.fraction(node, fields.path("unhealthyZoneThreshold")))
        }
        try parseClientBudget(fields, into: &lifecycle, reader)
        settings.nodeLifecycle = lifecycle
    }

    /// The controllers' client: `--kube-api-qps`, `--kube-api-burst`, whose
    /// client taint eviction uses, and the requests an eviction and a taint cost.
    static func parseClientBudget(_ fields: Fields, into lifecycle: inout NodeLifecycleSettings, _ reader: YAMLReader) throws(ScenarioError) {
        if let node = fields["kubeAPIQPS"] {
            lifecycle.kubeAPIQPS = try reader.rate(node, fields.path("kubeAPIQPS"), unit: "requests per second", maximum: 100_000, allowZero: false)
        }
        if let node = fields["kubeAPIBurst"] { lifecycle.kubeAPIBurst = try reader.count(node, fields.path("kubeAPIBurst"), minimum: 1, maximum: 100_000) }
        if let node = fields["taintEvictionClient"] {
            let text = try reader.string(node, fields.path("taintEvictionClient"))
            guard text == "own" || text == "shared" else {
                throw reader.error(at: node, fields.path("taintEvictionClient"), "unknown client \(quoted(text)); expected own or shared")
            }
            lifecycle.taintEvictionSharesClient = text == "shared"
        }
        if let node = fields["podEvictionCalls"] {
            lifecycle.podEvictionCalls = try reader.count(node, fields.path("podEvictionCalls"), minimum: 0, maximum: 100)
        }
        if let node = fields["taintUpdateCalls"] {
            lifecycle.taintUpdateCalls = try reader.count(node, fields.path("taintUpdateCalls"), minimum: 0, maximum: 100)
        }
    }

    static func parseScheduler(_ node: Node, into settings: inout WorkerSettings, _ reader: YAMLReader) throws(ScenarioError) {
        let fields = try reader.mapping(node, "topology.scheduler", allowed: schedulerKeys)
        if let node = fields["podsPerSecond"] {
            let value = try reader.number(node, fields.path("podsPerSecond"))
            guard value >= 0.01, value <= 100_000 else {
                throw reader.error(at: node, fields.path("podsPerSecond"), "expected pods per second from 0.01 to 100000, found \(value)")
            }
            settings.scheduler.podsPerSecond = value
        }
    }

    static func parseAutoscaler(_ node: Node, into settings: inout WorkerSettings, _ reader: YAMLReader) throws(ScenarioError) {
        let fields = try reader.mapping(node, "topology.autoscaler", allowed: autoscalerKeys)
        var autoscaler = settings.autoscaler
        if fields["scanInterval"] != nil { autoscaler.scanInterval = try reader.positiveDuration(fields, "scanInterval") }
        if let node = fields["provisioning"] { autoscaler.provisioning = try reader.distribution(node, fields.path("provisioning")) }
        if fields["maxNodeProvisionTime"] != nil { autoscaler.maxNodeProvisionTime = try reader.positiveDuration(fields, "maxNodeProvisionTime") }
        if let node = fields["maxTotalUnreadyPercentage"] {
            let value = try reader.number(node, fields.path("maxTotalUnreadyPercentage"))
            guard value >= 0, value <= 100 else {
                throw reader.error(at: node, fields.path("maxTotalUnreadyPercentage"), "expected a percentage from 0 to 100, found \(value)")
            }
            autoscaler.maxTotalUnreadyPercentage = value
        }
        if let node = fields["okTotalUnreadyCount"] {
            autoscaler.okTotalUnreadyCount = try reader.count(node, fields.path("okTotalUnreadyCount"), minimum: 0, maximum: ScenarioLimits.workers)
        }
        settings.autoscaler = autoscaler
    }
}
