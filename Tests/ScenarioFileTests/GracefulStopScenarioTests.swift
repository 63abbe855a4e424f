import ScenarioFile
import SimKernel
import Simulation
import Testing

/// The graceful-stop keys (issue 25): `stop` and `reboot` faults beside
/// `crash`, and kube-apiserver's --shutdown-delay-duration.
@Suite struct GracefulStopScenarioTests: ScenarioText {
    func fault(_ entry: String) -> String { error(head + "faults:\n  - \(entry)\n") }

    @Test func readsStopAndReboot() throws {
        let faults = try parse(
            head + """
                faults:
                  - {at: 1m, stop: master-a-1, for: 2m}
                  - {at: 5m, reboot: etcd-leader, for: 90s}
                  - {at: 9m, stop: lease-holder:kube-scheduler}
                """
        ).faults
        #expect(faults.map(\.kind) == [.hostStop(.host(0)), .hostReboot(.etcdLeader), .hostStop(.leaseHolder(.kubeScheduler))])
        #expect(faults[1].duration == .fixed(.seconds(90)))
        #expect(faults[2].duration == nil)
    }

    @Test func stopAndRebootErrorsAreLocated() {
        #expect(
            fault("{at: 1m, stop: worker-a-1}").hasPrefix(
                "s.yaml:8:20: faults[0].stop: unknown master or etcd host \"worker-a-1\"; expected one of master-a-1, master-b-1, master-c-1"))
        #expect(
            fault("{at: 1m, reboot: master-b-1}")
                == "s.yaml:8:22: faults[0].reboot: a reboot needs for: how long the host stays down once its processes have stopped, e.g. {at: 10m, reboot: master-b-1, for: 2m}"
        )
        #expect(fault("{at: 1m, stop: master-a-1, crash: master-a-1}").hasPrefix("s.yaml:8:5: faults[0]: "))
    }

    /// k8s.io/apiserver pkg/server/config.go NewConfig: ShutdownDelayDuration 0.
    @Test func theShutdownDelayIsZeroUnlessSet() throws {
        #expect(try parse(head).topology.apiServerShutdownDelay == .zero)
        #expect(try parse(head + "  apiserver: {shutdownDelay: 15s}\n").topology.apiServerShutdownDelay == .seconds(15))
        #expect(error(head + "  apiserver: {shutdownDelay: -1s}\n").hasPrefix("s.yaml:7:30: topology.apiserver.shutdownDelay: "))
        #expect(
            error(head + "  apiserver: {shutdownDelays: 1s}\n").hasPrefix(
                "s.yaml:7:15: topology.apiserver.shutdownDelays: unknown key \"shutdownDelays\"; expected one of shutdownDelay"))
    }

    @Test func readsAGracefulRemoval() throws {
        let operations = try parse(
            head + """
                operations:
                  - {at: 1m, removeMaster: master-a-1, graceful: true}
                  - {at: 2m, removeMaster: b}
                """
        ).operations
        #expect(operations.map(\.graceful) == [true, false])
        #expect(
            error(head + "operations:\n  - {at: 1m, addMaster: a, graceful: true}\n")
                == "s.yaml:8:38: operations[0].graceful: graceful goes with removeMaster or scaleMasters: it stops a master's processes before its VM is deleted"
        )
    }
}
