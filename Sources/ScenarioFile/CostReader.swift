import Simulation
import Yams

/// The scenario's `cost:` section: prices per hour of each host class and
/// of the load balancer, and per GiB of cross-zone traffic (docs/COST.md).
/// A key left out costs nothing.
extension ScenarioParser {
    static let costKeys = ["master", "etcdHost", "worker", "loadBalancer", "crossZonePerGiB"]

    /// Far above any real price per hour or per GiB: a larger figure is a
    /// slip (a price per month or per year written as one per hour).
    static let maximumPrice = 1_000_000.0

    static func parseCost(_ node: Node, _ reader: YAMLReader) throws(ScenarioError) -> CostModel {
        let fields = try reader.mapping(
            node, "cost", allowed: costKeys, what: "prices such as {master: 0.19, worker: 0.1, loadBalancer: 0.025, crossZonePerGiB: 0.01}")
        var model = CostModel()
        func price(_ key: String) throws(ScenarioError) -> Double {
            guard let value = fields[key] else { return 0 }
            let price = try reader.number(value, fields.path(key))
            guard price.isFinite, price >= 0, price <= maximumPrice else {
                throw reader.error(
                    at: value, fields.path(key),
                    "expected a price from 0 to \(Int(maximumPrice)) (\(key == "crossZonePerGiB" ? "per GiB" : "per hour")), found \(value.scalar?.string ?? reader.describe(value))"
                )
            }
            return price
        }
        model.masterPerHour = try price("master")
        model.etcdHostPerHour = try price("etcdHost")
        model.workerPerHour = try price("worker")
        model.loadBalancerPerHour = try price("loadBalancer")
        model.crossZonePerGiB = try price("crossZonePerGiB")
        return model
    }
}
