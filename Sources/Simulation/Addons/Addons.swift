import SimKernel

/// The Addons subsystem's state: one add-on manager per master slot and the
/// cluster's last successful sync by any manager with the longest gap
/// between two (leader-elected add-on managers, `World.addonStalenessMax`).
/// Only its own methods change it; a manager's state changes only through
/// `AddonManager`'s methods, reached by `subscript(manager:)`.
struct Addons {
    private(set) var managers: [AddonManager] = []
    private(set) var clusterLastSuccess = SimInstant.start
    private(set) var clusterLongestGap = SimDuration.zero

    /// The manager of master slot `index`, to change through its own methods.
    subscript(manager index: Int) -> AddonManager {
        get { managers[index] }
        _modify { yield &managers[index] }
    }

    mutating func add(_ manager: AddonManager) { managers.append(manager) }

    /// Some manager applied the add-ons at `now`.
    mutating func recordClusterSuccess(at now: SimInstant) {
        clusterLongestGap = max(clusterLongestGap, now - clusterLastSuccess)
        clusterLastSuccess = now
    }

    /// The control plane's clock stood still for `span` (FastForward/).
    mutating func delayHeldTimes(by span: SimDuration) {
        for index in managers.indices { managers[index].delayHeldTimes(by: span) }
        clusterLastSuccess = clusterLastSuccess + span
    }
}
