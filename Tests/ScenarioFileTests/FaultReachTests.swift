import ScenarioFile
import Simulation
import Testing

/// A fault whose targets carry no modelled traffic would count as injected
/// and change nothing; the parser refuses it, naming the fault and why.
@Suite struct FaultReachTests: ScenarioText {
    /// worker-a-1 runs the in-cluster client probe; worker-a-2 and worker-b-1 run nothing modelled.
    let workers = "name: t\nduration: 1h\ntopology:\n  zones: [a, b, c]\n  masters: {a: 1, b: 1, c: 1}\n  workers: {a: 2, b: 1}\nfaults:\n  - "

    @Test(arguments: [
        ("{at: 1m, pause: worker-a-2}",
         "8:21: faults[0].pause: this fault would change nothing: no modelled process runs on worker-a-2 (only masters, etcd hosts and the in-cluster client's worker run one; kubelets and pods are not modelled yet)"),
        ("{at: 1m, partition: {isolate: worker-b-1}}",
         "8:25: faults[0].partition: this fault would change nothing: no host it names carries modelled traffic (only masters, etcd hosts and the in-cluster client's worker do; kubelets and pods are not modelled yet)"),
        ("{at: 1m, partition: {groups: [[worker-a-2], [worker-b-1]]}}",
         "8:25: faults[0].partition: this fault would change nothing: fewer than two of its groups hold a host with modelled traffic, so it separates nothing the model sends"),
        ("{at: 1m, degrade: {between: worker-a-2, and: a, latency: 5ms}}",
         "8:23: faults[0].degrade: this fault would change nothing: one side holds no host with modelled traffic, so no modelled message crosses it"),
    ])
    func faultsThatReachNothingAreRefused(fault: String, message: String) {
        #expect(error(workers + fault + "\n") == "s.yaml:\(message)")
    }

    @Test(arguments: [
        "{at: 1m, pause: worker-a-1}",
        "{at: 1m, partition: {isolate: worker-a-1}}",
        "{at: 1m, partition: {isolate: [worker-b-1, master-c-1]}}",
        "{at: 1m, degrade: {between: worker-a-1, and: b, latency: 5ms}}",
        "{at: 1m, partition: {isolate: zone-of:etcd-leader}}",
    ])
    func faultsThatReachTrafficAreAccepted(fault: String) {
        #expect(error(workers + fault + "\n") == "parsed")
    }

    /// Without the in-cluster probe no worker carries traffic.
    @Test func theInClusterProbesWorkerStopsCountingWhenTheProbeIsOff() {
        let text = "name: t\nduration: 1h\ntopology:\n  zones: [a]\n  masters: {a: 1}\n  workers: {a: 1}\n  access: {clients: {inCluster: 0}}\nfaults:\n  - {at: 1m, pause: worker-a-1}\n"
        #expect(error(text).contains("no modelled process runs on worker-a-1"))
    }
}
