import ArgumentParser
import Foundation
import Report
import ResultStore
import ScenarioFile
import SimKernel

/// `hasim report RUN_ID|--latest`: one self-contained HTML page of a stored
/// run; `hasim report --sweep SWEEP`: one of a stored sweep.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of a stored run (timeline, expectations, metrics) or of a sweep.",
        discussion: """
            The page is self-contained (inline SVG and CSS, no script, nothing fetched) and its bytes \
            depend only on the stored rows, so equal runs give equal files. Exits 2 for a missing \
            database, run or bad window, 3 when the file cannot be written.
            """)

    @Argument(help: ArgumentHelp("The run's id (see the run table).", valueName: "run-id"))
    var runID: String?

    @Flag(help: "Report the newest run in the database.")
    var latest = false

    @Option(help: "Report this sweep instead of a run: its name, or its hash (or the hash's first digits).")
    var sweep: String?

    @Option(help: "SQLite database to read.")
    var db: String = "Results/hasim.sqlite"

    @Option(name: .shortAndLong, help: "The HTML file to write (default: <database>-run-<id>.html or <database>-sweep-<name>.html beside the database).")
    var output: String?

    @Flag(help: "Replace the file even when it holds something else (another run's page).")
    var force = false

    @Option(help: "Show the timeline from this simulated time on (e.g. 9m).")
    var from: String?

    @Option(help: "Show the timeline up to this simulated time (e.g. 12m).")
    var to: String?

    func run() throws {
        let reader = try ReportSource.open(db)
        if let sweep {
            return try reportSweep(sweep, reader)
        }
        let id = try runIDToReport(reader)
        guard let run = try ReportSource.attempt({ try reader.run(id: id) }, database: db) else {
            throw ReportSource.invalid("no run \(id) in \(db)")
        }
        let window: ReportWindow
        do {
            window = try ReportWindow(from: try Self.time(from, "--from"), to: try Self.time(to, "--to"), duration: run.durationNanoseconds)
        } catch let problem as ReportWindow.Problem {
            throw ReportSource.invalid(problem.description)
        }
        let page = RunPage(run: run, description: ReportSource.description(of: run), window: window)
        let path = output ?? ReportSource.runPage(database: db, runID: id)
        try ReportSource.write(page.html(), to: path, force: force)
        print(path)
    }

    private func reportSweep(_ name: String, _ reader: ResultReader) throws {
        guard runID == nil, !latest, from == nil, to == nil else {
            throw ReportSource.invalid("--sweep reports a whole sweep: give no run id, --latest, --from or --to with it")
        }
        let stored: StoredSweep
        do {
            stored = try reader.sweep(name)
        } catch let lookup as ResultReader.SweepLookup {
            throw ReportSource.invalid("\(lookup) in \(db)")
        } catch {
            throw ReportSource.invalid("cannot read \(db) as a results database: \(error)")
        }
        let path = output ?? ReportSource.sweepPage(database: db, sweep: stored.name)
        try ReportSource.write(SweepPage(sweep: stored, figures: Self.figures(of: stored, reader)).html(), to: path, force: force)
        print(path)
    }

    /// What `hasim sweep --report-only` prints for the stored sweep, when its
    /// sweep file still reads as the sweep that ran (same hash): the database
    /// keeps the runs but not the file's `metrics:`.
    static func figures(of stored: StoredSweep, _ reader: ResultReader) -> SweepFigures? {
        guard let definition = try? SweepParser.load(path: stored.sweepPath) else { return nil }
        let hash = SHA256.hex(Data(definition.identity.utf8))
        guard hash == stored.hash, let samples = try? reader.sweepSamples(hash: hash, metrics: definition.metrics, objectives: { definition.serviceLevelObjectives(point: $0) }) else { return nil }
        let table = SweepTable(definition: definition, hash: hash, samples: samples)
        let tables = table.sections().map { section -> SweepFigures.Table in
            if case .expectations(let legend) = section.kind { return SweepFigures.Table(title: section.title, rows: section.rows, notes: legend) }
            return SweepFigures.Table(title: section.title, rows: section.rows)
        }
        return SweepFigures(chosenMetrics: definition.metrics, headline: table.headline, tables: tables)
    }

    private func runIDToReport(_ reader: ResultReader) throws -> Int64 {
        switch (runID, latest) {
        case (nil, false): throw ReportSource.invalid("name a run: hasim report RUN_ID, or hasim report --latest")
        case (.some, true): throw ReportSource.invalid("give a run id or --latest, not both")
        case (let text?, false):
            guard let id = Int64(text), id > 0 else { throw ReportSource.invalid("run id must be a positive whole number, got '\(text)'") }
            return id
        case (nil, true):
            guard let id = try ReportSource.attempt({ try reader.latestRunID() }, database: db) else {
                throw ReportSource.invalid("\(db) holds no runs")
            }
            return id
        }
    }

    /// A simulated time from the command line, in nanoseconds.
    private static func time(_ text: String?, _ option: String) throws -> Int64? {
        guard let text else { return nil }
        do {
            return try DurationText.parse(text).nanoseconds
        } catch {
            throw ReportSource.invalid("\(option) '\(text)': \(error.problem); expected a time such as 9m or 1h30m")
        }
    }
}
