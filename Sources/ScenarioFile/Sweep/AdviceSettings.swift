import Foundation
import Simulation
import Yams

/// What `hasim advise` reads beyond the sweep (`advise:` in a sweep file,
/// docs/DECIDING.md): how many of the windows of a point must meet its SLOs,
/// and the seeds after each racing round. `hasim sweep` ignores it.
public struct AdviceSettings: Sendable, Equatable {
    /// The fraction of SLO windows a point must meet: it is shown to meet
    /// when the lower end of the 95 % Wilson interval of its fraction met
    /// is at least this, and shown to fail when the upper end is below it.
    public var target: Double
    /// The seeds every racing point has run after each round, increasing,
    /// the last the sweep's seed count.
    public var rounds: [Int]

    public static let defaultTarget = 0.95
    /// The first round's seeds when the file gives no rounds; each later
    /// round doubles them, the last stopping at the sweep's seed count.
    public static let firstRound = 5

    public init(target: Double = Self.defaultTarget, rounds: [Int]) {
        self.target = target
        self.rounds = rounds
    }

    /// 5, 10, 20, 40, ... up to `seedCount`, which is always the last.
    public static func doubling(upTo seedCount: Int) -> [Int] {
        var rounds: [Int] = []
        var seeds = firstRound
        while seeds < seedCount {
            rounds.append(seeds)
            seeds *= 2
        }
        return rounds + [seedCount]
    }
}

extension SweepParser {
    static let adviseKeys = ["target", "rounds"]

    /// `advise: {target: 95%, rounds: [5, 10, 20]}`; the defaults without it.
    static func advice(_ node: Node?, seedCount: Int, _ reader: YAMLReader) throws(ScenarioError) -> AdviceSettings {
        guard let node else { return AdviceSettings(rounds: AdviceSettings.doubling(upTo: seedCount)) }
        let fields = try reader.mapping(node, "advise", allowed: adviseKeys, what: "advise settings such as {target: 95%, rounds: [5, 10, 20]}")
        var settings = AdviceSettings(rounds: AdviceSettings.doubling(upTo: seedCount))
        if let target = fields["target"] {
            let value = try reader.fraction(target, "advise.target")
            guard value > 0, value < 1 else {
                throw reader.error(
                    at: target, "advise.target",
                    "expected a fraction of windows above 0 and below 1 (such as 95%), found \(target.scalar?.string ?? reader.describe(target))")
            }
            settings.target = value
        }
        if let node = fields["rounds"] {
            var rounds: [Int] = []
            for (index, item) in try reader.sequence(node, "advise.rounds", what: "a list of seed counts such as [5, 10, 20]").enumerated() {
                let path = "advise.rounds[\(index)]"
                let seeds = try reader.count(item, path, maximum: 100_000)
                guard seeds <= seedCount else {
                    throw reader.error(at: item, path, "expected at most the sweep's \(seedCount) seeds (seeds.count), found \(seeds)")
                }
                if let last = rounds.last, seeds <= last {
                    throw reader.error(at: item, path, "expected more seeds than the round before (\(last)), found \(seeds); each round adds seeds")
                }
                rounds.append(seeds)
            }
            guard !rounds.isEmpty else { throw reader.error(at: node, "advise.rounds", "expected at least one round") }
            // The race may always go on to every seed of the sweep.
            settings.rounds = rounds.last == seedCount ? rounds : rounds + [seedCount]
        }
        return settings
    }

    /// Reads a sweep file for `hasim advise`: every point must state what it
    /// is judged by (an `slo` expectation) and what it costs (`cost:`).
    public static func loadForAdvice(path: String) throws(SweepErrors) -> SweepDefinition {
        let definition = try load(path: path)
        let withoutSLO = definition.points.filter { point in
            !point.scenario.expectations.contains { if case .slo = $0 { true } else { false } }
        }
        let withoutCost = definition.points.filter { $0.scenario.cost == nil }
        var errors: [ScenarioError] = []
        if !withoutSLO.isEmpty {
            errors.append(
                definition.adviceError(
                    "\(Self.naming(withoutSLO, of: definition)) no slo expectation; expected one such as {slo: api.external, preset: gke-regional} in the scenario's expect:, which advise judges every point by"
                ))
        }
        if !withoutCost.isEmpty {
            errors.append(
                definition.adviceError(
                    "\(Self.naming(withoutCost, of: definition)) no cost:; expected prices such as {master: 0.19, worker: 0.1} in the scenario, which advise ranks every point by"
                ))
        }
        guard errors.isEmpty else { throw SweepErrors(errors: errors) }
        return definition
    }

    /// "the scenario has" when every point lacks it, else "sweep point 2 (label) has" / "sweep points 0, 2 have".
    static func naming(_ points: [SweepPoint], of definition: SweepDefinition) -> String {
        if points.count == definition.points.count { return "the scenario has" }
        if points.count == 1, let point = points.first { return "sweep point \(point.index)" + (point.label.isEmpty ? "" : " (\(point.label))") + " has" }
        return "sweep points " + points.map { String($0.index) }.joined(separator: ", ") + " have"
    }
}
