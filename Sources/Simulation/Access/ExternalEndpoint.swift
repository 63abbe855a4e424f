import SimKernel

/// The cluster's external IP through the GCE HA master procedure (docs
/// "Set up High-Availability Kubernetes Masters", ha-master-gce, "Load
/// balancing"): with one master the IP points at it; "when starting the second
/// master replica, a load balancer containing the two replicas will be created
/// and the IP address of the first replica will be promoted to IP address of
/// load balancer"; "after removal of the penultimate master replica, the load
/// balancer will be removed and its IP address will be assigned to the last
/// remaining replica"; creation and removal "may take some time (~20 minutes)
/// to propagate" (kubernetes/cluster/gce/util.sh polls for up to 30 minutes).
///
/// Two procedures drive it. The scripted one (`AccessSettings.Procedure.gceScripts`,
/// the default) follows kubernetes cluster/gce/util.sh step by step through
/// `detachIP`, `setPool`, `createForwardingRule`, `deleteForwardingRule` and
/// `attachIP`: the IP reaches nothing while the forwarding rule propagates.
/// The legacy one (`mastersChanged`) derives the changes from the set of
/// masters, as the documentation describes them; for it, what clients see
/// while a change propagates is a modelling choice:
/// - **creation**: requests keep reaching the first master directly until the
///   load balancer is live. The IP is still attached to that VM until GCE
///   moves it to the forwarding rule, and the procedure does not detach it
///   first.
/// - **removal**: the load balancer keeps forwarding to its healthy backends
///   (the remaining master, the removed one having left the pool first, as the
///   procedure removes a replica from the load balancer before deleting it)
///   until the removal completes; then the IP attaches to the last master.
///
/// Either way the IP never points nowhere during a change: the model charges
/// propagation with delay, not with an outage, because neither document
/// describes a gap. A change that reverses one in progress (a master added
/// while the load balancer is being removed) waits for it to finish, as the
/// kube-up/kube-down scripts run one operation at a time.
///
/// Hosts are the World's dense host ids. Every transition is recorded with a
/// kind and a detail sentence for the event log.
public struct ExternalEndpoint: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// No master: the IP is attached to nothing.
        case unattached
        /// One master holds the IP.
        case direct(host: Int)
        /// The load balancer is being created; until `live` the IP still
        /// points at `interim`.
        case creatingLoadBalancer(live: SimInstant, interim: Int)
        /// The IP is the load balancer's; its backends are the masters.
        case loadBalancer
        /// The load balancer is being removed; until `done` it still forwards
        /// to its backends, then the IP attaches to `last`.
        case removingLoadBalancer(done: SimInstant, last: Int)
        /// Scripted procedure: the static IP is attached to nothing, between
        /// its detachment from a VM and the forwarding rule that takes it
        /// (create-loadbalancer), or between the forwarding rule's deletion
        /// and its attachment to the last VM (kube-down).
        case ipDetached
        /// Scripted procedure: the forwarding rule on the static IP is
        /// created and takes effect at `live`; until then the IP reaches nothing.
        case forwardingRulePropagating(live: SimInstant)
        /// Scripted procedure: the forwarding rule is being deleted; until
        /// `done` it still forwards to the target pool, then the IP is detached.
        case forwardingRuleDeleting(done: SimInstant)
    }

    /// Where a request sent to the external IP goes at one moment.
    public enum Route: Hashable, Sendable {
        case host(Int)
        /// To one of these backends, picked by `LoadBalancerRouting` among
        /// the healthy ones.
        case loadBalancer(backends: [Int])
        case nowhere
    }

    /// One change of state, for the event log.
    public struct Transition: Hashable, Sendable {
        public enum Kind: String, CaseIterable, Hashable, Sendable {
            case loadBalancerCreationStarted, loadBalancerLive
            case loadBalancerRemovalStarted, loadBalancerRemoved
            case creationQueued, removalQueued, queuedChangeCancelled
            case ipMoved, ipReleased, ipAttached, backendsChanged
        }

        public var at: SimInstant
        public var kind: Kind
        public var detail: String

        public init(at: SimInstant, kind: Kind, detail: String) {
            self.at = at
            self.kind = kind
            self.detail = detail
        }
    }

    /// The default propagation delay: ~20 min for creation or removal (docs
    /// ha-master-gce; FACTS.md row "propagation"), drawn over [15m, 25m].
    public static let defaultPropagation = Distribution.uniform(low: .minutes(15), high: .minutes(25))

    public private(set) var state: State
    /// The masters, ascending: the load balancer's backends when it exists.
    public private(set) var masters: [Int]
    /// The propagation delay of an opposite change waiting for the current one.
    public private(set) var queuedPropagation: SimDuration?
    /// Every transition so far, in order.
    public private(set) var transitions: [Transition] = []
    /// Host names for transition details, by host id; ids are printed when empty.
    public var hostNames: [String] = []

    func name(_ host: Int) -> String { host < hostNames.count ? hostNames[host] : "host \(host)" }

    func names(_ hosts: [Int]) -> String {
        hostNames.isEmpty ? "\(hosts)" : "[" + hosts.map(name).joined(separator: ", ") + "]"
    }

    /// The endpoint of an established cluster: one master holds the IP, two or
    /// more are behind a load balancer created before the run starts (as the
    /// etcd cluster is established before time zero).
    public init(masters: [Int]) {
        self.masters = sortedUniqueHosts(masters)
        switch self.masters.count {
        case 0: state = .unattached
        case 1: state = .direct(host: self.masters[0])
        default: state = .loadBalancer
        }
    }

    /// When the next propagation completes, if one is under way.
    public var nextTransition: SimInstant? {
        switch state {
        case .creatingLoadBalancer(let live, _), .forwardingRulePropagating(let live): return live
        case .removingLoadBalancer(let done, _), .forwardingRuleDeleting(let done): return done
        default: return nil
        }
    }

    // MARK: The scripted procedure (kubernetes cluster/gce/util.sh)

    /// create-loadbalancer step 1: "Detach master IP address and attach
    /// ephemeral address to the existing master". The IP reaches nothing from now on.
    public mutating func detachIP(at now: SimInstant) {
        guard case .direct(let host) = state else { return }
        state = .ipDetached
        record(now, .ipReleased, "static IP detached from \(name(host)), which gets an ephemeral address (create-loadbalancer step 1)")
    }

    /// The target pool's instances (create-loadbalancer step 2, then
    /// `target-pools add-instances` / `remove-instances` as replicas come and go).
    public mutating func setPool(_ hosts: [Int], at now: SimInstant) {
        let pool = sortedUniqueHosts(hosts)
        guard pool != masters else { return }
        masters = pool
        record(now, .backendsChanged, "target pool \(names(pool))")
    }

    /// create-loadbalancer step 3: the forwarding rule on the static IP,
    /// which "can take up to 20 min" to take effect.
    public mutating func createForwardingRule(at now: SimInstant, propagation: SimDuration) {
        guard case .ipDetached = state else { return }
        let live = now + propagation
        state = .forwardingRulePropagating(live: live)
        record(now, .loadBalancerCreationStarted,
               "forwarding rule created on the static IP; live at \(live) after \(propagation); until then the IP reaches nothing (create-loadbalancer step 3)")
    }

    /// kube-down with one replica left: the forwarding rule is deleted.
    public mutating func deleteForwardingRule(at now: SimInstant, propagation: SimDuration) {
        guard case .loadBalancer = state else { return }
        let done = now + propagation
        state = .forwardingRuleDeleting(done: done)
        record(now, .loadBalancerRemovalStarted,
               "forwarding rule deletion started; done at \(done) after \(propagation); until then it forwards to the target pool (kube-down)")
    }

    /// kube-down: the static IP is attached to the remaining replica.
    public mutating func attachIP(to host: Int, at now: SimInstant) {
        guard case .ipDetached = state else { return }
        state = .direct(host: host)
        record(now, .ipAttached, "static IP attached to \(name(host)) (kube-down)")
    }

    /// The masters changed (a replica added or removed) at `now`; a change that
    /// starts creating or removing the load balancer takes `propagation`.
    /// Returns when the next transition is due, if any. Call `advance(to:)`
    /// first so that due transitions are applied in order.
    @discardableResult
    public mutating func mastersChanged(to newMasters: [Int], at now: SimInstant, propagation: SimDuration) -> SimInstant? {
        mastersChanged(to: newMasters, at: now) { propagation }
    }

    /// As `mastersChanged(to:at:propagation:)`, drawing the delay from
    /// `distribution` only when a creation or removal starts or is queued, so
    /// changes that start nothing leave the stream where it was.
    @discardableResult
    public mutating func mastersChanged(
        to newMasters: [Int], at now: SimInstant, propagation distribution: Distribution, stream: inout RandomStream
    ) -> SimInstant? {
        mastersChanged(to: newMasters, at: now) { distribution.sample(&stream) }
    }

    private mutating func mastersChanged(to newMasters: [Int], at now: SimInstant, draw: () -> SimDuration) -> SimInstant? {
        let old = masters
        masters = sortedUniqueHosts(newMasters)
        guard masters != old else { return nextTransition }
        let summary = "masters \(names(old)) -> \(names(masters))"
        if masters.isEmpty {
            // Removing every master deletes the cluster: the IP is released at once.
            state = .unattached
            queuedPropagation = nil
            record(now, .ipReleased, summary)
            return nil
        }
        let wantsLoadBalancer = masters.count >= 2
        switch state {
        case .unattached:
            if wantsLoadBalancer {
                startCreation(at: now, interim: masters[0], propagation: draw(), summary)
            } else {
                state = .direct(host: masters[0])
                record(now, .ipAttached, "\(summary); IP attached to \(name(masters[0]))")
            }
        case .direct(let host):
            let holder = masters.contains(host) ? host : masters[0]
            if wantsLoadBalancer {
                startCreation(at: now, interim: holder, propagation: draw(), summary)
            } else if holder != host {
                state = .direct(host: holder)
                record(now, .ipMoved, "\(summary); IP moved from \(name(host)) to \(name(holder))")
            }
        case .creatingLoadBalancer(let live, let interim):
            if !masters.contains(interim) {
                state = .creatingLoadBalancer(live: live, interim: masters[0])
            }
            queueIfReversed(wanted: wantsLoadBalancer, current: true, at: now, draw: draw, summary)
        case .loadBalancer:
            if wantsLoadBalancer {
                record(now, .backendsChanged, "\(summary); backends \(names(masters))")
            } else {
                startRemoval(at: now, last: masters[0], propagation: draw(), summary)
            }
        case .removingLoadBalancer(let done, _):
            state = .removingLoadBalancer(done: done, last: masters[0])
            queueIfReversed(wanted: wantsLoadBalancer, current: false, at: now, draw: draw, summary)
        case .ipDetached, .forwardingRulePropagating, .forwardingRuleDeleting:
            // The scripted procedure's states: its steps, not the set of
            // masters, move the IP; the masters are the target pool.
            record(now, .backendsChanged, "\(summary); target pool \(names(masters))")
        }
        return nextTransition
    }

    /// During a propagation towards `current` (true: a load balancer), queue
    /// the opposite change if the masters now want it, or cancel a queued one
    /// that they no longer want.
    private mutating func queueIfReversed(wanted: Bool, current: Bool, at now: SimInstant, draw: () -> SimDuration, _ summary: String) {
        if wanted != current {
            if queuedPropagation == nil {
                let delay = draw()
                queuedPropagation = delay
                record(now, current ? .removalQueued : .creationQueued,
                       "\(summary); \(current ? "removal" : "creation") waits for the \(current ? "creation" : "removal") under way, then takes \(delay)")
            }
        } else if queuedPropagation != nil {
            queuedPropagation = nil
            record(now, .queuedChangeCancelled, "\(summary); queued \(current ? "removal" : "creation") cancelled")
        } else {
            record(now, .backendsChanged, "\(summary); backends \(names(masters))")
        }
    }

    private mutating func startCreation(at now: SimInstant, interim: Int, propagation: SimDuration, _ summary: String) {
        let live = now + propagation
        state = .creatingLoadBalancer(live: live, interim: interim)
        record(now, .loadBalancerCreationStarted,
               "\(summary); load balancer live at \(live) after \(propagation); until then the IP stays on \(name(interim))")
    }

    private mutating func startRemoval(at now: SimInstant, last: Int, propagation: SimDuration, _ summary: String) {
        let done = now + propagation
        state = .removingLoadBalancer(done: done, last: last)
        record(now, .loadBalancerRemovalStarted,
               "\(summary); load balancer removed at \(done) after \(propagation); until then it forwards to its healthy backends")
    }

    /// Applies every transition due at or before `now`, each at its own time,
    /// and starts a queued change when the one before it completes. Returns the
    /// number of transitions applied.
    @discardableResult
    public mutating func advance(to now: SimInstant) -> Int {
        var applied = 0
        while let due = nextTransition, due <= now {
            applied += 1
            let queued = queuedPropagation
            queuedPropagation = nil
            switch state {
            case .creatingLoadBalancer:
                state = .loadBalancer
                record(due, .loadBalancerLive, "load balancer live with backends \(names(masters)); the IP is the load balancer's")
                if let queued, masters.count < 2 {
                    startRemoval(at: due, last: masters[0], propagation: queued, "masters \(names(masters))")
                }
            case .removingLoadBalancer(_, let last):
                state = .direct(host: last)
                record(due, .loadBalancerRemoved, "load balancer removed; the IP is attached to \(name(last))")
                if let queued, masters.count >= 2 {
                    startCreation(at: due, interim: last, propagation: queued, "masters \(names(masters))")
                }
            case .forwardingRulePropagating:
                state = .loadBalancer
                record(due, .loadBalancerLive, "forwarding rule live with target pool \(names(masters)); the IP is the load balancer's")
            case .forwardingRuleDeleting:
                state = .ipDetached
                record(due, .loadBalancerRemoved, "forwarding rule deleted; the static IP is attached to nothing")
            default:
                break
            }
        }
        return applied
    }

    /// Where a request sent to the external IP at `now` goes, counting
    /// transitions due by then even if `advance(to:)` has not been called.
    public func route(at now: SimInstant) -> Route {
        if let due = nextTransition, due <= now {
            var future = self
            future.advance(to: now)
            return future.route(at: now)
        }
        switch state {
        case .unattached, .ipDetached, .forwardingRulePropagating: return .nowhere
        case .direct(let host): return .host(host)
        case .creatingLoadBalancer(_, let interim): return .host(interim)
        case .loadBalancer, .removingLoadBalancer, .forwardingRuleDeleting: return .loadBalancer(backends: masters)
        }
    }

    /// Removes and returns the transitions recorded so far (for the World to
    /// turn into events).
    public mutating func takeTransitions() -> [Transition] {
        defer { transitions.removeAll() }
        return transitions
    }

    private mutating func record(_ at: SimInstant, _ kind: Transition.Kind, _ detail: String) {
        transitions.append(Transition(at: at, kind: kind, detail: detail))
    }
}
