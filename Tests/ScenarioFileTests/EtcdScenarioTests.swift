import ScenarioFile
import SimKernel
import Simulation
import Testing

/// The etcd, network and fault keys of scenario files (issue 3).
@Suite struct EtcdScenarioTests: ScenarioText {
    @Test func etcdDefaultsFollowEtcd() throws {
        let etcd = try parse(head).topology.etcd
        #expect(etcd.heartbeatInterval == .milliseconds(100))
        #expect(etcd.electionTimeout == .etcd(.seconds(1)))
        #expect(etcd.preVote)
        #expect(etcd.tickCounts.heartbeat == 1 && etcd.tickCounts.election == 10 && etcd.tickCounts.range == nil)
        #expect(etcd.writeProbeRate == 1 && etcd.writeProbeTimeout == .seconds(5))
    }

    @Test func readsEtcdAndNetworkSettings() throws {
        let topology = try parse(head + """
              etcd:
                placement: external
                members: {a: 2, b: 2, c: 1}
                heartbeatInterval: 50ms
                electionTimeout: {min: 150ms, max: 300ms}
                preVote: false
                fsync: {lognormal: {median: 1ms, sigma: 0.3}}
                initialElectionTickAdvance: false
                writeProbe: {rate: 100, timeout: 2s}
              network:
                sameZone: 1ms
                crossZone: {uniform: [2ms, 3ms]}
                loss: 1%
                links: [{between: a, and: [b, zone-of:master-c-1], latency: 20ms}]
            """).topology
        #expect(topology.externalEtcdPerZone == [2, 2, 1])
        #expect(topology.etcdHosts.map(\.name) == ["etcd-a-1", "etcd-a-2", "etcd-b-1", "etcd-b-2", "etcd-c-1"])
        #expect(topology.etcd.tickInterval == .milliseconds(1))
        #expect(topology.etcd.tickCounts.heartbeat == 50 && topology.etcd.tickCounts.range == 150...300)
        #expect(!topology.etcd.preVote && !topology.etcd.initialElectionTickAdvance)
        #expect(topology.etcd.writeProbeRate == 100 && topology.etcd.writeProbeTimeout == .seconds(2))
        #expect(topology.network.sameZone == .fixed(.milliseconds(1)))
        #expect(topology.network.loss == 0.01)
        #expect(topology.network.links == [LinkDegradation(between: .zone(.zone(0)), and: .union([.zone(.zone(1)), .zone(.zoneOf(.host(2)))]),
                                                           latency: .fixed(.milliseconds(20)), loss: 0)])
    }

    @Test func readsEveryFaultKindAndTarget() throws {
        let faults = try parse(head + """
            faults:
              - {at: 1m, zoneOutage: zone-of:etcd-leader, for: 1m}
              - {at: 2m, crash: random-master}
              - {at: 3m, etcdCrash: etcd-leader, for: 30s}
              - {at: 4m, pause: master-b-1, for: 5s}
              - {at: 5m, partition: {isolate: [a, master-b-1]}, for: 1m}
              - {at: 6m, partition: {groups: [[a], [b, c]]}}
              - {at: 7m, partition: {oneWay: {from: a, to: zone-of:etcd-leader}}}
              - {at: 8m, partition: {bridge: master-b-1}}
              - {at: 9m, partition: {ring: true}}
              - {at: 10m, degrade: {between: a, and: [b, c], latency: 50ms, loss: 0.1}}
              - {at: 11m, slowDisk: {host: etcd-leader, fsync: 100ms}}
            """).faults.map(\.kind)
        #expect(faults == [
            .zoneOutage(.zoneOf(.etcdLeader)),
            .hostCrash(.randomMaster),
            .etcdCrash(.etcdLeader),
            .hostPause(.host(1)),
            .partition(.isolate(.union([.zone(.zone(0)), .host(.host(1))]))),
            .partition(.groups([.union([.zone(.zone(0))]), .union([.zone(.zone(1)), .zone(.zone(2))])])),
            .partition(.oneWay(from: .zone(.zone(0)), to: .zone(.zoneOf(.etcdLeader)))),
            .partition(.bridge(.host(1))),
            .partition(.ring),
            .degrade(LinkDegradation(between: .zone(.zone(0)), and: .union([.zone(.zone(1)), .zone(.zone(2))]),
                                     latency: .fixed(.milliseconds(50)), loss: 0.1)),
            .slowDisk(.etcdLeader, fsync: .fixed(.milliseconds(100))),
        ])
    }

    @Test(arguments: [
        ("  etcd: {electionTimeout: 300ms}", "7:27: topology.etcd.electionTimeout: expected at least 5 times the heartbeat interval (500ms), as etcd requires; found 300ms"),
        ("  etcd: {electionTimeout: 60s}", "7:27: topology.etcd.electionTimeout: expected at most 50s, as etcd requires; found 1m"),
        ("  etcd: {heartbeatInterval: 1.5ms, electionTimeout: 1s}", "7:29: topology.etcd.heartbeatInterval: expected a whole number of milliseconds of at least 1ms, found 1.5ms"),
        ("  etcd: {placement: stacked, members: {a: 1}}", "7:39: topology.etcd.members: members are set only with placement: external; stacked etcd runs one member per master"),
        ("  etcd: {placement: sidecar}", #"7:21: topology.etcd.placement: unknown placement "sidecar"; expected stacked or external"#),
        ("  etcd: {preVote: yes please}", #"7:19: topology.etcd.preVote: expected true or false, found "yes please""#),
        ("  network: {links: [{between: etcd-leader, and: b, loss: 0.5}]}", "7:21: topology.network.links[0]: links apply from the start and cannot name a role (etcd-leader); expected zones or hosts"),
        ("  network: {loss: 2}", "7:19: topology.network.loss: expected a fraction from 0 to 1 (or 0% to 100%), found 2.0"),
        ("  etcd: {electionTimeout: {min: 300ms, max: 150ms}}", "7:27: topology.etcd.electionTimeout: expected heartbeat interval < min <= max, found min 300ms and max 150ms"),
    ])
    func badEtcdSettingsAreLocated(line: String, message: String) {
        #expect(error(head + line + "\n") == "s.yaml:\(message)")
    }

    @Test(arguments: [
        ("{at: 1m, etcdCrash: worker-a-1}", #"8:25: faults[0].etcdCrash: unknown etcd host "worker-a-1"; expected one of master-a-1, master-b-1, master-c-1, etcd-leader"#),
        ("{at: 1m, zoneOutage: zone-of:master-x-1}", #"8:26: faults[0].zoneOutage: unknown host "master-x-1"; expected one of master-a-1, master-b-1, master-c-1, worker-a-1, etcd-leader, random-master (did you mean "master-a-1"?)"#),
        ("{at: 1m, partition: {isolate: a, ring: true}}", "8:25: faults[0].partition: expected exactly one partition shape, one of isolate, groups, oneWay, bridge, ring"),
        ("{at: 1m, partition: {groups: [[a]]}}", "8:34: faults[0].partition.groups: expected at least two groups"),
        ("{at: 1m, degrade: {between: a, and: b}}", "8:23: faults[0].degrade: a degradation needs latency, loss or both"),
        ("{at: 1m, partition: {isolate: d}}", "8:35: faults[0].partition.isolate: unknown zone or host \"d\"; expected one of a, b, c, master-a-1, master-b-1, master-c-1, worker-a-1, etcd-leader, random-master"),
    ])
    func badFaultsAreLocated(fault: String, message: String) {
        #expect(error(head + "faults:\n  - " + fault + "\n") == "s.yaml:\(message)")
    }
}

/// `topology.access` keys (issue 5).
@Suite struct AccessScenarioTests {
    let head = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n"

    @Test func readsEveryAccessKey() throws {
        let access = try ScenarioParser.parse(head + """
              access:
                loadBalancerPropagation: 20m
                mode: dns
                dnsTTL: 1m
                healthCheck: {interval: 10s, timeout: 5s, healthyThreshold: 3, unhealthyThreshold: 4}
                kubernetesService: master-count
                apiserverCount: 3
                certificateName: dns-name
                clients: {external: 2, inCluster: 0.5, timeout: 2s, address: replica-public-ip, replica: master-b-1, skipVerification: true}
            """, file: "s.yaml").topology.access
        #expect(access.loadBalancerPropagation == .fixed(.minutes(20)))
        #expect(access.mode == .dns(ttl: .minutes(1)))
        #expect(access.healthCheck == HealthCheckSettings(interval: .seconds(10), timeout: .seconds(5), healthyThreshold: 3, unhealthyThreshold: 4))
        #expect(access.serviceReconciler == .masterCount(apiserverCount: 3))
        #expect(access.certificateName == .dnsName)
        #expect(access.externalClientRate == 2 && access.inClusterClientRate == 0.5 && access.clientTimeout == .seconds(2))
        #expect(access.clientAddress == .replicaPublicIP && access.clientReplica == 1 && access.clientSkipsVerification)
        let presets = try ScenarioParser.parse(head + "  access: {healthCheck: aws-nlb}\n", file: "s.yaml").topology.access
        #expect(presets.healthCheck == .awsNLB && presets.serviceReconciler == .lease && presets.mode == .externalIP)
        // A preset's parts, each overridable: kubeadm's keepalived and HAProxy
        // (kubernetes/kubeadm docs/ha-considerations.md).
        let kubeadm = try ScenarioParser.parse(head + "  access: {preset: kubeadm-keepalived-haproxy, haproxy: {fall: 5}}\n", file: "s.yaml").topology.access
        #expect(kubeadm.mode == .virtualIP && kubeadm.procedure == .kubeadm)
        #expect(kubeadm.healthCheck == HealthCheckSettings(interval: .seconds(2), timeout: .seconds(2), healthyThreshold: 2, unhealthyThreshold: 5))
        // kube-vip's ARP mode: its Lease elects the holder, whose own
        // apiserver answers; no load balancer, so no health check.
        let kubeVip = try ScenarioParser.parse(
            head + "  access: {preset: kube-vip, kubeVip: {leaseDuration: 5s, renewDeadline: 3s, retryPeriod: 1s}}\n", file: "s.yaml").topology.access
        #expect(kubeVip.electsVirtualIPByLease && !kubeVip.forwardsThroughHAProxy && kubeVip.healthCheck == nil)
        #expect(kubeVip.kubeVip.election.leaseDuration == .seconds(5) && kubeVip.kubeVip.election.retryPeriod == .seconds(1))
        let dns = try ScenarioParser.parse(head + "  access: {preset: dns-round-robin, dnsTTL: 1m}\n", file: "s.yaml").topology.access
        #expect(dns.mode == .dns(ttl: .minutes(1)) && dns.healthCheck == nil)
        // Cluster API AWS's NLB: its target group's TCP check, cross-zone off
        // (api/v1beta2 network_types.go, awscluster_types.go); a health-check
        // mapping overrides only the keys it names.
        let nlb = try ScenarioParser.parse(
            head + "  access: {preset: aws-nlb, nlb: {crossZone: true, idleTimeout: 10m}, healthCheck: {protocol: https}}\n", file: "s.yaml"
        ).topology.access
        #expect(nlb.mode == .networkLoadBalancer && nlb.procedure == .kubeadm && nlb.nlb.crossZone && nlb.nlb.idleTimeout == .minutes(10))
        #expect(nlb.nlb.dnsTTL == .seconds(60))
        #expect(nlb.healthCheck == HealthCheckSettings(interval: .seconds(5), timeout: .seconds(4), healthyThreshold: 2, unhealthyThreshold: 6, probe: .https))
        let plain = try ScenarioParser.parse(head + "  access: {preset: aws-nlb}\n", file: "s.yaml").topology.access
        #expect(plain.healthCheck == .clusterAPIAWS && !plain.nlb.crossZone && plain.resolvedClientAddress == .dnsName)
        // kube-vip's BGP mode: kube-vip's --bgpHoldTimer 30 s and
        // --bgpKeepAliveInterval 10 s (cmd/kube-vip.go); the router's view
        // of each session is a keepalive every interval, the route dropped
        // after the hold time's worth of missing ones.
        let bgp = try ScenarioParser.parse(head + "  access: {preset: kube-vip-bgp, bgp: {holdTime: 9s, keepaliveInterval: 3s}}\n", file: "s.yaml")
            .topology.access
        #expect(bgp.mode == .bgp && bgp.procedure == .kubeadm && bgp.resolvedClientAddress == .externalIP)
        #expect(bgp.healthCheck == HealthCheckSettings(interval: .seconds(3), timeout: .seconds(3), healthyThreshold: 1, unhealthyThreshold: 3, probe: .bgpSession))
        let bgpDefaults = try ScenarioParser.parse(head + "  access: {preset: kube-vip-bgp}\n", file: "s.yaml").topology.access
        #expect(bgpDefaults.healthCheck == BGPSettings().sessionCheck && bgpDefaults.healthCheck?.interval == .seconds(10))
        // kube-vip's control-plane health check is off unless set; `{}` is
        // its flags' defaults: every 5 s, timeout 3 s, 3 failures.
        #expect(bgpDefaults.bgp.controlPlaneHealthCheck == nil)
        let checked = try ScenarioParser.parse(
            head + "  access: {preset: kube-vip-bgp, bgp: {controlPlaneHealthCheck: {}}}\n", file: "s.yaml"
        ).topology.access.bgp.controlPlaneHealthCheck
        #expect(checked == KubeVipRouteCheckSettings() && checked?.period == .seconds(5) && checked?.timeout == .seconds(3) && checked?.failureThreshold == 3)
    }

    @Test(arguments: [
        ("  access: {mode: anycast}", #"6:18: topology.access.mode: unknown mode "anycast"; expected external-ip, dns, virtual-ip, nlb or bgp"#),
        ("  access: {dnsTTL: 30s}", "6:20: topology.access.dnsTTL: dnsTTL is set only with mode: dns"),
        ("  access: {preset: haproxy}", #"6:20: topology.access.preset: unknown preset "haproxy"; expected one of gce-scripts, kubeadm-keepalived-haproxy, kube-vip, kube-vip-bgp, dns-round-robin, aws-nlb"#),
        ("  access: {preset: kube-vip, kubeVip: {leaseDuration: 5s, renewDeadline: 5s}}", "6:39: topology.access.kubeVip: leaseDuration (5s) must be greater than renewDeadline (5s), as client-go requires"),
        ("  access: {preset: kube-vip, virtualIPElector: vrrp}", #"6:48: topology.access.virtualIPElector: unknown virtual IP elector "vrrp"; expected one of keepalived, kube-vip"#),
        ("  access: {kubeVip: {leaseDuration: 5s}}", "6:21: topology.access.kubeVip: kubeVip is set only with mode: virtual-ip (or a preset that has it)"),
        ("  access: {preset: kubeadm-keepalived-haproxy, virtualIP: {backupPriority: 255}}", "6:76: topology.access.virtualIP.backupPriority: expected a count of at most 254, found 255"),
        ("  access: {preset: kubeadm-keepalived-haproxy, haproxy: {retries: -1}}", "6:67: topology.access.haproxy.retries: expected a count of at least 0, found -1"),
        ("  access: {kubernetesService: master-count}", #"6:11: topology.access.apiserverCount: missing required key"#),
        ("  access: {apiserverCount: 3}", "6:28: topology.access.apiserverCount: apiserverCount is set only with kubernetesService: master-count"),
        ("  access: {healthCheck: azure}", #"6:25: topology.access.healthCheck: unknown preset "azure"; expected none, gcp, aws-nlb, haproxy, cluster-api-aws, or {interval, timeout, healthyThreshold, unhealthyThreshold, protocol}"#),
        ("  access: {healthCheck: {interval: 5s, timeout: 10s}}", "6:25: topology.access.healthCheck: health check timeout 10s must not exceed the interval 5s: a probe must end before the next one starts (gcloud health-checks reference)"),
        ("  access: {nlb: {crossZone: true}}", "6:17: topology.access.nlb: nlb is set only with mode: nlb (preset: aws-nlb)"),
        ("  access: {preset: aws-nlb, nlb: {idleTimeout: 30s}}", "6:48: topology.access.nlb.idleTimeout: idleTimeout must be 60s to 6000s, as AWS accepts for TCP listeners; got 30s"),
        ("  access: {bgp: {holdTime: 10s}}", "6:17: topology.access.bgp: bgp is set only with mode: bgp (preset: kube-vip-bgp)"),
        ("  access: {preset: kube-vip-bgp, bgp: {holdTime: 5s}}", "6:39: topology.access.bgp: bgp.holdTime must be at least 3s and at least the keepalive interval (RFC 4271 4.2), got 5s"),
        ("  access: {preset: kube-vip-bgp, bgp: {controlPlaneHealthCheck: {failureThreshold: 0}}}", "6:84: topology.access.bgp.controlPlaneHealthCheck.failureThreshold: expected a count of at least 1, found 0"),
        ("  access: {preset: kube-vip-bgp, bgp: {controlPlaneHealthCheck: {interval: 5s}}}", #"6:66: topology.access.bgp.controlPlaneHealthCheck.interval: unknown key "interval"; expected one of period, timeout, failureThreshold"#),
        ("  access: {preset: kube-vip-bgp, healthCheck: gcp}", "6:47: topology.access.healthCheck: with mode: bgp the router checks nothing but each master's BGP session; set bgp.holdTime and bgp.keepaliveInterval instead"),
        ("  access: {healthCheck: {protocol: bgp-session}}", #"6:36: topology.access.healthCheck.protocol: unknown protocol "bgp-session"; expected https (a /readyz GET) or tcp (a connect)"#),
        ("  access: {preset: aws-nlb, healthCheck: {protocol: udp}}", #"6:53: topology.access.healthCheck.protocol: unknown protocol "udp"; expected https (a /readyz GET) or tcp (a connect)"#),
        ("  access: {certificateName: replica-public-ip}", "6:29: topology.access.certificateName: expected external-ip or dns-name: the certificate names the cluster, and always covers replicas' internal IPs"),
        ("  access: {clients: {address: localhost}}", #"6:31: topology.access.clients.address: unknown address "localhost"; expected one of external-ip, dns-name, replica-internal-ip, replica-public-ip"#),
    ])
    func badAccessSettingsAreLocated(line: String, message: String) {
        do {
            _ = try ScenarioParser.parse(head + line + "\n", file: "s.yaml")
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "s.yaml:\(message)")
        }
    }
}

/// Limits that keep a user's mistake from exhausting memory or overflowing
/// virtual time: errors, never crashes.
@Suite struct ScenarioLimitTests {
    func error(_ text: String) -> String {
        do {
            _ = try ScenarioParser.parse(text, file: "s.yaml")
            return "parsed"
        } catch {
            return "\(error)"
        }
    }

    @Test func durationsAreBoundedToAHundredYears() {
        #expect(error("name: t\nduration: 36501d\ntopology: {zones: [a], masters: {a: 1}}\n")
            == "s.yaml:2:11: duration: expected at most 36500d (100 years), found 36501d")
        #expect(error("name: t\ntopology: {zones: [a], masters: {a: 1}}\nfaults:\n  - {at: 1s, crash: master-a-1, for: 40000d}\n")
            == "s.yaml:4:38: faults[0].for: expected at most 36500d (100 years), found 40000d")
    }

    /// Kubernetes documents 5,000 nodes as the largest supported cluster.
    @Test func workersAreBoundedByKubernetesLimit() {
        #expect(error("name: t\ntopology: {zones: [a, b], masters: {a: 1}, workers: {a: 3000, b: 3000}}\n")
            == "s.yaml:2:53: topology.workers: expected at most 5000 workers in all, Kubernetes' documented limit; found 6000")
    }

    @Test func operationsCannotCreateMoreThan64StackedMembers() {
        #expect(error("name: t\ntopology: {zones: [a], masters: {a: 60}}\noperations:\n  - {at: 1m, scaleMasters: {a: 65}}\n")
            == "s.yaml:4:32: operations[0].scaleMasters.a: expected a count of at most 64, found 65")
        // Masters removed and added again are new hosts: 60 + 5 over the run.
        #expect(error("name: t\ntopology: {zones: [a], masters: {a: 60}}\noperations:\n  - {at: 1m, removeMaster: a}\n  - {at: 2m, scaleMasters: {a: 64}}\n")
            == "s.yaml:5:5: operations[1]: these operations create 65 masters over the run; expected at most 64, each a host with its own etcd member when stacked")
    }
}
