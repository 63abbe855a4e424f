import Foundation
import SimKernel
import Simulation

/// The cost line `run`, `seeds` and `sweep` print beside a topology when
/// its scenario gives prices (`cost:`, docs/COST.md): the yearly total and
/// what it is made of, in the currency the prices are written in.
enum CostText {
    /// "cost 12,345.67 a year: hosts 12,000.00, load balancer 219.00, cross-zone 126.67 (12,667 GiB)"
    static func line(_ cost: YearlyCost) -> String {
        "cost \(money(cost.total)) a year: hosts \(money(cost.hosts)), load balancer \(money(cost.loadBalancer)), "
            + "cross-zone traffic \(money(cost.traffic)) (\(grouped(cost.crossZoneGiB, decimals: cost.crossZoneGiB < 10 ? 2 : 0)) GiB)"
    }

    /// The yearly cost of `scenario` for a run's mean cross-zone bytes, or nil without prices.
    static func yearly(_ scenario: Scenario, crossZoneBytes: Double?) -> YearlyCost? {
        guard let model = scenario.cost, let crossZoneBytes else { return nil }
        return model.yearly(scenario.topology, crossZoneBytes: crossZoneBytes, over: scenario.duration)
    }

    static func money(_ value: Double) -> String { grouped(value, decimals: 2) }

    /// `value` with `decimals` places and thousands separated by commas.
    static func grouped(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(whole.suffix(3), at: 0)
            whole.removeLast(3)
        }
        groups.insert(Substring(whole), at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }
}
