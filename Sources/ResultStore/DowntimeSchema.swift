import GRDB

/// The `downtime` table (docs/FAILURES.md, "Downtime attribution"): each
/// interval in which an availability condition failed, with its cause and
/// mechanism. A migration of its own, so that the earlier ones stay as they
/// were; a database written before it gains the table, empty, on open.
///
/// Then `downtime_cause`: each interval's causes as fields, one row a cause
/// in the order of the list, keyed by the interval's run, metric and start
/// (a condition's intervals never share a start). The `cause` column keeps
/// the text for SQL and for the databases written before; rows stored before
/// this migration have no cause rows, and readers fall back to their text
/// (`LegacyDowntimeCause`).
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
        migrator.registerMigration("v5-downtime-causes") { db in
            // origin is 'faults' or 'failures', origin_index the entry's index:
            // the scenario's faults[i] or failures[i].
            try db.execute(sql: causeTable("downtime_cause", origins: ["faults", "failures"]))
        }
    }

    /// A master operation as a cause (origin 'operations', the index into
    /// the scenario's `operations`): SQLite cannot change a CHECK, so the
    /// table is made again with the rows it held. Registered after the
    /// traffic table's migration, which came before it.
    static func registerOperationCauses(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-downtime-cause-operations") { db in
            try widenCauseOrigins(db, version: "v7", origins: ["faults", "failures", "operations"])
        }
    }

    /// A cause can be an occurrence of `maintenance[i]`.
    static func registerMaintenanceCauses(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-downtime-cause-maintenance") { db in
            try widenCauseOrigins(db, version: "v8", origins: ["faults", "failures", "operations", "maintenance"])
        }
    }

    /// SQLite cannot change a CHECK constraint in place: the table is
    /// copied into one that allows `origins`.
    private static func widenCauseOrigins(_ db: Database, version: String, origins: [String]) throws {
        let table = "downtime_cause_\(version)"
        try db.execute(sql: causeTable(table, origins: origins) + """
            INSERT INTO \(table) SELECT run_id, metric, start_ns, position, fault, target, origin, origin_index FROM downtime_cause;
            DROP TABLE downtime_cause;
            ALTER TABLE \(table) RENAME TO downtime_cause;
            """)
    }

    /// The cause table's definition, its origins the entries a cause can name.
    private static func causeTable(_ name: String, origins: [String]) -> String {
        """
        CREATE TABLE \(name) (
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            metric TEXT NOT NULL,
            start_ns INTEGER NOT NULL,
            position INTEGER NOT NULL,
            fault TEXT NOT NULL,
            target TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN (\(origins.map { "'\($0)'" }.joined(separator: ", ")))),
            origin_index INTEGER NOT NULL,
            PRIMARY KEY (run_id, metric, start_ns, position)
        );

        """
    }
}
