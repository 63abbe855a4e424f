import GRDB

/// The sweep tables (`hasim sweep`), a migration of their own so that the
/// run tables' migrations stay as they were. Documented in Results/README.md.
enum SweepSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-sweeps") { db in
            try db.execute(sql: """
                CREATE TABLE sweep (
                    hash TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    sweep_path TEXT NOT NULL,
                    scenario_path TEXT NOT NULL,
                    scenario_sha256 TEXT NOT NULL,
                    axes TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE sweep_point (
                    sweep_hash TEXT NOT NULL REFERENCES sweep(hash),
                    point INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    PRIMARY KEY (sweep_hash, point)
                );
                CREATE TABLE sweep_run (
                    sweep_hash TEXT NOT NULL,
                    point INTEGER NOT NULL,
                    seed INTEGER NOT NULL,
                    run_id INTEGER NOT NULL UNIQUE REFERENCES run(id) ON DELETE CASCADE,
                    PRIMARY KEY (sweep_hash, point, seed),
                    FOREIGN KEY (sweep_hash, point) REFERENCES sweep_point(sweep_hash, point)
                );
                CREATE VIEW sweep_summary AS
                    SELECT sweep.name AS sweep, sweep.hash AS sweep_hash, p.point, p.label, p.parameters,
                           m.name AS metric, COUNT(m.value) AS n, AVG(m.value) AS mean,
                           AVG(m.value) - 1.96 * sqrt(max(0.0, (SUM(m.value * m.value) - COUNT(m.value) * AVG(m.value) * AVG(m.value)) / (COUNT(m.value) - 1)) / COUNT(m.value)) AS ci_low,
                           AVG(m.value) + 1.96 * sqrt(max(0.0, (SUM(m.value * m.value) - COUNT(m.value) * AVG(m.value) * AVG(m.value)) / (COUNT(m.value) - 1)) / COUNT(m.value)) AS ci_high,
                           MIN(m.value) AS min, MAX(m.value) AS max
                    FROM sweep
                    JOIN sweep_point p ON p.sweep_hash = sweep.hash
                    JOIN sweep_run r ON r.sweep_hash = p.sweep_hash AND r.point = p.point
                    JOIN metric m ON m.run_id = r.run_id
                    GROUP BY sweep.hash, p.point, m.name;
                """)
        }
    }
}
