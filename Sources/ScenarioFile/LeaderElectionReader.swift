import SimKernel
import Simulation
import Yams

/// `topology.leaderElection` and `topology.access.kubeVip`: client-go's
/// timings, checked as client-go's NewLeaderElector checks them
/// (tools/leaderelection/leaderelection.go).
extension ScenarioParser {
    static let leaderElectionKeys = ["leaseDuration", "renewDeadline", "retryPeriod", "restartDelay"]

    static func parseLeaderElection(_ node: Node, _ reader: YAMLReader, path: String = "topology.leaderElection") throws(ScenarioError) -> LeaderElectionSettings {
        let fields = try reader.mapping(node, path, allowed: leaderElectionKeys)
        var settings = LeaderElectionSettings()
        if fields["leaseDuration"] != nil { settings.leaseDuration = try reader.positiveDuration(fields, "leaseDuration") }
        if fields["renewDeadline"] != nil { settings.renewDeadline = try reader.positiveDuration(fields, "renewDeadline") }
        if fields["retryPeriod"] != nil { settings.retryPeriod = try reader.positiveDuration(fields, "retryPeriod") }
        if let delay = fields["restartDelay"] { settings.restartDelay = try reader.distribution(delay, fields.path("restartDelay")) }
        if let violation = settings.violation {
            throw reader.error(at: node, path, "\(violation), as client-go requires")
        }
        return settings
    }
}
