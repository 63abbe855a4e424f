import SimKernel
import Testing

@testable import Simulation

/// kubeadm's HA set-up (`access.preset: kubeadm-keepalived-haproxy`), as
/// kubernetes/kubeadm `docs/ha-considerations.md` configures it: keepalived's
/// VRRP address on the first master (priority 101, the others 100,
/// `advert_int` 1 s), HAProxy on every master (`/healthz` checks every 2 s,
/// fall 3, rise 2, `timeout connect 5s`, `timeout server 35s`, `retries 1`,
/// `option redispatch`). Timings from keepalived.conf(5) ("3 * advert_int +
/// skew_time") and haproxy `doc/configuration.txt`.
@Suite struct KubeadmVirtualIPTests {
    /// Three masters, one a zone, under the preset, with `access` changed
    /// by `adjust`, and `fault` at 10 minutes for 5 minutes.
    func run(_ fault: FaultKind, seed: UInt64 = 1, adjust: (inout AccessSettings) -> Void = { _ in }) -> RunResult {
        runUnderPreset(.kubeadmKeepalivedHAProxy, name: "kubeadm", fault, seed: seed, adjust: adjust)
    }

    @Test func theMasterDownIntervalIsThreeAdvertsAndTheSkew() {
        let settings = VirtualIPSettings()
        // keepalived.conf(5): priority 100 -> 3 s + 156/256 s.
        #expect(settings.masterDownInterval(priority: 100) == SimDuration(nanoseconds: 3_609_375_000))
        #expect(HAProxySettings().healthCheck == HealthCheckSettings(interval: .seconds(2), timeout: .seconds(2), healthyThreshold: 2, unhealthyThreshold: 3))
    }

    @Test func aCrashOfTheHolderCostsPerRequestClientsTheVRRPTakeover() {
        let result = run(.hostCrash(.host(0)))
        // No master holds the address for the master-down interval; then
        // master-c-1 (equal priority, higher address) takes it.
        #expect(abs(result.metric("api.externalIP.unreachable.seconds")! - 3.609) < 0.01)
        let moves = result.events.filter { $0.kind == .virtualIPMoved }.map(\.detail)
        #expect(moves == ["master-c-1: master-down timer expired", "master-a-1: preempts master-c-1"])
        // kubectl's commands (one a second) fail while no master holds it and
        // for etcd's election: seconds, not the repair time.
        #expect(result.metric("api.kubectl.longestOutage.seconds")! <= 6)
        // The long-lived client's connection ended on master-a-1's HAProxy:
        // reset once the address answered from master-c-1, never pinned for
        // client-go's 45 s.
        #expect(result.events.contains { $0.entity == "client/outside" && $0.kind == .connectionReset && $0.detail.hasSuffix("virtual IP moved") })
        #expect(result.metric("api.external.longestOutage.seconds")! < 15)
    }

    /// A graceful stop of the holder sends keepalived SIGTERM: it removes
    /// the address and sends an advert of priority 0 (keepalived vrrp.c,
    /// `vrrp_restore_interface`, VRRP_PRIO_STOP), and a backup that hears
    /// it takes over after its skew time, 156/256 s at priority 100, instead
    /// of the master-down interval (RFC 5798 §6.4.2).
    @Test func aGracefulStopOfTheHolderHandsTheAddressOverAfterTheSkewTime() {
        let result = run(.hostStop(.host(0)))
        let lost = result.events.filter { $0.kind == .virtualIPLost }
        let moved = result.events.filter { $0.kind == .virtualIPMoved }
        #expect(lost.first?.detail == "master-a-1: keepalived stopped, priority 0 sent")
        let handover = (moved.first?.time.sinceStart.seconds ?? 0) - (lost.first?.time.sinceStart.seconds ?? 0)
        #expect(abs(handover - 0.609) < 0.001, "address back after \(handover) s")
        #expect(moved.first?.detail == "master-c-1: master-down timer expired")
        #expect(VirtualIPSettings().skewTime(priority: 100) == SimDuration(nanoseconds: 609_375_000))
    }

    @Test func aCrashOfAnotherMasterDelaysNewConnectionsUntilHAProxyMarksItDown() {
        // With a 2 s client timeout, a command that HAProxy sent to the silent
        // master waits `timeout connect` (5 s) before the redispatch, and fails.
        let impatient = run(.hostCrash(.host(1))) { access in
            access.clients = [ClientClass(name: "kubectl", connection: .perRequest, requests: .read, rate: 1, timeout: .seconds(2))]
        }
        let failed = 1 - impatient.metric("api.kubectl.availability")!
        #expect(failed > 0, "some commands went to master-b-1 before it was marked down")
        // Marked down after `fall` 3 failed checks 2 s apart: within about 6 s,
        // so at most a handful of the 1,800 commands fail.
        #expect(failed * 1_800 <= 6)
        #expect(impatient.metric("api.externalIP.unreachable.seconds")! == 0)
        // kubectl's own (no request timeout; client-go's 30 s dial) waits
        // through the redispatch instead.
        let patient = run(.hostCrash(.host(1))) { access in
            access.clients = [ClientClass(name: "kubectl", connection: .perRequest, requests: .read, rate: 1, timeout: ClientClass.perRequestTimeout)]
        }
        #expect(patient.metric("api.kubectl.availability")! == 1)
    }

    @Test func aKilledAPIServerCostsNothingOnceHAProxyRedispatches() {
        // A refused connection is retried on the next server at once.
        let result = run(.componentCrash(.apiserver, .host(1))) { access in
            access.clients = [ClientClass(name: "kubectl", connection: .perRequest, requests: .read, rate: 1, timeout: .seconds(2))]
        }
        #expect(result.metric("api.kubectl.availability")! == 1)
    }

    @Test func aLongLivedClientOnACrashedBackendIsPinnedUntilHAProxysServerTimeout() {
        // master-c-1 holds the address (the backups' priority above the
        // first master's); the outside client's first connection goes, by
        // round robin, to master-a-1, which crashes.
        let result = run(.hostCrash(.host(0))) { access in
            access.virtualIP.masterPriority = 99
        }
        #expect(result.events.filter { $0.kind == .virtualIPMoved }.isEmpty)
        let closed = result.events.first { $0.entity == "client/outside" && $0.kind == .connectionClosed }
        // HAProxy's `timeout server` (35 s) closes the session before
        // client-go's HTTP/2 health check (45 s) would.
        #expect(closed?.detail.contains("HAProxy timeout server") == true)
        let pinned = result.metric("api.external.pinned.seconds")!
        #expect(pinned >= 30 && pinned <= 36, "pinned \(pinned) s")
    }

    /// A killed keepalived on the holder stops its adverts as a host crash
    /// does: the backups take over after the master-down interval (3.61 s),
    /// and the first master, `state MASTER`, preempts when it restarts.
    @Test func aCrashedKeepalivedOnTheHolderMovesTheAddressAsItsHostsCrashWould() {
        let result = run(.componentCrash(.keepalived, .host(0)))
        #expect(abs(result.metric(.externalIPUnreachableSeconds)! - 3.609) < 0.01)
        let moves = result.events.filter { $0.kind == .virtualIPMoved }.map(\.detail)
        #expect(moves == ["master-c-1: master-down timer expired", "master-a-1: preempts master-c-1"])
    }

    /// A dead HAProxy on the holder: the address still answers there and
    /// its kernel refuses every connection, until keepalived's
    /// `check_apiserver` (through the local HAProxy, every 3 s) has failed
    /// 10 times and the priority of 101 − 2 = 99 lets a backup (100) take
    /// over after its master-down interval (kubeadm ha-considerations.md;
    /// RFC 5798 §6.4.2): about 30 to 34 s, not the fault's 5 minutes.
    @Test func aDeadHAProxyOnTheHolderCostsTheScriptsFallCountThenTheAddressMoves() {
        let result = run(.componentCrash(.haproxy, .host(0)))
        let outage = result.metric(.clientLongestOutageSeconds(ClientClass.perRequestName))!
        #expect(outage >= 27 && outage <= 35, "kubectl's longest outage \(outage) s")
        #expect(result.events.contains { $0.kind == .vrrpScriptFailed && $0.entity == "keepalived/master-a-1" })
        #expect(result.events.contains { $0.entity == "client/outside" && $0.detail.hasSuffix("HAProxy died") })
        #expect(result.downtime.map(\.mechanism).contains(DowntimeMechanism.haproxyDownOnHolder.rawValue))
        // HAProxy back: two good runs restore 101, and master-a-1 takes the
        // address back after its own master-down interval.
        let moves = result.events.filter { $0.kind == .virtualIPMoved }.map(\.detail)
        #expect(moves == ["master-c-1: master-down timer expired, outranks master-a-1", "master-a-1: master-down timer expired, outranks master-c-1"])
        // Without the tracked script the address stays on the dead HAProxy.
        let untracked = run(.componentCrash(.haproxy, .host(0))) { $0.virtualIP.script = nil }
        #expect(untracked.metric(.clientLongestOutageSeconds(ClientClass.perRequestName))! >= 299)
    }

    /// A dead apiserver alone does not fail the script: the local HAProxy
    /// forwards the check to another master.
    @Test func aDeadAPIServerLeavesTheScriptGood() {
        let result = run(.componentCrash(.apiserver, .host(0)))
        #expect(!result.events.contains { $0.kind == .vrrpScriptFailed })
        #expect(result.events.filter { $0.kind == .virtualIPMoved }.isEmpty)
    }
}
