import Foundation
import Testing

/// End-to-end: `hasim report`, `run --report` and `check --report`, and the
/// one-line errors for bad input.
@Suite struct ReportCommandTests {
    static let failover = HASimProcess.scenario("etcd-leader-failover.yaml")
    static let hostile = HASimProcess.fixtures.appendingPathComponent("report-hostile-names.yaml").path

    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("hasim-report-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))").path
    }

    func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func runWritesTheReportThatReportMakesOfTheStoredRun() throws {
        let folder = temporaryFolder()
        let db = folder + "/runs.sqlite"
        let run = try hasim("run", Self.failover, "--db", db, "--report")
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("report: \(folder)/runs-run-1.html\n"))
        let latest = try hasim("report", "--latest", "--db", db, "-o", folder + "/latest.html")
        #expect(latest.status == 0)
        #expect(latest.stdout == folder + "/latest.html\n")
        // Same rows, same bytes, whether from memory or from the database.
        #expect(try contents(folder + "/runs-run-1.html") == contents(folder + "/latest.html"))
        let page = try contents(folder + "/latest.html")
        #expect(page.contains("<h1>etcd-leader-failover</h1>"))
        #expect(page.contains("<p class=\"description\">Three stacked etcd members"))
        #expect(page.contains("<g class=\"lane\" data-entity=\"etcd/master-a-1\""))
    }

    @Test func runWithJSONKeepsStandardOutputOneObject() throws {
        let folder = temporaryFolder()
        let run = try hasim("run", Self.failover, "--db", folder + "/runs.sqlite", "--json", "--report")
        #expect(run.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) is [String: Any])
        #expect(run.stderr == "report: \(folder)/runs-run-1.html\n")
    }

    @Test func checkWritesOneReportPerScenarioAndEscapesScenarioText() throws {
        let folder = temporaryFolder()
        let check = try hasim("check", Self.hostile, "--report", folder)
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("report: \(folder)/report-hostile-names-seed1.html\n"))
        let page = try contents(folder + "/report-hostile-names-seed1.html")
        #expect(!page.contains("<script"))
        #expect(page.contains("<h1>evil &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;</h1>"))
        #expect(page.contains("&lt;script&gt;document.write(&quot;x&quot;)&lt;/script&gt;"))
        #expect(page.contains("&#39;quotes&#39; &amp; ampersands"))
    }

    /// Two databases in one folder both hold a run 1: their pages are named
    /// after the database, so neither replaces the other.
    @Test func reportsOfTwoDatabasesInOneFolderDoNotClash() throws {
        let folder = temporaryFolder()
        let first = try hasim("run", Self.failover, "--db", folder + "/a.sqlite", "--report")
        let second = try hasim("run", HASimProcess.scenario("master-crash-restart.yaml"), "--db", folder + "/b.sqlite", "--report")
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout.hasSuffix("report: \(folder)/a-run-1.html\n"))
        #expect(second.stdout.hasSuffix("report: \(folder)/b-run-1.html\n"))
        #expect(try contents(folder + "/a-run-1.html").contains("<h1>etcd-leader-failover</h1>"))
        #expect(try contents(folder + "/b-run-1.html").contains("<h1>master-crash-restart</h1>"))
        // The default name of `hasim report` is the same one.
        let again = try hasim("report", "1", "--db", folder + "/b.sqlite")
        #expect(again.status == 0)
        #expect(again.stdout == folder + "/b-run-1.html\n")
    }

    /// A file that holds anything else is replaced only with --force; the
    /// same page again is written without it.
    @Test func aReportNeverReplacesAnotherFileSilently() throws {
        let folder = temporaryFolder()
        let db = folder + "/runs.sqlite"
        _ = try hasim("run", Self.failover, "--db", db)
        _ = try hasim("run", HASimProcess.scenario("master-crash-restart.yaml"), "--db", db)
        let page = folder + "/page.html"
        #expect(try hasim("report", "1", "--db", db, "-o", page).status == 0)
        #expect(try hasim("report", "1", "--db", db, "-o", page).status == 0)
        let refused = try hasim("report", "2", "--db", db, "-o", page)
        #expect(refused.status == 2)
        #expect(refused.stderr == "error: \(page) exists and holds something else; pass --force to replace it, or write elsewhere\n")
        #expect(try contents(page).contains("<h1>etcd-leader-failover</h1>"))
        let forced = try hasim("report", "2", "--db", db, "-o", page, "--force")
        #expect(forced.status == 0)
        #expect(try contents(page).contains("<h1>master-crash-restart</h1>"))
    }

    /// `check --report DIR` with two scenario files of one name from
    /// different folders names their pages by path.
    @Test func checkNamesSameNamedScenariosByTheirPath() throws {
        let folder = temporaryFolder()
        let text = try contents(Self.failover)
        for sub in ["east", "west"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
            try text.write(toFile: folder + "/\(sub)/same.yaml", atomically: true, encoding: .utf8)
        }
        let check = try hasim("check", folder + "/east/same.yaml", folder + "/west/same.yaml", "--report", folder + "/pages")
        #expect(check.status == 0)
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder + "/pages").sorted()
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0.hasSuffix("east-same-seed1.html") || $0.hasSuffix("west-same-seed1.html") })
    }

    @Test func aWindowZoomsTheTimeline() throws {
        let folder = temporaryFolder()
        let db = folder + "/runs.sqlite"
        _ = try hasim("run", Self.failover, "--db", db)
        let zoomed = try hasim("report", "1", "--db", db, "--from", "59s", "--to", "1m5s", "-o", folder + "/zoom.html")
        #expect(zoomed.status == 0)
        #expect(try contents(folder + "/zoom.html").contains("<h2 id=\"timeline\">Timeline, 59s to 1m5s</h2>"))
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        let folder = temporaryFolder()
        let db = folder + "/runs.sqlite"
        func expectError(_ outcome: HASimProcess.Outcome, _ message: String) {
            #expect(outcome.status == 2, "\(message)")
            #expect(outcome.stderr == "error: \(message)\n")
            #expect(outcome.stdout.isEmpty)
        }
        expectError(try hasim("report", "1", "--db", db), "no results database at \(db)")
        #expect(!FileManager.default.fileExists(atPath: db))
        _ = try hasim("run", Self.failover, "--db", db)
        expectError(try hasim("report", "9", "--db", db), "no run 9 in \(db)")
        expectError(try hasim("report", "one", "--db", db), "run id must be a positive whole number, got 'one'")
        expectError(try hasim("report", "--db", db), "name a run: hasim report RUN_ID, or hasim report --latest")
        expectError(try hasim("report", "1", "--latest", "--db", db), "give a run id or --latest, not both")
        expectError(try hasim("report", "1", "--db", db, "--from", "9x"), "--from '9x': unknown unit \"x\"; expected a time such as 9m or 1h30m")
        expectError(try hasim("report", "1", "--db", db, "--from", "5m"), "--from 5m is not before the end of the run (2m)")
        expectError(try hasim("report", "1", "--db", db, "--from", "1m", "--to", "30s"), "--to 30s must come after --from 1m")
        expectError(try hasim("report", "--sweep", "nothing", "--db", db), "no sweep named or hashed 'nothing' in \(db)")
        expectError(try hasim("report", "1", "--sweep", "nothing", "--db", db), "--sweep reports a whole sweep: give no run id, --latest, --from or --to with it")
        let notADatabase = folder + "/notes.txt"
        try "not sqlite".write(toFile: notADatabase, atomically: true, encoding: .utf8)
        let garbage = try hasim("report", "--latest", "--db", notADatabase)
        #expect(garbage.status == 2)
        #expect(garbage.stderr.hasPrefix("error: cannot read \(notADatabase) as a results database: "))
        #expect(garbage.stderr.split(separator: "\n").count == 1)
    }
}
