import ScenarioFile
import Simulation
import Testing

/// A fault whose targets carry no modelled traffic would count as injected
/// and change nothing; the parser refuses it, naming the fault and why.
@Suite struct FaultReachTests: ScenarioText {
    /// worker-a-1 runs the in-cluster client probe; every worker runs a kubelet.
    let workers = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  workers: {a: 2, b: 1}\nfaults:\n  - "

    @Test(arguments: [
        ("{at: 1m, partition: {groups: [[worker-a-2], [worker-b-1]]}}",
         "8:25: faults[0].partition: this fault would change nothing: no two of its groups hold a control-plane host and a host that talks to it, so it separates nothing the model sends"),
        ("{at: 1m, partition: {oneWay: {from: worker-a-2, to: worker-b-1}}}",
         "8:25: faults[0].partition: this fault would change nothing: neither side holds a master or etcd host, and workers talk only to those, so no modelled message crosses it"),
        ("{at: 1m, degrade: {between: worker-a-2, and: a, latency: 5ms}}",
         "8:23: faults[0].degrade: this fault would change nothing: one side holds no host whose messages have modelled latency (masters, etcd hosts, the workers a client class runs on), so it slows nothing"),
    ])
    func faultsThatReachNothingAreRefused(fault: String, message: String) {
        #expect(error(workers + fault + "\n") == "s.yaml:\(message)")
    }

    /// A worker's kubelet renews its node lease through the control plane
    /// (docs/WORKERS.md), so pausing or cutting off any worker reaches it.
    @Test(arguments: [
        "{at: 1m, pause: worker-a-1}",
        "{at: 1m, pause: worker-a-2}",
        "{at: 1m, partition: {isolate: worker-b-1}}",
        "{at: 1m, partition: {isolate: [worker-b-1, master-c-1]}}",
        "{at: 1m, partition: {groups: [[worker-a-2], [master-b-1]]}}",
        "{at: 1m, degrade: {between: worker-a-1, and: b, latency: 5ms}}",
        "{at: 1m, partition: {isolate: zone-of:etcd-leader}}",
    ])
    func faultsThatReachTrafficAreAccepted(fault: String) {
        #expect(error(workers + fault + "\n") == "parsed")
    }
}
