import GRDB

/// The database schema, as named migrations. Documented table by table in
/// Results/README.md; change both together, and only by adding a migration.
enum ResultSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-metrics-intervals-events-expectations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        scenario TEXT NOT NULL,
                        scenario_path TEXT NOT NULL,
                        scenario_sha256 TEXT NOT NULL,
                        seed INTEGER NOT NULL,
                        parameters TEXT NOT NULL,
                        duration_ns INTEGER NOT NULL,
                        events_dispatched INTEGER NOT NULL,
                        digest TEXT NOT NULL,
                        unseed TEXT NOT NULL,
                        status TEXT NOT NULL,
                        tool_version TEXT NOT NULL,
                        wall_seconds REAL NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE metric (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        value REAL,
                        unit TEXT NOT NULL,
                        PRIMARY KEY (run_id, name)
                    );
                    CREATE TABLE interval (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        entity TEXT NOT NULL,
                        state TEXT NOT NULL,
                        start_ns INTEGER NOT NULL,
                        end_ns INTEGER NOT NULL
                    );
                    CREATE INDEX interval_by_run_entity ON interval(run_id, entity, start_ns);
                    CREATE TABLE event (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        time_ns INTEGER NOT NULL,
                        entity TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX event_by_run_time ON event(run_id, time_ns);
                    CREATE TABLE expectation (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        passed INTEGER NOT NULL,
                        observed REAL,
                        bound TEXT NOT NULL
                    );
                    CREATE VIEW interval_seconds AS
                        SELECT run_id, entity, state, start_ns / 1e9 AS start_s, end_ns / 1e9 AS end_s,
                               (end_ns - start_ns) / 1e9 AS length_s
                        FROM interval;
                    CREATE VIEW run_metric AS
                        SELECT run.id AS run_id, run.scenario, run.seed, metric.name, metric.value, metric.unit
                        FROM run JOIN metric ON metric.run_id = run.id;
                    """)
        }
        migrator.registerMigration("v2-summary-views") { db in
            // The common questions: how available was each run, and each
            // scenario over all its stored seeds (DESIGN.md §6).
            try db.execute(
                sql: """
                    CREATE VIEW run_summary AS
                        SELECT run.id AS run_id, run.scenario, run.seed, run.digest,
                               (SELECT value FROM metric WHERE run_id = run.id AND name = 'etcd.quorum.availability') AS etcd_quorum_availability,
                               (SELECT value FROM metric WHERE run_id = run.id AND name = 'api.external.availability') AS api_external_availability,
                               (SELECT value FROM metric WHERE run_id = run.id AND name = 'api.incluster.availability') AS api_incluster_availability,
                               (SELECT value FROM metric WHERE run_id = run.id AND name = 'etcd.leaderless.longest.seconds') AS etcd_longest_leaderless_s,
                               (SELECT COUNT(*) FROM expectation WHERE run_id = run.id AND passed = 0) AS expectations_failed
                        FROM run;
                    CREATE VIEW scenario_availability AS
                        SELECT run.scenario AS scenario, run.scenario_sha256 AS scenario_sha256, COUNT(*) AS runs,
                               AVG(etcd_quorum_availability) AS etcd_quorum_mean, MIN(etcd_quorum_availability) AS etcd_quorum_worst,
                               AVG(api_external_availability) AS api_external_mean, MIN(api_external_availability) AS api_external_worst,
                               AVG(api_incluster_availability) AS api_incluster_mean, MIN(api_incluster_availability) AS api_incluster_worst,
                               MAX(etcd_longest_leaderless_s) AS etcd_longest_leaderless_worst_s,
                               SUM(expectations_failed > 0) AS runs_failing_expectations
                        FROM run_summary JOIN run ON run.id = run_summary.run_id
                        GROUP BY run.scenario, run.scenario_sha256;
                    """)
        }
        SweepSchema.register(in: &migrator)
        DowntimeSchema.register(in: &migrator)
        TrafficSchema.register(in: &migrator)
        DowntimeSchema.registerOperationCauses(in: &migrator)
        DowntimeSchema.registerMaintenanceCauses(in: &migrator)
        return migrator
    }
}
