import ArgumentParser
import Foundation
import Report
import ResultStore
import ScenarioFile
import Simulation

/// `hasim advise FILE`: the cheapest point of a sweep file that meets its
/// SLOs with 95 % confidence, found by racing the points over rounds of
/// common seeds (`RacingRule`: F-Race, Birattari et al. 2002; sequential
/// elimination), every run stored as `hasim sweep` stores it.
struct AdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Find the cheapest point of a sweep file that meets its SLOs with 95 % confidence, racing the points over common seeds.",
        discussion: """
            Every point runs the same seeds (common random numbers), a round at a time (advise.rounds; by default 5, 10, 20, ... \
            up to seeds.count). After each round a point is dropped when, for some SLO, the 95 % interval of its fraction of \
            windows met lies below advise.target, or when it costs at least as much as a point shown to meet every SLO (the \
            lower ends at least the target). With --db every run is stored as hasim sweep stores it (sweep --report-only and \
            report --sweep read it) and a rerun skips the stored runs. With --shard I/N a process runs its share of the first \
            round not yet stored and stops; merge the shards' databases and run again for the next round. Exits 0 with a \
            choice, 1 when no point is shown to meet or a cheaper point is still undecided when the seeds run out, 2 for a bad \
            file, 3 when the database or the page cannot be written.
            """)

    @Argument(help: "The sweep file (YAML); its scenario gives slo expectations and cost:.")
    var file: String

    @OptionGroup var storage: SweepRunOptions

    @Flag(help: "Print the front as JSON.")
    var json = false

    @Option(help: "Write the advice as a self-contained HTML page to this file.")
    var report: String?

    @Flag(help: "Replace the --report file even when it holds something else.")
    var force = false

    @OptionGroup var budget: RunBudget

    func validate() throws {
        guard storage.shard == nil || storage.db != nil else { throw ValidationError("--shard stores its share of a round for the merge; give --db PATH") }
    }

    func run() throws {
        let definition: SweepDefinition
        do {
            definition = try SweepParser.loadForAdvice(path: file)
        } catch {
            for located in error.errors { printError("error: \(located)") }
            throw ExitCodes.invalidInput
        }
        if let problem = budget.problem(definition, runs: []) {
            printError("error: \(file): \(problem)")
            throw ExitCodes.invalidInput
        }
        let hash = SHA256.hex(Data(definition.identity.utf8))
        let database = try storage.db.map { try SweepCommand.attach($0, definition: definition, hash: hash, file: file, checkVersion: true) }
        var stored = try database.map { database in try SweepCommand.storing(path: storage.db!) { try database.storedSweepRuns(hash: hash) } } ?? []
        var samples: [SweepRunKey: SweepRunSample] = [:]
        let figuresKind = SweepTable.figures(definition, occurrencesPerYear: nil)
        var rule = RacingRule(target: definition.advice.target, points: definition.points.count)
        var rounds: [AdviceFront.Round] = []
        var figures: [Int: AdvicePointFigures] = [:]
        var seedsRun: [Int: Int] = [:]
        var simulated = 0
        var previous = 0
        for (number, seedCount) in zip(1..., definition.advice.rounds) {
            let racing = rule.racing
            if racing.isEmpty { break }
            // The round's runs, point by point and seed by seed: the positions a shard takes.
            let roundSeeds = definition.seeds[previous..<seedCount]
            var roundRuns: [SweepRunner.Work] = []
            for position in racing {
                let point = definition.points[position]
                let limits = budget.limits(point.scenario)
                roundRuns += roundSeeds.map { SweepRunner.Work(point: point, seed: $0, limits: limits) }
            }
            let mine = roundRuns.enumerated().filter { storage.shard?.contains($0.offset) ?? true }.map(\.element)
            let pending = mine.filter { !stored.contains(Self.key($0)) }
            if let problem = budget.problem(definition, runs: pending) {
                printError("error: \(file): round \(number): \(problem)")
                throw ExitCodes.invalidInput
            }
            if !pending.isEmpty {
                printError(
                    "\(definition.name): round \(number): \(counted(racing.count, "point")) racing over seeds \(definition.seeds[0])-\(definition.seeds[seedCount - 1]); running \(pending.count) of the round's \(roundRuns.count) runs"
                        + (storage.shard.map { " (shard \($0.text))" } ?? ""))
            }
            for sample in try SweepCommand.simulate(pending, definition: definition, hash: hash, database: database, path: storage.db, jobs: storage.jobs) {
                samples[sample.key] = sample
            }
            simulated += pending.count
            stored.formUnion(pending.map(Self.key))
            let missing = roundRuns.filter { !stored.contains(Self.key($0)) }.count
            if missing > 0 {
                // A shard: the other shards' runs of this round are in their own databases.
                let status = ShardStatus(
                    advise: definition.name, round: number, runs: roundRuns.count, stored: mine.count, otherShards: missing,
                    next: "merge the shards' databases (hasim merge) and run advise again to decide round \(number)")
                print(
                    json
                        ? try JSONText.encode(status)
                        : "\(definition.name): round \(number) needs \(roundRuns.count) runs; this shard (\(storage.shard?.text ?? "")) has stored its \(mine.count) in \(storage.db ?? ""), \(missing) belong to the other shards: \(status.next)"
                )
                return
            }
            if let database {
                for sample in try SweepCommand.storing(
                    path: storage.db!,
                    { try database.sweepSamples(hash: hash, metrics: definition.metrics, objectives: { definition.serviceLevelObjectives(point: $0) }) })
                {
                    samples[sample.key] = sample
                }
            }
            var evidence: [Int: RacingRule.Evidence] = [:]
            for position in racing {
                let point = definition.points[position]
                let runs = definition.seeds[0..<seedCount].map { samples[SweepRunKey(point: point.index, seed: $0)]! }
                figures[position] = AdvicePointFigures(point, runs: runs, figures: figuresKind)
                evidence[position] = figures[position]!.evidence
                seedsRun[position] = seedCount
            }
            rule.judge(round: number, evidence: evidence)
            rounds.append(.init(round: number, seeds: seedCount, racing: racing.map { definition.points[$0].index }, runs: roundRuns.count))
            previous = seedCount
        }
        if simulated == 0, !stored.isEmpty { printError("\(definition.name): every run the race needs is stored in \(storage.db!); nothing to run") }
        let front = AdviceFront(definition: definition, hash: hash, rule: rule, rounds: rounds, figures: figures, runs: seedsRun)
        let output = json ? try front.json() : front.text()
        if let report {
            try ReportSource.write(AdvicePage(front.page(sweepPath: file, scenarioPath: definition.scenarioPath)).html(), to: report, force: force)
        }
        print(output)
        if !front.decided { throw ExitCodes.expectationFailed }
    }

    static func key(_ work: SweepRunner.Work) -> SweepRunKey { SweepRunKey(point: work.point.index, seed: work.seed) }

    /// What a shard prints when its round needs the other shards' runs.
    struct ShardStatus: Encodable {
        var advise: String
        var round: Int
        var runs: Int
        var stored: Int
        var otherShards: Int
        var next: String
    }
}
