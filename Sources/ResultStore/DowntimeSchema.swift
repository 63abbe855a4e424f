import GRDB

/// The `downtime` table (docs/FAILURES.md, "Downtime attribution"): each
/// interval in which an availability condition failed, with its cause and
/// mechanism. A migration of its own, so that the earlier ones stay as they
/// were; a database written before it gains the table, empty, on open.
enum DowntimeSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-downtime") { db in
            try db.execute(sql: """
                CREATE TABLE downtime (
                    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    metric TEXT NOT NULL,
                    start_ns INTEGER NOT NULL,
                    end_ns INTEGER NOT NULL,
                    cause TEXT NOT NULL,
                    mechanism TEXT NOT NULL
                );
                CREATE INDEX downtime_by_run ON downtime(run_id, metric, start_ns);
                CREATE VIEW downtime_seconds AS
                    SELECT run_id, metric, start_ns / 1e9 AS start_s, end_ns / 1e9 AS end_s,
                           (end_ns - start_ns) / 1e9 AS length_s, cause, mechanism
                    FROM downtime;
                """)
        }
    }
}
