import Raft
import SimKernel

/// The simulated cluster: zones, hosts, etcd members and the network between
/// them, the event queue that drives them, and the recorders that turn state
/// changes into metrics, intervals and events.
///
/// Components are value types held in arrays indexed by dense ids; every
/// state change goes through `handle(_:)`. The World is split over files by
/// concern: hosts (World+Hosts), etcd (World+Etcd), faults (World+Faults),
/// the write probe (World+Probe), the control plane (World+APIServer,
/// World+LeaderElection, World+Addons, World+Clocks) and results (World+Results).
public struct World {
    /// The scenario, read everywhere and never changed: held by reference,
    /// so that it is not part of the World's inline value (1.3 KB of its
    /// 3.9 KB). Swift copies that value onto the stack whenever a mutating
    /// method calls a non-mutating one, several times an event.
    public var scenario: Scenario {
        _read { yield scenarioBox.value }
    }
    private let scenarioBox: ScenarioBox
    /// The queue and its clock, the streams, the announced changes and the
    /// fast-forward's skips (`Kernel`).
    var kernel: Kernel

    // Hosts and zones (Hosts/).
    var fleet: HostFleet

    // etcd (Etcd/): members, their messages in flight, the write probe.
    var etcd: EtcdCluster
    // The network (Network/): partitions, degradations, per-link arrival order and streams.
    var network: Network

    // Master operations (World+Masters).
    var operations: Operations

    // External access (Access/): endpoint, load balancer, service endpoints, clients.
    var access: Access

    // Control plane (World+APIServer, World+LeaderElection, World+Addons, World+Clocks).
    var apiServers = APIServers()
    var leases = Leases()
    var addons = Addons()

    // Workers (Workers/): kubelets, nodes, pods and the controllers acting on them.
    var workers = Workers()

    // Faults (World+Faults): their streams and what each started fault resolved to.
    var faults: Faults

    // Failures (Failures/): every target of every failure process.
    var failures: Failures

    // Recorders (World+Results).
    var recording: Recording
    /// Each availability condition's failing intervals, attributed (Downtime/).
    var downtime: Downtime

    public init(scenario: Scenario, seed: UInt64) {
        scenarioBox = ScenarioBox(scenario)
        let topology = scenario.topology
        let hosts = topology.hosts
        var random = RandomStreams(rootSeed: seed)
        var streams: [RandomStreams.StreamID] = []
        for index in scenario.faults.indices { streams.append(random.stream("faults/\(index)")) }
        faults = Faults(streams: streams)
        var operationStreams: [RandomStreams.StreamID] = []
        for index in scenario.operations.indices { operationStreams.append(random.stream("operations/\(index)")) }
        operations = Operations(streams: operationStreams)
        failures = Failures(targets: World.failingTargets(scenario, random: &random))
        let loadBalancerStream = random.stream("access/load-balancer")
        let accessProbeStream = random.stream("access/probes")
        let fastForward = FastForward(enabled: scenario.fastForward)
        downtime = Downtime(conditions: DowntimeCondition.recorded(topology, workloads: scenario.workloads))

        fleet = HostFleet(hosts: hosts, zoneCount: topology.zones.count)

        let etcdHosts = topology.etcdHosts
        etcd = EtcdCluster(hostCount: hosts.count, etcdHosts: etcdHosts)
        network = Network(hosts: hosts, settings: topology.network)

        recording = Recording(hosts: hosts, zones: topology.zones)
        var clientStreams: [RandomStreams.StreamID] = []
        for clientClass in topology.access.population {
            clientStreams.append(ClientClass.sharesProbeStream(clientClass.name) ? accessProbeStream : random.stream("clients/\(clientClass.name)"))
        }
        access = Access(
            topology: topology, loadBalancerStream: loadBalancerStream, probeStream: accessProbeStream,
            clientStreams: clientStreams, outside: network.outside, recording: &recording)
        kernel = Kernel(random: random, fastForward: fastForward)
        installStaticLinks()
        bootstrapEtcd(etcdHosts)
        recording.set(access.endpointLane, endpointStateName, at: .start)
        for host in hosts where host.role == .master {
            apiServers.add(APIServer(host: host.id), entity: recording.register("apiserver/\(host.name)", state: APIServerState.ready.rawValue))
        }
        if topology.externalEtcdPerZone != nil { apiServers.connectEtcdClients(members: etcd.members.count) }
        bootstrapLeases()
        bootstrapAddons()
        bootstrapWorkers()
        announce(.apiServerPath)
        settle()
    }

    public var now: SimInstant { queue.now }
    /// The run's end on the model's clock: the fast-forward's skips brought it closer.
    var end: SimInstant { SimInstant(scenario.duration) - fastForward.skipped }

    /// Runs to the end of the scenario and returns the result. `progress`,
    /// when given, is told the simulated time and the events dispatched so
    /// far every 2^20 events; it cannot change the run (the model reads no
    /// clock; the command line's progress line does). With fast-forward on,
    /// every subsystem is asked at the end of each window whether the
    /// cluster is quiet (FastForward/); the check is no event, so a run that
    /// never skips keeps its digest.
    public mutating func run(progress: ((SimInstant, Int) -> Void)? = nil) -> RunResult {
        // Without limits the loop never stops early.
        try! run(limits: .unlimited, progress: progress)
    }

    /// As `run(progress:)`, but stops with `RunStopped` once the run passes `limits`.
    public mutating func run(limits: RunLimits, progress: ((SimInstant, Int) -> Void)? = nil) throws(RunStopped) -> RunResult {
        fastForward.replayBudget = limits.events
        scheduleFaults()
        scheduleFailures()
        scheduleOperations()
        startProbe()
        startAccess()
        while true {
            let limit = fastForward.enabled ? min(end, fastForward.nextCheck) : end
            if let item = queue.next(until: limit) {
                handle(item.event)
                let dispatched = queue.dispatchedCount
                if dispatched & (RunLimits.checkEvery - 1) == 0 {
                    try check(limits)
                    if let progress, dispatched & 0xF_FFFF == 0 { progress(now + fastForward.skipped, dispatched) }
                }
                continue
            }
            guard now < end else { break }
            checkQuiet()
        }
        thawControlPlane()
        return finish()
    }

    private func check(_ limits: RunLimits) throws(RunStopped) {
        let reached = now + fastForward.skipped
        if queue.dispatchedCount >= limits.events - min(fastForward.replayedRequests, limits.events) {
            throw RunStopped(limit: .events(limits.events), reached: reached, eventsDispatched: queue.dispatchedCount)
        }
        if queue.pendingCount > limits.pendingEvents {
            throw RunStopped(limit: .pendingEvents(limits.pendingEvents), reached: reached, eventsDispatched: queue.dispatchedCount)
        }
    }

    /// The one dispatch point of the model.
    mutating func handle(_ event: WorldEvent) {
        // A frozen control plane meets whatever reaches it running (FastForward/).
        if fastForward.frozen != nil, wakesControlPlane(event) { thawControlPlane() }
        switch event {
        case .faults(let event): handle(event)
        case .etcd(let event): handle(event)
        case .apiServers(let event): handle(event)
        case .leases(let event): handle(event)
        case .addons(let event): handle(event)
        case .operations(let event): handle(event)
        case .access(let event): handle(event)
        case .workers(let event): handle(event)
        case .failures(let event): handle(event)
        }
        settle()
        recordDowntime()
    }

    mutating func record(entity: String, kind: EventKind, detail: String) {
        recording.record(EventRecord(time: now, entity: entity, kind: kind, detail: detail))
    }
}

/// Runs `scenario` under `seed` (the scenario's own seed when nil): a pure
/// function of its inputs.
public func simulate(_ scenario: Scenario, seed: UInt64? = nil, progress: ((SimInstant, Int) -> Void)? = nil) -> RunResult {
    var world = World(scenario: scenario, seed: seed ?? scenario.seed)
    return world.run(progress: progress)
}

/// As `simulate(_:seed:progress:)`, stopped with `RunStopped` once the run
/// passes `limits`; a run within them gives the same result, digest included.
public func simulate(
    _ scenario: Scenario, seed: UInt64? = nil, limits: RunLimits,
    progress: ((SimInstant, Int) -> Void)? = nil
) throws(RunStopped) -> RunResult {
    var world = World(scenario: scenario, seed: seed ?? scenario.seed)
    return try world.run(limits: limits, progress: progress)
}

/// The World's scenario by reference (`World.scenario`).
private final class ScenarioBox: Sendable {
    let value: Scenario
    init(_ value: Scenario) { self.value = value }
}
