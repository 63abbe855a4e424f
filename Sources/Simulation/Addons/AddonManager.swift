import SimKernel

/// The add-on manager of one master: applies the add-on manifests through
/// the local apiserver every 60 s, independently of the other masters
/// (kubernetes cluster/addons/addon-manager kube-addons.sh,
/// ADDON_CHECK_INTERVAL_SEC=60; FACTS.md).
struct AddonManager {
    let host: Int
    var running = true
    var crashHolds = 0
    /// Start of the current stretch without a successful sync.
    var lastSuccess: SimInstant = .start
    var generation = 0
    var attempts = 0
    var successes = 0
    /// The longest stretch without a successful sync, closed ones only.
    var longestGap: SimDuration = .zero

    static let syncInterval = SimDuration.seconds(60)
}
