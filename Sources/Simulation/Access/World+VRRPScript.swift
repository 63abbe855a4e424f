import SimKernel

/// keepalived's `vrrp_script check_apiserver` on every master
/// (`VRRPScriptSettings`; kubernetes/kubeadm `docs/ha-considerations.md`):
/// `check_apiserver.sh` curls `https://localhost:${APISERVER_DEST_PORT}/healthz`,
/// the port HAProxy listens on, with `--max-time 2`. It fails when the
/// master's HAProxy is down or has no apiserver to forward to; a dead local
/// apiserver alone does not fail it, since HAProxy forwards to the others.
/// After `fall` failures the master advertises its priority lowered by the
/// script's weight, so a backup takes the address from a holder whose
/// HAProxy died.
extension World {
    /// Starts every master's script at a random phase of its interval.
    mutating func startVRRPScripts() {
        guard scenario.topology.access.electsVirtualIPByVRRP, let script = scenario.topology.access.virtualIP.script else { return }
        startMasterLoops(stream: "access/vrrp-scripts", period: script.interval) { .vrrpScript(host: $0) }
    }

    /// Schedules a loop's first run on every master host, each at a phase
    /// drawn uniformly over its period from its own named stream, in host order.
    mutating func startMasterLoops(stream name: String, period: SimDuration, _ event: (Int) -> AccessEvent) {
        let stream = random.stream(name)
        for host in hosts.indices where hosts[host].role == .master {
            let phase = SimDuration(nanoseconds: random[stream].nextInt(in: 1...period.nanoseconds))
            queue.schedule(.access(event(host)), after: phase)
        }
    }

    /// One run of the script on `host`, while its keepalived runs.
    mutating func runVRRPScript(_ host: Int) {
        guard let script = scenario.topology.access.virtualIP.script else { return }
        queue.schedule(.access(.vrrpScript(host: host)), after: script.interval)
        guard keepalivedRuns(host) else { return }
        let passed = haproxyRuns(host) && provisionedMasters.contains { access.backends[$0].isHealthy && acceptsConnections($0, from: host) }
        guard access.recordVRRPScript(host, passed: passed, settings: script) else { return }
        let detail =
            passed
            ? "check_apiserver good again: priority \(vrrpPriority(host))"
            : "check_apiserver failed \(script.fall) times: priority \(vrrpPriority(host))"
        record(entity: "keepalived/\(hosts[host].name)", kind: passed ? .vrrpScriptGood : .vrrpScriptFailed, detail: detail)
        followVirtualIP()
    }
}
