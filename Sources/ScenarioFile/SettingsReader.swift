import SimKernel
import Simulation
import Yams

/// `topology.etcd` and `topology.network`: every key optional, defaults from
/// `EtcdSettings` and `NetworkSettings`.
extension ScenarioParser {
    static let etcdKeys = [
        "placement", "members", "heartbeatInterval", "electionTimeout", "preVote", "fsync",
        "initialElectionTickAdvance", "writeProbe",
    ]
    static let networkKeys = ["sameZone", "crossZone", "loss", "links"]
    static let writeProbeKeys = ["rate", "timeout"]
    static let electionTimeoutRangeKeys = ["min", "max"]

    /// Returns the settings and, for external placement, the members per zone.
    static func parseEtcd(_ node: Node, zones: [String], _ reader: YAMLReader) throws(ScenarioError) -> (EtcdSettings, [Int]?) {
        let fields = try reader.mapping(node, "topology.etcd", allowed: etcdKeys)
        var etcd = EtcdSettings()
        var external: [Int]?
        let placement = try fields["placement"].map { node throws(ScenarioError) in try reader.string(node, fields.path("placement")) } ?? "stacked"
        switch placement {
        case "stacked":
            if let members = fields["members"] {
                throw reader.error(
                    at: members, fields.path("members"), "members are set only with placement: external; stacked etcd runs one member per master")
            }
        case "external":
            let membersNode = try reader.required(fields, "members")
            external = try perZoneCounts(membersNode, fields.path("members"), zones: zones, maximum: ScenarioLimits.etcdMembers, reader)
        default:
            throw reader.error(at: fields["placement"]!, fields.path("placement"), "unknown placement \(quoted(placement)); expected stacked or external")
        }
        if let node = fields["heartbeatInterval"] {
            etcd.heartbeatInterval = try reader.duration(node, fields.path("heartbeatInterval"))
            // etcd takes milliseconds (--heartbeat-interval); whole milliseconds keep ticks exact.
            guard etcd.heartbeatInterval >= .milliseconds(1), etcd.heartbeatInterval.nanoseconds % 1_000_000 == 0 else {
                throw reader.error(
                    at: node, fields.path("heartbeatInterval"), "expected a whole number of milliseconds of at least 1ms, found \(etcd.heartbeatInterval)")
            }
        }
        if let node = fields["electionTimeout"] {
            etcd.electionTimeout = try parseElectionTimeout(node, fields.path("electionTimeout"), heartbeat: etcd.heartbeatInterval, reader)
        } else if etcd.heartbeatInterval * 5 > .milliseconds(1000) {
            throw reader.error(
                at: fields["heartbeatInterval"]!, fields.path("heartbeatInterval"),
                "the default election timeout (1s) must be at least 5 times the heartbeat interval; set electionTimeout too")
        }
        if let node = fields["preVote"] { etcd.preVote = try reader.boolean(node, fields.path("preVote")) }
        if let node = fields["fsync"] { etcd.fsync = try reader.distribution(node, fields.path("fsync")) }
        if let node = fields["initialElectionTickAdvance"] {
            etcd.initialElectionTickAdvance = try reader.boolean(node, fields.path("initialElectionTickAdvance"))
        }
        if let node = fields["writeProbe"] {
            let probe = try reader.mapping(node, fields.path("writeProbe"), allowed: writeProbeKeys)
            if let rate = probe["rate"] {
                etcd.writeProbeRate = try reader.rate(rate, probe.path("rate"), unit: "writes per second", maximum: 1_000_000)
            }
            if probe["timeout"] != nil { etcd.writeProbeTimeout = try reader.positiveDuration(probe, "timeout") }
        }
        return (etcd, external)
    }

    /// `1s` (etcd's form, whole heartbeats) or `{min: 150ms, max: 300ms}` (the Raft paper's).
    static func parseElectionTimeout(_ node: Node, _ path: String, heartbeat: SimDuration, _ reader: YAMLReader) throws(ScenarioError)
        -> EtcdSettings.ElectionTimeout
    {
        if node.scalar != nil {
            let timeout = try reader.duration(node, path)
            // etcd server/embed/config.go Validate: election timeout >= 5 x heartbeat, at most 50 s.
            guard timeout >= heartbeat * 5 else {
                throw reader.error(at: node, path, "expected at least 5 times the heartbeat interval (\(heartbeat * 5)), as etcd requires; found \(timeout)")
            }
            guard timeout <= .seconds(50) else { throw reader.error(at: node, path, "expected at most 50s, as etcd requires; found \(timeout)") }
            return .etcd(timeout)
        }
        let fields = try reader.mapping(node, path, allowed: electionTimeoutRangeKeys, what: "a duration such as 1s, or {min: 150ms, max: 300ms}")
        let low = try reader.requiredDuration(fields, "min"), high = try reader.requiredDuration(fields, "max")
        let unit = EtcdSettings.continuousTickResolution
        guard low > heartbeat, low <= high else {
            throw reader.error(at: node, path, "expected heartbeat interval < min <= max, found min \(low) and max \(high)")
        }
        guard low.nanoseconds % unit.nanoseconds == 0, high.nanoseconds % unit.nanoseconds == 0 else {
            throw reader.error(at: node, path, "expected whole milliseconds for min and max")
        }
        return .range(min: low, max: high)
    }

    static func parseNetwork(_ node: Node, _ targets: TargetReader) throws(ScenarioError) -> NetworkSettings {
        let reader = targets.reader
        let fields = try reader.mapping(node, "topology.network", allowed: networkKeys)
        var network = NetworkSettings()
        if let node = fields["sameZone"] { network.sameZone = try reader.distribution(node, fields.path("sameZone")) }
        if let node = fields["crossZone"] { network.crossZone = try reader.distribution(node, fields.path("crossZone")) }
        if let node = fields["loss"] { network.loss = try reader.fraction(node, fields.path("loss")) }
        if let node = fields["links"] {
            for (index, item) in try reader.sequence(node, fields.path("links"), what: "a list of {between, and, latency, loss}").enumerated() {
                let path = fields.path("links") + "[\(index)]"
                let link = try parseDegradation(item, path, targets)
                if let role = [link.between, link.and].lazy.compactMap({ $0.firstRole }).first {
                    throw reader.error(at: item, path, "links apply from the start and cannot name a role (\(role)); expected zones or hosts")
                }
                network.links.append(link)
            }
        }
        return network
    }
}

extension ScenarioParser {
    static let scalingKeys = ["vmStart", "etcdDataCopy", "etcdDataSizeMB", "copyRateMBps"]

    static func parseScaling(_ node: Node, _ reader: YAMLReader) throws(ScenarioError) -> ScalingSettings {
        let fields = try reader.mapping(node, "topology.scaling", allowed: scalingKeys)
        var scaling = ScalingSettings()
        if let node = fields["vmStart"] { scaling.vmStart = try reader.distribution(node, fields.path("vmStart")) }
        if let node = fields["etcdDataCopy"] { scaling.etcdDataCopy = try reader.distribution(node, fields.path("etcdDataCopy")) }
        if fields["etcdDataSizeMB"] != nil {
            if let copy = fields["etcdDataCopy"] {
                throw reader.error(at: copy, fields.path("etcdDataCopy"), "give etcdDataCopy or etcdDataSizeMB, not both")
            }
            scaling.etcdDataSizeMB = try reader.positiveNumber(fields, "etcdDataSizeMB")
        }
        if fields["copyRateMBps"] != nil { scaling.copyRateMBps = try reader.positiveNumber(fields, "copyRateMBps") }
        return scaling
    }
}

extension ScenarioParser {
    static let accessKeys = [
        "preset", "loadBalancerPropagation", "mode", "dnsTTL", "healthCheck", "kubernetesService", "apiserverCount", "clients",
        "certificateName", "procedure", "steps", "apiserverCountFollowsMasters", "virtualIP", "haproxy", "nlb",
        "virtualIPElector", "virtualIPListener", "kubeVip", "bgp", "dials",
    ]
    static let dialKeys = ["kubeControllerManager", "kubeScheduler", "clusterAutoscaler", "addonManagers", "workerKubelets", "controlPlaneKubelets"]
    static let nlbKeys = ["crossZone", "dnsTTL", "idleTimeout"]
    static let bgpKeys = ["holdTime", "keepaliveInterval", "controlPlaneHealthCheck"]
    static let kubeVipRouteCheckKeys = ["period", "timeout", "failureThreshold"]
    static let virtualIPKeys = ["advertInterval", "downTimerAdverts", "masterPriority", "backupPriority", "script"]
    static let vrrpScriptKeys = ["interval", "fall", "rise", "weight"]
    static let haproxyKeys = ["timeoutConnect", "timeoutServer", "retries", "redispatch", "checkInterval", "fall", "rise"]
    static let clientKeys = ["external", "inCluster", "timeout", "address", "replica", "skipVerification", "http2"]
    static let http2Keys = ["readIdleTimeout", "pingTimeout"]
    static let procedureStepKeys = ["ipDetach", "targetPool", "ipAttach", "loadBalancerWait"]
    static let healthCheckKeys = ["interval", "timeout", "healthyThreshold", "unhealthyThreshold", "protocol"]
    static let clientAddresses: [(String, ClientAddress)] = [
        ("external-ip", .externalIP), ("dns-name", .dnsName), ("replica-internal-ip", .replicaInternalIP), ("replica-public-ip", .replicaPublicIP),
    ]

    /// `topology.access`: how clients reach the apiservers (docs/EXTERNAL-ACCESS.md).
    static func parseAccess(_ node: Node, _ targets: TargetReader) throws(ScenarioError) -> AccessSettings {
        let reader = targets.reader
        let fields = try reader.mapping(node, "topology.access", allowed: accessKeys)
        var preset = AccessPreset.gceScripts
        if let node = fields["preset"] {
            let name = try reader.string(node, fields.path("preset"), what: "an access preset")
            guard let named = AccessPreset(rawValue: name) else {
                throw reader.error(
                    at: node, fields.path("preset"),
                    "unknown preset \(quoted(name)); expected one of \(AccessPreset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            preset = named
        }
        // The preset's parts first; every other key overrides one of them.
        var access = preset.settings
        if let node = fields["loadBalancerPropagation"] {
            access.loadBalancerPropagation = try reader.distribution(node, fields.path("loadBalancerPropagation"))
        }
        if let node = fields["mode"] {
            switch try reader.string(node, fields.path("mode")) {
            case "external-ip": access.mode = .externalIP
            case "dns": access.mode = .dns(ttl: .seconds(30))
            case "virtual-ip": access.mode = .virtualIP
            case "nlb": access.mode = .networkLoadBalancer
            case "bgp": access.mode = .bgp
            case let mode: throw reader.error(at: node, fields.path("mode"), "unknown mode \(quoted(mode)); expected external-ip, dns, virtual-ip, nlb or bgp")
            }
        }
        if let ttl = fields["dnsTTL"] {
            guard case .dns = access.mode else { throw reader.error(at: ttl, fields.path("dnsTTL"), "dnsTTL is set only with mode: dns") }
            access.mode = .dns(ttl: try reader.positiveDuration(fields, "dnsTTL"))
        }
        if let node = fields["procedure"] {
            let name = try reader.string(node, fields.path("procedure"))
            guard let procedure = AccessSettings.Procedure(rawValue: name) else {
                throw reader.error(at: node, fields.path("procedure"), "unknown procedure \(quoted(name)); expected gce-scripts, legacy or kubeadm")
            }
            access.procedure = procedure
        }
        for key in ["virtualIPElector", "virtualIPListener", "virtualIP", "kubeVip", "haproxy"] where !access.usesVirtualIP {
            if let node = fields[key] { throw reader.error(at: node, fields.path(key), "\(key) is set only with mode: virtual-ip (or a preset that has it)") }
        }
        if let node = fields["virtualIP"] { access.virtualIP = try parseVirtualIP(node, fields.path("virtualIP"), reader) }
        if let node = fields["haproxy"] { access.haproxy = try parseHAProxy(node, fields.path("haproxy"), reader) }
        if let node = fields["virtualIPElector"] {
            access.virtualIPElector = try named(node, fields.path("virtualIPElector"), reader, what: "virtual IP elector")
        }
        if let node = fields["virtualIPListener"] {
            access.virtualIPListener = try named(node, fields.path("virtualIPListener"), reader, what: "virtual IP listener")
        }
        if let node = fields["kubeVip"] {
            access.kubeVip.election = try parseLeaderElection(node, reader, path: fields.path("kubeVip"))
        }
        if let node = fields["nlb"] {
            guard access.usesNetworkLoadBalancer else {
                throw reader.error(at: node, fields.path("nlb"), "nlb is set only with mode: nlb (preset: aws-nlb)")
            }
            access.nlb = try parseNetworkLoadBalancer(node, fields.path("nlb"), reader)
        }
        if let node = fields["bgp"] {
            guard access.usesBGP else { throw reader.error(at: node, fields.path("bgp"), "bgp is set only with mode: bgp (preset: kube-vip-bgp)") }
            access.bgp = try parseBGP(node, fields.path("bgp"), reader)
        }
        // create-loadbalancer makes its target pool without a health check;
        // the legacy procedure keeps GCP's legacy check as before; a virtual
        // IP's HAProxy checks every server with its own defaults, and
        // kube-vip's ARP mode has no load balancer to check anything.
        if access.usesVirtualIP {
            access.healthCheck = access.forwardsThroughHAProxy ? access.haproxy.healthCheck : nil
        } else if access.usesNetworkLoadBalancer {
            // Cluster API AWS's target group check (getAPITargetGroupHealthCheck).
            access.healthCheck = .clusterAPIAWS
        } else if access.usesBGP {
            // The router's view of each master's BGP session.
            access.healthCheck = access.bgp.sessionCheck
            if let node = fields["healthCheck"] {
                throw reader.error(
                    at: node, fields.path("healthCheck"),
                    "with mode: bgp the router checks nothing but each master's BGP session; set bgp.holdTime and bgp.keepaliveInterval instead")
            }
        } else {
            access.healthCheck = access.procedure == .legacy ? .gcp : nil
        }
        if let node = fields["healthCheck"] {
            // Keys a mapping leaves out keep GCP's legacy values, or behind
            // an NLB Cluster API AWS's, as CAPA's `healthCheck` overrides only
            // the fields it sets.
            access.healthCheck = try parseHealthCheck(
                node, fields.path("healthCheck"), base: access.usesNetworkLoadBalancer ? .clusterAPIAWS : .gcp, reader)
        }
        if let node = fields["steps"] { access.steps = try parseProcedureSteps(node, fields.path("steps"), reader) }
        if let node = fields["dials"] {
            access.dials = try parseDials(
                node, fields.path("dials"), base: access.dials, controlPlaneNodes: targets.topology.workerNodes.controlPlaneNodes, reader)
        }
        if let node = fields["apiserverCountFollowsMasters"] {
            access.apiserverCountFollowsMasters = try reader.boolean(node, fields.path("apiserverCountFollowsMasters"))
        }
        let service = try fields["kubernetesService"].map { node throws(ScenarioError) in try reader.string(node, fields.path("kubernetesService")) } ?? "lease"
        switch service {
        case "lease": access.serviceReconciler = .lease
        case "none": access.serviceReconciler = .none
        case "external-ip": access.serviceReconciler = .externalIP
        case "master-count":
            let count = try reader.count(try reader.required(fields, "apiserverCount"), fields.path("apiserverCount"), maximum: ScenarioLimits.masters)
            access.serviceReconciler = .masterCount(apiserverCount: count)
        default:
            throw reader.error(
                at: fields["kubernetesService"]!, fields.path("kubernetesService"),
                "unknown reconciler \(quoted(service)); expected lease, master-count, none or external-ip")
        }
        if service != "master-count", let count = fields["apiserverCount"] {
            throw reader.error(at: count, fields.path("apiserverCount"), "apiserverCount is set only with kubernetesService: master-count")
        }
        if let node = fields["certificateName"] {
            let name = try clientAddress(node, fields.path("certificateName"), reader)
            guard name == .externalIP || name == .dnsName else {
                throw reader.error(
                    at: node, fields.path("certificateName"),
                    "expected external-ip or dns-name: the certificate names the cluster, and always covers replicas' internal IPs")
            }
            access.certificateName = name
        }
        if let node = fields["clients"] {
            let clients = try reader.mapping(node, fields.path("clients"), allowed: clientKeys)
            if let node = clients["http2"] {
                let http2 = try reader.mapping(node, clients.path("http2"), allowed: http2Keys)
                if http2["readIdleTimeout"] != nil { access.http2ReadIdleTimeout = try reader.positiveDuration(http2, "readIdleTimeout") }
                if http2["pingTimeout"] != nil { access.http2PingTimeout = try reader.positiveDuration(http2, "pingTimeout") }
            }
            if clients["timeout"] != nil { access.clientTimeout = try reader.positiveDuration(clients, "timeout") }
            if let rate = clients["external"] { access.externalClientRate = try requestRate(rate, clients.path("external"), reader) }
            if let rate = clients["inCluster"] { access.inClusterClientRate = try requestRate(rate, clients.path("inCluster"), reader) }
            if let node = clients["address"] { access.clientAddress = try clientAddress(node, clients.path("address"), reader) }
            if let node = clients["replica"] {
                guard case .host(let host) = try targets.masterHost(node, clients.path("replica")) else {
                    throw reader.error(at: node, clients.path("replica"), "expected a master's name; roles are resolved only by faults")
                }
                access.clientReplica = host
            }
            if let node = clients["skipVerification"] { access.clientSkipsVerification = try reader.boolean(node, clients.path("skipVerification")) }
        }
        return access
    }

    /// `dials: {kubeControllerManager: localAPIServer, ...}`: which address
    /// each component dials; a part left out keeps the preset's.
    static func parseDials(
        _ node: Node, _ path: String, base: ComponentDials, controlPlaneNodes: Bool, _ reader: YAMLReader
    ) throws(ScenarioError) -> ComponentDials {
        let fields = try reader.mapping(node, path, allowed: dialKeys)
        // Only the masters' nodes have control-plane kubelets to direct.
        if let node = fields["controlPlaneKubelets"], !controlPlaneNodes {
            throw reader.error(
                at: node, fields.path("controlPlaneKubelets"), "controlPlaneKubelets is set only with topology.kubelet.controlPlaneNodes: true")
        }
        var dials = base
        func dial(_ key: String) throws(ScenarioError) -> ComponentDial? {
            guard let node = fields[key] else { return nil }
            return try named(node, fields.path(key), reader, what: "dial target")
        }
        dials.kubeControllerManager = try dial("kubeControllerManager") ?? dials.kubeControllerManager
        dials.kubeScheduler = try dial("kubeScheduler") ?? dials.kubeScheduler
        dials.clusterAutoscaler = try dial("clusterAutoscaler") ?? dials.clusterAutoscaler
        dials.addonManagers = try dial("addonManagers") ?? dials.addonManagers
        dials.controlPlaneKubelets = try dial("controlPlaneKubelets") ?? dials.controlPlaneKubelets
        if let worker = try dial("workerKubelets") {
            guard worker == .clusterEndpoint else {
                throw reader.error(
                    at: fields["workerKubelets"]!, fields.path("workerKubelets"),
                    "a worker runs no apiserver, so its kubelet cannot dial localAPIServer; expected clusterEndpoint")
            }
            dials.workerKubelets = worker
        }
        return dials
    }

    /// A value of a string-named enumeration, or an error listing the names.
    static func named<Value: RawRepresentable & CaseIterable>(
        _ node: Node, _ path: String, _ reader: YAMLReader, what: String
    ) throws(ScenarioError) -> Value where Value.RawValue == String {
        let name = try reader.string(node, path, what: "a \(what)")
        guard let value = Value(rawValue: name) else {
            throw reader.error(at: node, path, "unknown \(what) \(quoted(name)); expected one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    static func clientAddress(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> ClientAddress {
        let name = try reader.string(node, path, what: "an address kind")
        guard let address = clientAddresses.first(where: { $0.0 == name })?.1 else {
            throw reader.error(at: node, path, "unknown address \(quoted(name)); expected one of \(clientAddresses.map(\.0).joined(separator: ", "))")
        }
        return address
    }

    static func requestRate(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> Double {
        try reader.rate(node, path, unit: "requests per second", maximum: 1_000_000)
    }

    /// `virtualIP: {advertInterval, downTimerAdverts, masterPriority, backupPriority}`: keepalived's VRRP.
    static func parseVirtualIP(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> VirtualIPSettings {
        let fields = try reader.mapping(node, path, allowed: virtualIPKeys)
        var settings = VirtualIPSettings()
        if fields["advertInterval"] != nil { settings.advertInterval = try reader.positiveDuration(fields, "advertInterval") }
        if let node = fields["downTimerAdverts"] { settings.downTimerAdverts = try reader.count(node, fields.path("downTimerAdverts"), maximum: 255) }
        if let node = fields["masterPriority"] { settings.masterPriority = try reader.count(node, fields.path("masterPriority"), maximum: 254) }
        if let node = fields["backupPriority"] { settings.backupPriority = try reader.count(node, fields.path("backupPriority"), maximum: 254) }
        if let node = fields["script"] { settings.script = try parseVRRPScript(node, fields.path("script"), reader) }
        if let problem = settings.problems.first { throw reader.error(at: node, path, problem) }
        return settings
    }

    /// `script: none` or `{interval, fall, rise, weight}`: the tracked `vrrp_script`.
    static func parseVRRPScript(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> VRRPScriptSettings? {
        if node.scalar?.string == "none" { return nil }
        let fields = try reader.mapping(node, path, allowed: vrrpScriptKeys, what: "none or {interval, fall, rise, weight}")
        var script = VRRPScriptSettings()
        if fields["interval"] != nil { script.interval = try reader.positiveDuration(fields, "interval") }
        if let node = fields["fall"] { script.fall = try reader.count(node, fields.path("fall"), maximum: 1_000) }
        if let node = fields["rise"] { script.rise = try reader.count(node, fields.path("rise"), maximum: 1_000) }
        if let node = fields["weight"] {
            let weight = try reader.number(node, fields.path("weight"))
            guard weight == weight.rounded(), (-253...253).contains(weight) else {
                throw reader.error(at: node, fields.path("weight"), "expected a whole number from -253 to 253 (keepalived.conf(5), vrrp_script weight), found \(weight)")
            }
            script.weight = Int(weight)
        }
        return script
    }

    /// `haproxy: {timeoutConnect, timeoutServer, retries, redispatch, checkInterval, fall, rise}`.
    static func parseHAProxy(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> HAProxySettings {
        let fields = try reader.mapping(node, path, allowed: haproxyKeys)
        var settings = HAProxySettings()
        if fields["timeoutConnect"] != nil { settings.timeoutConnect = try reader.positiveDuration(fields, "timeoutConnect") }
        if fields["timeoutServer"] != nil { settings.timeoutServer = try reader.positiveDuration(fields, "timeoutServer") }
        if fields["checkInterval"] != nil { settings.checkInterval = try reader.positiveDuration(fields, "checkInterval") }
        if let node = fields["retries"] { settings.retries = try reader.count(node, fields.path("retries"), minimum: 0, maximum: 100) }
        if let node = fields["redispatch"] { settings.redispatch = try reader.boolean(node, fields.path("redispatch")) }
        if let node = fields["fall"] { settings.fall = try reader.count(node, fields.path("fall"), maximum: 100) }
        if let node = fields["rise"] { settings.rise = try reader.count(node, fields.path("rise"), maximum: 100) }
        if let problem = settings.problems.first { throw reader.error(at: node, path, problem) }
        return settings
    }

    /// `steps: {ipDetach, targetPool, ipAttach, loadBalancerWait}` of the scripted procedure.
    static func parseProcedureSteps(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> ProcedureSteps {
        let fields = try reader.mapping(node, path, allowed: procedureStepKeys)
        var steps = ProcedureSteps()
        if let node = fields["ipDetach"] { steps.ipDetach = try reader.distribution(node, fields.path("ipDetach")) }
        if let node = fields["targetPool"] { steps.targetPool = try reader.distribution(node, fields.path("targetPool")) }
        if let node = fields["ipAttach"] { steps.ipAttach = try reader.distribution(node, fields.path("ipAttach")) }
        if fields["loadBalancerWait"] != nil { steps.loadBalancerWait = try reader.positiveDuration(fields, "loadBalancerWait") }
        return steps
    }

    /// `nlb: {crossZone, dnsTTL, idleTimeout}` of an AWS NLB.
    static func parseNetworkLoadBalancer(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> NetworkLoadBalancerSettings {
        let fields = try reader.mapping(node, path, allowed: nlbKeys)
        var settings = NetworkLoadBalancerSettings()
        if let node = fields["crossZone"] { settings.crossZone = try reader.boolean(node, fields.path("crossZone")) }
        if fields["dnsTTL"] != nil { settings.dnsTTL = try reader.positiveDuration(fields, "dnsTTL") }
        if let node = fields["idleTimeout"] {
            settings.idleTimeout = try reader.duration(node, fields.path("idleTimeout"))
            if let problem = settings.problems.first { throw reader.error(at: node, fields.path("idleTimeout"), problem) }
        }
        if let problem = settings.problems.first { throw reader.error(at: node, path, problem) }
        return settings
    }

    /// `topology.access.bgp`: kube-vip's BGP timers (`BGPSettings`).
    static func parseBGP(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> BGPSettings {
        let fields = try reader.mapping(node, path, allowed: bgpKeys)
        var settings = BGPSettings()
        if fields["holdTime"] != nil { settings.holdTime = try reader.positiveDuration(fields, "holdTime") }
        if fields["keepaliveInterval"] != nil { settings.keepaliveInterval = try reader.positiveDuration(fields, "keepaliveInterval") }
        if let check = fields["controlPlaneHealthCheck"] {
            settings.controlPlaneHealthCheck = try parseKubeVipRouteCheck(check, fields.path("controlPlaneHealthCheck"), reader)
        }
        if let problem = settings.problems.first { throw reader.error(at: node, path, problem) }
        return settings
    }

    /// `topology.access.bgp.controlPlaneHealthCheck`: `none`, `{}` for
    /// kube-vip's defaults, or `{period, timeout, failureThreshold}`.
    static func parseKubeVipRouteCheck(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> KubeVipRouteCheckSettings? {
        if node.scalar?.string == "none" { return nil }
        let fields = try reader.mapping(node, path, allowed: kubeVipRouteCheckKeys, what: "none or {period, timeout, failureThreshold}")
        var check = KubeVipRouteCheckSettings()
        if fields["period"] != nil { check.period = try reader.positiveDuration(fields, "period") }
        if fields["timeout"] != nil { check.timeout = try reader.positiveDuration(fields, "timeout") }
        if let node = fields["failureThreshold"] { check.failureThreshold = try reader.count(node, fields.path("failureThreshold"), maximum: 1_000) }
        return check
    }

    /// `none`, `gcp`, `aws-nlb`, `haproxy`, `cluster-api-aws`, or
    /// `{interval, timeout, healthyThreshold, unhealthyThreshold, protocol}`
    /// over `base`.
    static func parseHealthCheck(_ node: Node, _ path: String, base: HealthCheckSettings = .gcp, _ reader: YAMLReader) throws(ScenarioError)
        -> HealthCheckSettings?
    {
        if let preset = node.scalar?.string {
            switch preset {
            case "none": return nil
            case "gcp": return .gcp
            case "aws-nlb": return .awsNLB
            case "haproxy": return HAProxySettings().healthCheck
            case "cluster-api-aws": return .clusterAPIAWS
            default:
                throw reader.error(
                    at: node, path,
                    "unknown preset \(quoted(preset)); expected none, gcp, aws-nlb, haproxy, cluster-api-aws, or {interval, timeout, healthyThreshold, unhealthyThreshold, protocol}")
            }
        }
        let fields = try reader.mapping(node, path, allowed: healthCheckKeys)
        var settings = base
        // GCP takes checkIntervalSec and timeoutSec of at least 1 s, and both
        // thresholds from 1 to 10 (compute health-checks API reference); AWS's
        // ranges (interval 5-300 s, thresholds 2-10) lie inside these.
        if fields["interval"] != nil { settings.interval = try minimumDuration(fields, "interval", .seconds(1), reader) }
        if fields["timeout"] != nil { settings.timeout = try minimumDuration(fields, "timeout", .seconds(1), reader) }
        if let node = fields["healthyThreshold"] { settings.healthyThreshold = try reader.count(node, fields.path("healthyThreshold"), maximum: 10) }
        if let node = fields["unhealthyThreshold"] { settings.unhealthyThreshold = try reader.count(node, fields.path("unhealthyThreshold"), maximum: 10) }
        if let node = fields["protocol"] {
            // CAPA's healthCheckProtocol: TCP, or HTTP(S) asking /readyz.
            let name = try reader.string(node, fields.path("protocol"))
            guard let probe = HealthCheckSettings.Probe(rawValue: name), probe != .bgpSession else {
                throw reader.error(at: node, fields.path("protocol"), "unknown protocol \(quoted(name)); expected https (a /readyz GET) or tcp (a connect)")
            }
            settings.probe = probe
        }
        if let problem = settings.problems.first { throw reader.error(at: node, path, problem) }
        return settings
    }
}

extension ScenarioParser {
    /// A duration of at least `minimum`, the shortest the real component accepts.
    static func minimumDuration(_ fields: Fields, _ key: String, _ minimum: SimDuration, _ reader: YAMLReader) throws(ScenarioError) -> SimDuration {
        let node = try reader.required(fields, key)
        let value = try reader.duration(node, fields.path(key))
        guard value >= minimum else { throw reader.error(at: node, fields.path(key), "expected at least \(minimum), found \(value)") }
        return value
    }
}
