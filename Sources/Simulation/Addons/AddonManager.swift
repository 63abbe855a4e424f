import SimKernel

/// The add-on manager of one master: applies the add-on manifests through
/// the local apiserver every 60 s, independently of the other masters
/// (kubernetes cluster/addons/addon-manager kube-addons.sh,
/// ADDON_CHECK_INTERVAL_SEC=60; FACTS.md).
struct AddonManager {
    let host: Int
    /// Its generation is bumped at every start and stop, dropping the old loop's syncs.
    var process = ProcessState(running: true)
    var running: Bool { process.running }
    var generation: Int { process.generation }
    /// Start of the current stretch without a successful sync.
    var lastSuccess: SimInstant = .start
    var attempts = 0
    var successes = 0
    /// The longest stretch without a successful sync, closed ones only.
    var longestGap: SimDuration = .zero

    static let syncInterval = SimDuration.seconds(60)
}
