/// One master's keepalived `vrrp_script` (`VRRPScriptSettings`): good or
/// failed, and the run of equal results that counts towards a change. A
/// keepalived that starts begins with the script good, as in an
/// established cluster whose checks passed.
struct VRRPScriptState: Hashable, Sendable {
    private(set) var failed = false
    private(set) var failures = 0
    private(set) var successes = 0

    /// Counts one run of the script; true when the state changed.
    mutating func record(passed: Bool, settings: VRRPScriptSettings) -> Bool {
        if passed {
            failures = 0
            successes += 1
            guard failed, successes >= settings.rise else { return false }
            failed = false
        } else {
            successes = 0
            failures += 1
            guard !failed, failures >= settings.fall else { return false }
            failed = true
        }
        return true
    }

    /// Whether a change is under way: a good script failing, or a failed one passing.
    var changing: Bool { failed ? successes > 0 : failures > 0 }
}
