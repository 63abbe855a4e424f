import SimKernel

/// Sending over the network: every message and request of the model goes
/// through `transmit`, which applies partitions, degradations, loss and
/// latency and draws from the link's own stream (`Network.linkStream`).
extension World {
    /// The scenario's static link overrides (`network.links`), in force for the whole run.
    mutating func installStaticLinks() {
        for (position, link) in scenario.topology.network.links.enumerated() {
            // Ids below zero keep static links apart from faults, which use their index.
            network.addDegradation(
                id: -1 - position, link, between: endpointSet(link.between, index: nil),
                and: endpointSet(link.and, index: nil))
        }
    }

    /// When something sent now from endpoint `from` on `connection` reaches
    /// `to`, or nil when a partition or the loss of the connection stops it.
    /// `carrying` is what it puts on the wire, for the cross-zone count.
    mutating func transmit(from: Int, to: Int, carrying: MessageSize, on connection: LinkConnection = .clients) -> SimInstant? {
        transmit(from: from, to: to, sentAt: now, carrying: carrying, on: connection)
    }

    /// As `transmit`, for something sent at `sentAt` (a reply leaving when
    /// the request arrives).
    mutating func transmit(from: Int, to: Int, sentAt: SimInstant, carrying: MessageSize, on connection: LinkConnection = .clients) -> SimInstant? {
        guard network.canSend(from, to) else { return nil }
        network.count(carrying, from: from, to: to)
        let stream = network.linkStream(from, to, random: &kernel.random)
        return network.arrival(from: from, to: to, now: sentAt, on: connection, stream: &kernel.random[stream])
    }

    /// The time a request sent now from `from` to `to` takes there and back,
    /// or nil when either direction is cut. Used where the exchange's timing
    /// matters but no state changes on the way (health probes, apiserver to
    /// remote etcd calls).
    /// `request` and `reply` are what each way carries.
    mutating func roundTrip(_ from: Int, _ to: Int, request: MessageSize, reply: MessageSize, on connection: LinkConnection = .clients) -> SimDuration? {
        guard from != to else { return .zero }
        guard let there = transmit(from: from, to: to, carrying: request, on: connection),
            let back = transmit(from: to, to: from, sentAt: there, carrying: reply, on: connection)
        else { return nil }
        return back - now
    }
}
