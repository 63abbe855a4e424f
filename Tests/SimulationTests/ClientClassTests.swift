import SimKernel
import Testing

@testable import Simulation

/// Each class of API client meets a master failure its own way. A GCE
/// target pool balances connections, not requests (`sessionAffinity NONE`
/// hashes every new connection over its instances), and `create-loadbalancer`
/// in kubernetes cluster/gce/util.sh creates it without a health check, so
/// it keeps sending new connections to a dead master. A client-go
/// long-lived HTTP/2 connection is dialled once and pinned to its master
/// until the HTTP/2 health check closes it (30 s ReadIdleTimeout + 15 s
/// PingTimeout, apimachinery pkg/util/net/http.go); a kubectl or CI command
/// dials anew every time, so it fails as often as the pool picks the dead
/// master: 1/n of its commands for the whole repair.
@Suite struct ClientClassTests {
    /// Three masters, one a zone, no workers; master-a-1's host is down from
    /// 10 to 40 minutes.
    func crashOneOfThree(healthCheck: HealthCheckSettings?, clients: [ClientClass]? = nil, fastForward: Bool = true) -> RunResult {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.healthCheck = healthCheck
        topology.access.clients = clients
        let crash = Fault(kind: .hostCrash(.host(0)), at: .fixed(.minutes(10)), duration: .fixed(.minutes(30)))
        var scenario = Scenario(name: "clients", duration: .minutes(50), topology: topology, faults: [crash], expectations: [])
        scenario.fastForward = fastForward
        var world = World(scenario: scenario, seed: 1)
        return world.run()
    }

    /// Requests of the class that failed, over its 3,000 (one a second for 50 minutes).
    func failed(_ result: RunResult, _ name: String) -> Double {
        (1 - result.metric(.clientAvailability(name))!) * 3_000
    }

    @Test func perRequestClientsFailAThirdOfTheirCommandsWhileAMasterIsDownWithoutAHealthCheck() {
        let result = crashOneOfThree(healthCheck: nil)
        // 1,800 commands while master-a-1 is down; the pool picks it for a third.
        let kubectl = failed(result, ClientClass.perRequestName)
        #expect(kubectl > 500 && kubectl < 700, "\(kubectl) kubectl commands failed")
        // The long-lived client loses only the pinned stretch, if it was on
        // master-a-1 at all: at most 45 s and a request.
        #expect(failed(result, ClientClass.externalName) <= 47)
        // Attributed to the pool without a health check, all but the election
        // that master-a-1's crash may cost when it led etcd.
        let downtime = result.downtime.filter { $0.metric == "api.kubectl" }
        let seconds = downtime.reduce(0) { $0 + ($1.end - $1.start).seconds }
        let noHealthCheck = downtime.filter { $0.mechanism == DowntimeMechanism.noHealthCheck.rawValue }.reduce(0) { $0 + ($1.end - $1.start).seconds }
        #expect(noHealthCheck >= 0.95 * seconds && seconds > 500, "\(noHealthCheck) of \(seconds) s")
    }

    @Test func aHealthCheckSparesPerRequestClientsAllButTheDetection() {
        let result = crashOneOfThree(healthCheck: .gcp)
        // GCP's check (every 5 s, unhealthy after 2 failures) takes the dead
        // master out of the pool within about 10 s: a third of those commands.
        #expect(failed(result, ClientClass.perRequestName) <= 8)
    }

    @Test func aKeepAliveClientRedialsAfterOneTimeoutWhereALongLivedOneStaysPinned() {
        // Many clients of each kind, so that some are on master-a-1 for sure.
        let clients = [
            ClientClass(name: "http2", connection: .longLived, count: 30),
            ClientClass(name: "http1", connection: .keepAlive, count: 30),
        ]
        let result = crashOneOfThree(healthCheck: nil, clients: clients)
        let pinned = result.metric(.clientPinnedSeconds("http2"))!
        let reconnects = result.metric(.clientReconnects("http2"))!
        // Each HTTP/2 client on the dead master is pinned until its health
        // check closes the connection, about 45 s after its last frame.
        #expect(reconnects >= 3 && pinned >= 35 * reconnects && pinned <= 46 * reconnects, "\(pinned) s over \(reconnects)")
        // An HTTP/1.1 client gives up on one request (5 s) and redials.
        #expect(result.metric(.clientPinnedSeconds("http1"))! <= 6 * result.metric(.clientReconnects("http1"))!)
        let unavailable = { (name: String) in 1 - result.metric(.clientAvailability(name))! }
        #expect(unavailable("http1") < unavailable("http2") / 4)
    }

    @Test func controllersOnTheLocalAPIServerFailOnlyWithTheirOwnMaster() {
        let clients = [ClientClass(name: "controllers", runs: .master, count: 3)]
        let result = crashOneOfThree(healthCheck: nil, clients: clients)
        // kubeadm's kube-controller-manager talks to its own apiserver: the
        // one on master-a-1 fails for the 30 minutes, the other two never.
        let failures = (1 - result.metric(.clientAvailability("controllers"))!) * 9_000
        #expect(failures > 1_700 && failures < 1_900, "\(failures)")
        #expect(result.metric(.clientDeadBackendRequests("controllers"))! > 1_700)
    }

    @Test func theTwoProbesOfOldRunAsTheyDidWhenAClassIsAdded() {
        // The two probes share their draws and links as before; every other
        // class draws from its own stream and sends on its own connections.
        // (With the fast-forward, a class that fails while the others do not
        // keeps windows from being skipped: equal in distribution, not in bits.)
        let defaults = ClientClass.defaultPopulation(AccessSettings())
        let before = crashOneOfThree(healthCheck: .gcp, clients: Array(defaults.prefix(2)), fastForward: false)
        let after = crashOneOfThree(
            healthCheck: .gcp, clients: defaults + [ClientClass(name: "ci", connection: .perRequest, requests: .read)], fastForward: false)
        for metric in [Metric.externalAvailability, .externalPinnedSeconds, .inClusterAvailability, .etcdQuorumAvailability] {
            #expect(before.metric(metric) == after.metric(metric), "\(metric)")
        }
    }
}
