import GRDB
import Simulation

/// The `traffic` table (docs/COST.md): per run, the messages and estimated
/// bytes sent between zones, one row a kind (`CrossZoneTraffic.Kind`:
/// etcd-peer, etcd-client, api-request). A migration of its own, so that
/// the earlier ones stay as they were; a database written before it gains
/// the table, empty, on open, and its runs read as having no traffic count.
enum TrafficSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-traffic") { db in
            try db.execute(
                sql: """
                    CREATE TABLE traffic (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        messages INTEGER NOT NULL,
                        bytes INTEGER NOT NULL,
                        PRIMARY KEY (run_id, kind)
                    );
                    """)
        }
    }

    static let insert = "INSERT INTO traffic (run_id, kind, messages, bytes) VALUES (?, ?, ?, ?)"

    /// Writes a run's rows, one a kind.
    static func write(_ traffic: CrossZoneTraffic, run: Int64, in db: Database) throws {
        let statement = try db.makeStatement(sql: insert)
        for (index, kind) in CrossZoneTraffic.Kind.allCases.enumerated() {
            try statement.execute(arguments: [run, kind.rawValue, traffic.messages[index], traffic.bytes[index]])
        }
    }

    /// Each run's cross-zone bytes, for the runs `where` selects from
    /// `traffic t`; runs without rows (stored before the table) are absent.
    static func bytes(in db: Database, where condition: String, arguments: StatementArguments) throws -> [Int64: Int64] {
        guard try db.tableExists("traffic") else { return [:] }
        var result: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT t.run_id, SUM(t.bytes) AS bytes FROM traffic t WHERE \(condition) GROUP BY t.run_id", arguments: arguments)
        {
            result[row["run_id"]] = row["bytes"]
        }
        return result
    }
}
