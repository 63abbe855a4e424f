import Foundation
import Report
import ResultStore
import ScenarioFile
import SimKernel
import Simulation

/// The figures `hasim advise` judges and prints for one point, from its
/// runs in seed order: each SLO's fraction of windows met with Wilson's
/// 95 % interval (`ServiceLevelSummary`, as `seeds` prints it), the cost a
/// year at the runs' mean cross-zone traffic, and each SLO condition's
/// downtime with its interval (the sweep table's figures).
struct AdvicePointFigures {
    var slos: [ServiceLevelText.Summary]
    var cost: YearlyCost
    var downtime: DowntimeFigureSet

    init(_ point: SweepPoint, runs: [SweepRunSample], figures: DowntimeFigures) {
        let downtimeRuns = runs.map(\.downtime)
        slos = ServiceLevelText.summaries(point.scenario, runs: downtimeRuns, seeds: runs.map(\.key.seed))
        let bytes = runs.compactMap(\.crossZoneBytes)
        let meanBytes = bytes.isEmpty ? 0 : bytes.reduce(0.0) { $0 + Double($1) } / Double(bytes.count)
        // advise refuses a point without prices (SweepParser.loadForAdvice).
        cost = CostText.yearly(point.scenario, crossZoneBytes: meanBytes)!
        let conditions = slos.map(\.summary.objective.condition).reduce(into: [DowntimeCondition]()) { if !$0.contains($1) { $0.append($1) } }
        downtime = DowntimeFigureSet(figures, conditions: conditions, runs: downtimeRuns, splitsMaintenance: DowntimeFigures.splitsMaintenance(point.scenario))
    }

    var evidence: RacingRule.Evidence {
        // Minutes a year, or seconds per occurrence: one unit for every point of a sweep.
        let minutes = downtime.yearly.reduce(0) { $0 + $1.minutesPerYear }
        let seconds = downtime.perOccurrence.reduce(0) { $0 + $1.seconds }
        return RacingRule.Evidence(cost: cost.total, intervals: slos.map { $0.summary.low...$0.summary.high }, downtime: minutes + seconds)
    }
}

/// The answer of `hasim advise`: every point with its figures over the seeds
/// it ran, its verdict and the round that decided it, and the choice.
struct AdviceFront: Encodable {
    enum Verdict: String, Encodable {
        case chosen, meets
        case failsSLO = "fails SLO"
        case dominated, undecided
    }

    struct Row: Encodable {
        var point: Int
        var parameters: [String: String]
        /// Seeds run, from the first.
        var runs: Int
        var costPerYear: SweepTable.CostJSON
        var slo: [ServiceLevelJSON]
        /// Per SLO condition: minutes a year (empty for per-occurrence figures).
        var downtime: [YearlyDowntimeJSON]
        var downtimePerOccurrence: [OccurrenceDowntimeJSON]
        var verdict: Verdict
        /// The round (from 1) that showed the point to meet or dropped it; nil when undecided.
        var round: Int?
        var dominatedBy: Int?
        /// Why, in a sentence.
        var reason: String
    }

    struct Round: Encodable {
        var round: Int
        /// Seeds every racing point had run after the round.
        var seeds: Int
        var racing: [Int]
        var runs: Int
    }

    var advise: String
    var hash: String
    var seeds: String
    var target: Double
    var confidence = 0.95
    var axes: [String]
    /// The axes whose value differs between points: the table's columns and
    /// the points' names (an axis every point shares, such as a one-value
    /// `zip:` of prices, says nothing about the choice).
    private var varying: [String]
    /// yearFromDuration, perOccurrence or occurrences, as in `sweep --json`.
    var downtimeFigures: String
    var rounds: [Round]
    var chosen: Int?
    /// True when a point was chosen and no cheaper point is undecided.
    var decided: Bool
    /// Runs the race used, and what a sweep of every point over every seed runs.
    var runs: Int
    var bruteForceRuns: Int
    var points: [Row]
    private var perOccurrence: Bool

    private enum CodingKeys: String, CodingKey {
        case advise, hash, seeds, target, confidence, axes, downtimeFigures, rounds, chosen, decided, runs, bruteForceRuns, points
    }

    init(definition: SweepDefinition, hash: String, rule: RacingRule, rounds: [Round], figures: [Int: AdvicePointFigures], runs: [Int: Int]) {
        advise = definition.name
        self.hash = hash
        seeds = "\(definition.seedsFrom)-\(definition.seedsFrom + UInt64(definition.seedCount) - 1)"
        target = rule.target
        axes = definition.axes
        let varying = definition.axes.filter { path in Set(definition.points.map { $0.assignments.first { $0.path == path }?.text }).count > 1 }
        self.varying = varying
        let kind = SweepTable.figures(definition, occurrencesPerYear: nil)
        downtimeFigures = DowntimeFigureSet(kind, conditions: [], runs: []).kind
        perOccurrence = kind == .perOccurrence
        self.rounds = rounds
        let exhausted = !rule.isOver
        let choice = rule.cheapestMeeting
        chosen = choice.map { definition.points[$0].index }
        let chosenCost = choice.flatMap { rule.entries[$0].evidence.map { RacingRule.cents($0.cost) } }
        decided = choice != nil && !rule.entries.contains { $0.status == .racing }
        self.runs = runs.values.reduce(0, +)
        bruteForceRuns = definition.points.count * definition.seedCount
        let labels = Dictionary(uniqueKeysWithValues: definition.points.map { ($0.index, Self.name($0, axes: varying)) })
        points = definition.points.enumerated().map { position, point in
            let entry = rule.entries[position]
            let shown = figures[position]!
            let verdict: Verdict =
                switch entry.status {
                case .meets: position == choice ? .chosen : .meets
                case .fails: .failsSLO
                case .dominated: .dominated
                case .racing: .undecided
                }
            let seedsRun = runs[position] ?? 0
            return Row(
                point: point.index, parameters: Dictionary(uniqueKeysWithValues: point.assignments.map { ($0.path, $0.text) }), runs: seedsRun,
                costPerYear: SweepTable.CostJSON(shown.cost), slo: shown.slos.map(\.json), downtime: shown.downtime.yearly,
                downtimePerOccurrence: shown.downtime.perOccurrence, verdict: verdict, round: entry.status == .racing ? nil : entry.round,
                dominatedBy: entry.dominatedBy.map { definition.points[$0].index },
                reason: Self.reason(
                    verdict, entry: entry, figures: shown, seeds: seedsRun, target: rule.target, exhausted: exhausted,
                    dominating: entry.dominatedBy.map { (labels[definition.points[$0].index]!, figures[$0]!.cost.total) },
                    cheaperThanChosen: chosenCost.map { RacingRule.cents(shown.cost.total) < $0 } ?? true))
        }
    }

    /// `point 2 (topology.masters={a: 1})`
    static func name(_ point: SweepPoint, axes: [String]) -> String {
        let label = point.assignments.filter { axes.contains($0.path) }.map { "\($0.path)=\($0.text)" }.joined(separator: ", ")
        return "point \(point.index)" + (label.isEmpty ? "" : " (\(label))")
    }

    static func reason(
        _ verdict: Verdict, entry: RacingRule.Entry, figures: AdvicePointFigures, seeds: Int, target: Double, exhausted: Bool,
        dominating: (name: String, cost: Double)?, cheaperThanChosen: Bool
    ) -> String {
        let round = entry.round.map { "round \($0) (\(seeds) seeds)" } ?? "\(seeds) seeds"
        let goal = ServiceLevelText.percent(target)
        func interval(_ s: ServiceLevelText.Summary) -> String {
            "\(s.summary.objective.name): \(s.summary.met) of \(s.summary.windows) windows met, 95% CI \(ServiceLevelText.percent(s.summary.low)) to \(ServiceLevelText.percent(s.summary.high))"
        }
        switch verdict {
        case .chosen:
            return "the cheapest point shown to meet every SLO, in \(round): " + figures.slos.map(interval).joined(separator: "; ")
                + ", each interval's lower end at least \(goal)"
        case .meets:
            return
                "shown to meet every SLO in \(round) at the chosen point's cost, to the cent; of the two, the chosen one's intervals start higher, or as high with less downtime"
        case .failsSLO:
            let failing = figures.slos.filter { $0.summary.high < target }
            return "shown to fail in \(round): " + failing.map(interval).joined(separator: "; ") + ", below \(goal)"
        case .dominated:
            let cost = CostText.money(figures.cost.total)
            let other = dominating.map { "\($0.name), shown to meet every SLO at \(CostText.money($0.cost)) a year" } ?? "a point shown to meet every SLO"
            return "dropped in \(round): costs \(cost) a year, no less than \(other)"
        case .undecided:
            let open = figures.slos.filter { $0.summary.low < target && $0.summary.high >= target }
            return (exhausted ? "undecided after every seed (\(seeds))" : "still racing after \(seeds) seeds") + ": "
                + open.map(interval).joined(separator: "; ") + ", an interval that still holds \(goal)"
                + (cheaperThanChosen ? "; more seeds could make it the choice" : "")
        }
    }

    /// The front as a table: a row a point, its cost, each SLO's condition
    /// downtime and fraction met with intervals, the verdict and its round.
    func rows() -> (headings: [String], rows: [[String]], legend: [String]) {
        var names: [String] = []
        for row in points { for slo in row.slo where !names.contains(slo.name) { names.append(slo.name) } }
        let unit = perOccurrence ? "s/occurrence" : "min/yr"
        var headings = ["point"] + varying + ["cost a year", "seeds"]
        for index in names.indices { headings += ["S\(index + 1) \(unit)", "95% CI", "S\(index + 1) met", "95% CI"] }
        headings += ["verdict", "round"]
        let rows = points.map { row -> [String] in
            var cells = ["\(row.point)"] + varying.map { row.parameters[$0] ?? "" } + [CostText.money(row.costPerYear.total), "\(row.runs)"]
            for name in names {
                guard let slo = row.slo.first(where: { $0.name == name }) else {
                    cells += ["-", "-", "-", "-"]
                    continue
                }
                cells += downtimeCells(row, condition: slo.condition)
                cells += [
                    ServiceLevelText.percent(slo.fraction), "\(ServiceLevelText.percent(slo.fractionLow)) to \(ServiceLevelText.percent(slo.fractionHigh))",
                ]
            }
            return cells + [row.verdict.rawValue, row.round.map(String.init) ?? "-"]
        }
        let legend = names.enumerated().map { "S\($0.offset + 1) = \($0.element)" }
        return (headings, rows, legend)
    }

    /// The row's mean downtime of `condition` with its interval: minutes a
    /// year, or seconds per occurrence; nil when it has none.
    private func figure(_ row: Row, condition: String) -> (mean: Double, low: Double, high: Double)? {
        if perOccurrence, let o = row.downtimePerOccurrence.first(where: { $0.metric == condition }) {
            return (o.seconds, o.secondsLow ?? .nan, o.secondsHigh ?? .nan)
        }
        return row.downtime.first { $0.metric == condition }.map { ($0.minutesPerYear, $0.minutesPerYearLow ?? .nan, $0.minutesPerYearHigh ?? .nan) }
    }

    private func downtimeCells(_ row: Row, condition: String) -> [String] {
        guard let f = figure(row, condition: condition) else { return ["0", "n/a"] }
        let format = perOccurrence ? DowntimeFiguresText.seconds : DowntimeText.minutes
        return [format(f.mean), DowntimeText.interval(f.low, f.high, format: format)]
    }

    /// The lines above the table.
    var headline: [String] {
        let schedule = rounds.isEmpty ? "" : "; rounds ran to " + rounds.map { "\($0.seeds)" }.joined(separator: ", ") + " seeds"
        return [
            "\(advise): \(counted(points.count, "point")), seeds \(seeds)\(schedule); sweep \(hash.prefix(12))",
            "a point meets its SLOs when, for each, the lower end of the 95% Wilson interval of the fraction of windows met is at least \(ServiceLevelText.percent(target))",
            "runs: \(runs), against \(bruteForceRuns) for every point over every seed",
        ]
    }

    /// What was chosen, or why nothing was.
    var conclusion: String {
        guard let chosen, let row = points.first(where: { $0.point == chosen }) else {
            return "no point was shown to meet every SLO over the seeds; "
                + (points.contains { $0.verdict == .undecided } ? "the undecided points need more seeds" : "every point fails")
        }
        let label = varying.isEmpty ? "" : " (" + varying.compactMap { path in row.parameters[path].map { "\(path)=\($0)" } }.joined(separator: ", ") + ")"
        let cheaperUndecided = points.filter { $0.verdict == .undecided && RacingRule.cents($0.costPerYear.total) < RacingRule.cents(row.costPerYear.total) }
        return "chosen: point \(chosen)\(label), \(CostText.money(row.costPerYear.total)) a year"
            + (cheaperUndecided.isEmpty
                ? ""
                : "; not decided: cheaper point\(cheaperUndecided.count == 1 ? "" : "s") " + cheaperUndecided.map { "\($0.point)" }.joined(separator: ", ")
                    + " still undecided when the seeds ran out")
    }

    func text() -> String {
        var lines = headline
        lines.append("")
        lines.append(conclusion)
        lines.append("")
        let table = rows()
        lines += SweepTable.align([table.headings] + table.rows)
        lines += table.legend.map { "  " + $0 }
        lines.append("")
        lines.append("why")
        lines += points.map { "  point \($0.point): \($0.verdict.rawValue): \($0.reason)" }
        return lines.joined(separator: "\n")
    }

    func json() throws -> String { try JSONText.encode(self) }
}

extension AdviceFront {
    /// The report page's figures: the same table, reasons and rounds as printed.
    func page(sweepPath: String, scenarioPath: String) -> AdviceFigures {
        let table = rows()
        let chart = self.chart()
        let hashText: String = String(hash.prefix(16)) + "…"
        let runsText: String = "\(runs) of \(bruteForceRuns)"
        let facts: [(String, String)] = [
            ("hash", hashText), ("sweep file", sweepPath), ("scenario", scenarioPath), ("points", String(points.count)), ("seeds", seeds),
            ("target", ServiceLevelText.percent(target)), ("runs", runsText), ("tool", "hasim " + ToolVersion.current),
        ]
        return AdviceFigures(
            name: advise,
            facts: facts,
            headline: headline, conclusion: conclusion, headings: table.headings, rows: table.rows, legend: table.legend,
            reasons: points.map { [String($0.point), $0.verdict.rawValue, $0.reason] },
            rounds: rounds.map { ["\($0.round)", "\($0.seeds)", $0.racing.map(String.init).joined(separator: ", "), "\($0.runs)"] },
            chartTitle: chart.title, chart: chart.points)
    }

    /// The chart of the front: each point's cost and its first SLO
    /// condition's mean downtime with the interval, as the table gives them.
    func chart() -> (title: String, points: [(number: String, cost: Double, downtime: Double, low: Double, high: Double, verdict: String)]) {
        guard let condition = points.first?.slo.first?.condition else { return ("", []) }
        let unit = perOccurrence ? "seconds per occurrence" : "minutes a year"
        let points = self.points.map { row in
            let f = figure(row, condition: condition) ?? (0, .nan, .nan)
            return (number: String(row.point), cost: row.costPerYear.total, downtime: f.mean, low: f.low, high: f.high, verdict: row.verdict.rawValue)
        }
        return ("\(condition) downtime, \(unit) (mean and 95 % interval)", points)
    }
}
