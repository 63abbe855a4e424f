import ScenarioFile
import Simulation
import Testing

/// `cost:` (docs/COST.md): prices per hour and per GiB, a key left out
/// costing nothing; a bad price or key is a located error.
@Suite struct CostParsingTests: ScenarioText {
    @Test func pricesAreReadAndMissingOnesCostNothing() throws {
        let scenario = try parse(head + "cost: {master: 0.19, worker: 0.1, loadBalancer: 0.025, crossZonePerGiB: 0.01}\n")
        let cost = try #require(scenario.cost)
        #expect(cost.masterPerHour == 0.19 && cost.workerPerHour == 0.1 && cost.loadBalancerPerHour == 0.025)
        #expect(cost.crossZonePerGiB == 0.01 && cost.etcdHostPerHour == 0)
        #expect(try parse(head).cost == nil)
    }

    @Test func aBadPriceOrKeyIsALocatedError() throws {
        #expect(error(head + "cost: {master: -1}\n") == "s.yaml:7:16: cost.master: expected a price from 0 to 1000000 (per hour), found -1")
        #expect(error(head + "cost: {crossZonePerGiB: 2e7}\n").contains("cost.crossZonePerGiB: expected a price from 0 to 1000000 (per GiB)"))
        #expect(error(head + "cost: {master: cheap}\n").contains("cost.master: expected a number"))
        #expect(error(head + "cost: {masters: 1}\n").contains("s.yaml:7:8: cost.masters:"))
        #expect(error(head + "cost: 5\n").contains("cost: expected prices such as"))
    }
}
