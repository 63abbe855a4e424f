import SimKernel

/// kube-apiserver's graceful shutdown on SIGTERM (k8s.io/apiserver
/// pkg/server/genericapiserver.go RunWithContext, signal.go
/// SetupSignalContext):
/// 1. /readyz fails at once, so the load balancer's health check sees it
///    not ready; the pre-shutdown hook removes its endpoint lease from the
///    `kubernetes` service (pkg/controlplane controller
///    kubernetesservice: RemoveEndpoints).
/// 2. Everything else is served as before for --shutdown-delay-duration
///    (`topology.apiserver.shutdownDelay`, 0 by default).
/// 3. http.Server.Shutdown closes the listener (new connections are
///    refused) and sends HTTP/2 GOAWAY on every connection: its long-lived
///    clients close theirs and dial again through the load balancer at once
///    (ClientConnection.goAway), instead of staying pinned until the HTTP/2
///    health check as on a dead host.
/// 4. Requests in flight are answered, for at most the request timeout
///    (60 s, the Shutdown timeout); then the process exits.
extension World {
    mutating func beginAPIServerShutdown(_ host: Int) {
        let generation = apiServers[server: host].beginShutdown()
        let delay = scenario.topology.apiServerShutdownDelay
        record(entity: "apiserver/\(hosts[host].name)", kind: .apiServerShutdown, detail: "SIGTERM: /readyz fails; serving for \(delay)")
        if access.apiserverStopped(host: host, at: now) {
            let names = access.serviceEndpoints.endpoints.map { hosts[$0].name }.joined(separator: ",")
            recording.set(access.serviceLane, names, at: now)
            record(entity: "kubernetes-service", kind: .endpointsChanged, detail: names)
        }
        announce(.hosts)
        queue.schedule(.apiServers(.shutdownDelayEnds(host: host, generation: generation)), after: scenario.topology.apiServerShutdownDelay)
    }

    mutating func apiServerShutdownDelayEnds(_ host: Int, generation: Int) {
        guard apiServers.servers[host].shutdownGeneration == generation, apiServers.servers[host].shutdown == .delaying else { return }
        apiServers[server: host].stopAccepting()
        goAway(from: host)
        queue.schedule(.apiServers(.drainTimedOut(host: host, generation: generation)), after: APIServer.requestTimeout)
        announce(.hosts)
        drainProgressed(host)
    }

    /// GOAWAY on every connection to `host`: every client class's and the
    /// kubelets'. Each closes its connection and dials through its endpoint
    /// for its next request.
    mutating func goAway(from host: Int) {
        var clients: [String] = []
        for index in access.clients.indices {
            for member in access.clients[index].connections.indices where access.clients[index].connections[member].backend == host {
                access[client: index][connection: member].goAway(at: now)
                clients.append(access.clients[index].entity(member))
            }
        }
        var kubelets = 0
        let paths = kubeletPaths()
        for slot in workers.nodes.indices where workers.nodes[slot].connection.backend == host {
            workers.nodes[slot: slot].connectionGoesAway(at: now)
            kubelets += 1
            refreshKubelet(slot, paths)
        }
        if kubelets > 0 { clients.append("\(kubelets) kubelet\(kubelets == 1 ? "" : "s")") }
        let detail = clients.isEmpty ? "listener closed; no client connected" : "listener closed; GOAWAY to \(clients.joined(separator: ", "))"
        record(entity: "apiserver/\(hosts[host].name)", kind: .goAway, detail: detail)
    }

    /// A request to `host` ended: a draining apiserver with none left exits.
    mutating func drainProgressed(_ host: Int) {
        guard host >= 0, host < apiServers.servers.count, apiServers.servers[host].shutdown == .draining,
            !access.hasRequestInFlight(to: host)
        else { return }
        exitAPIServer(host)
    }

    mutating func apiServerDrainTimedOut(_ host: Int, generation: Int) {
        guard apiServers.servers[host].shutdownGeneration == generation, apiServers.servers[host].shutdown == .draining else { return }
        exitAPIServer(host)
    }

    mutating func exitAPIServer(_ host: Int) {
        apiServers[server: host].endShutdown()
        processExited(.apiServer, host: host)
    }
}
