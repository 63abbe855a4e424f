import Foundation
import Report
import ResultStore
import Testing

/// The sweep report, from a database holding a hand-made sweep: two points
/// of three seeds whose values are chosen so that the numbers can be
/// checked by hand.
@Suite struct SweepReportTests {
    /// The sweep tables as migration `v3-sweeps` creates them; made here
    /// only when the database's own migrations have not (IF NOT EXISTS), so
    /// that once that migration is in, this test reads the real schema.
    static let sweepTables = """
        CREATE TABLE IF NOT EXISTS sweep (hash TEXT PRIMARY KEY, name TEXT NOT NULL, sweep_path TEXT NOT NULL,
            scenario_path TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, axes TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sweep_point (sweep_hash TEXT NOT NULL, point INTEGER NOT NULL, label TEXT NOT NULL,
            parameters TEXT NOT NULL, PRIMARY KEY (sweep_hash, point));
        CREATE TABLE IF NOT EXISTS sweep_run (sweep_hash TEXT NOT NULL, point INTEGER NOT NULL, seed INTEGER NOT NULL,
            run_id INTEGER NOT NULL UNIQUE, PRIMARY KEY (sweep_hash, point, seed));
        """

    /// Point 0's availability over seeds 1-3, and point 1's.
    static let availability: [[Double]] = [[0.9, 1.0, 0.95], [0.99, 0.99, 0.99]]

    func database() throws -> (path: String, remove: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-sweep-report-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sweep.sqlite").path
        let database = try ResultDatabase(path: path)
        var sql = Self.sweepTables
        let hash = String(repeating: "ab", count: 32)
        sql += "INSERT INTO sweep VALUES ('\(hash)', 'masters <b>', 'sweeps/m.yaml', 'zone.yaml', '00', '[\"topology.masters\"]', 'now');"
        let labels = ["topology.masters={a: 1, b: 1, c: 1}", "topology.masters={a: 2, b: 2, c: 1}"]
        var runID = 0
        for (point, label) in labels.enumerated() {
            sql += "INSERT INTO sweep_point VALUES ('\(hash)', \(point), '\(label)', '{}');"
            for (index, value) in Self.availability[point].enumerated() {
                runID += 1
                let seed = index + 1
                sql += """
                    INSERT INTO run (id, scenario, scenario_path, scenario_sha256, seed, parameters, duration_ns, events_dispatched,
                                     digest, unseed, status, tool_version, wall_seconds, created_at)
                    VALUES (\(runID), 'zone', 'zone.yaml', '00', \(seed), '{}', 60000000000, 1, '0', '0', 'completed', 'test', 0, 'now');
                    INSERT INTO metric VALUES (\(runID), 'etcd.quorum.availability', \(value), 'ratio');
                    INSERT INTO metric VALUES (\(runID), 'etcd.elections', NULL, 'count');
                    INSERT INTO metric VALUES (\(runID), 'zones', 3, 'count');
                    INSERT INTO expectation VALUES (\(runID), 'never noMasterUp', \(value < 0.95 ? 0 : 1), 0, '0 s');
                    INSERT INTO sweep_run VALUES ('\(hash)', \(point), \(seed), \(runID));
                    """
            }
        }
        try database.writeRaw(sql)
        return (path, { try? FileManager.default.removeItem(at: folder) })
    }

    @Test func eachMetricIsAChartOfThePointsWithItsNumbersInATable() throws {
        let (path, remove) = try database()
        defer { remove() }
        let sweep = try ResultReader(path: path).sweep("masters <b>")
        #expect(sweep.points.map(\.runs.count) == [3, 3])
        let html = SweepPage(sweep: sweep).html()
        #expect(html.contains("<h1>Sweep masters &lt;b&gt;</h1>"))
        // A metric no run defined has no chart; one equal in every run is named only.
        #expect(html.occurrences(of: "<section class=\"metric\"") == 1)
        #expect(html.contains("<p class=\"constant\">zones = 3</p>"))
        #expect(html.contains("<section class=\"metric\" data-metric=\"etcd.quorum.availability\">"))
        // Every seed is a dot, every point a mean with its whisker's two ends.
        #expect(html.occurrences(of: "<circle class=\"seed\"") == 6)
        #expect(html.occurrences(of: "<circle class=\"dot\"") == 2)
        #expect(html.occurrences(of: "<line class=\"whisker\"") == 6)
        // 0.95 ± 1.96 × 0.05 / √3, clipped to 1 (a ratio can be no more);
        // a constant point has a zero-width interval.
        #expect(html.contains("<tr><td>topology.masters={a: 1, b: 1, c: 1}</td><td class=\"num\">3</td><td class=\"num\">0.95</td><td class=\"num\">0.89342</td><td class=\"num\">1</td><td class=\"num\">0.9</td><td class=\"num\">0.95</td><td class=\"num\">1</td></tr>"))
        #expect(html.contains("<td class=\"num\">0.99</td><td class=\"num\">0.99</td><td class=\"num\">0.99</td>"))
        // The chart labels the points by their values; the table has the whole label.
        #expect(html.contains(">{a: 2, b: 2, c: 1}</text>"))
        // One run of point 0 failed an expectation.
        #expect(html.contains("<tr><td class=\"num\">0</td><td>topology.masters={a: 1, b: 1, c: 1}</td><td class=\"num\">3</td><td class=\"num\">1</td></tr>"))
        #expect(SweepPage(sweep: sweep).html() == html)
    }

    @Test func aSweepIsFoundByNameOrHashPrefixAndAnUnknownOneIsAnError() throws {
        let (path, remove) = try database()
        defer { remove() }
        let reader = try ResultReader(path: path)
        #expect(try reader.sweep("ababab").name == "masters <b>")
        #expect(throws: ResultReader.SweepLookup.notFound("nothing")) { try reader.sweep("nothing") }
        #expect(ResultReader.SweepLookup.notFound("nothing").description == "no sweep named or hashed 'nothing'")
    }
}
