import GRDB
import Simulation

/// The `downtime_cause` table's rows (`DowntimeSchema`): written with each
/// downtime interval, read back into `StoredRun.Downtime.causes`. A row
/// written before the table existed has none; its causes come from its
/// `cause` text (`LegacyDowntimeCause`), so old databases read as before.
enum DowntimeCauseRows {
    static let insert = """
        INSERT INTO downtime_cause (run_id, metric, start_ns, position, fault, target, origin, origin_index)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func arguments(_ cause: DowntimeCause, run: Int64, metric: String, start: Int64, position: Int) -> StatementArguments {
        let origin: (String, Int?)
        switch cause.origin {
        case .fault(let index): origin = ("faults", index)
        case .failureProcess(let index): origin = ("failures", index)
        case .operation(let index): origin = ("operations", index)
        case .maintenance(let index): origin = ("maintenance", index)
        }
        return [run, metric, start, position, cause.fault, cause.target, origin.0, origin.1]
    }

    /// An interval's place: its run, condition and start.
    struct Key: Hashable {
        var run: Int64
        var metric: String
        var start: Int64
    }

    /// The cause rows of the runs `filter` selects (an SQL condition on
    /// `c`, the cause table), by interval, each list in its stored order;
    /// empty when the database predates the table.
    static func causes(in db: Database, where filter: String, arguments: StatementArguments) throws -> [Key: [DowntimeCause]] {
        guard try db.tableExists("downtime_cause") else { return [:] }
        var causes: [Key: [DowntimeCause]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.run_id, c.metric, c.start_ns, c.fault, c.target, c.origin, c.origin_index FROM downtime_cause c
                WHERE \(filter) ORDER BY c.run_id, c.metric, c.start_ns, c.position
                """, arguments: arguments)
        while let row = try rows.next() {
            let index: Int = row["origin_index"]
            let origin: DowntimeCause.Origin
            switch row["origin"] as String {
            case "failures": origin = .failureProcess(index)
            case "operations": origin = .operation(index)
            case "maintenance": origin = .maintenance(index)
            default: origin = .fault(index)
            }
            causes[Key(run: row["run_id"], metric: row["metric"], start: row["start_ns"]), default: []]
                .append(DowntimeCause(fault: row["fault"], target: row["target"], origin: origin))
        }
        return causes
    }
}

extension StoredRun.Downtime {
    /// From a row with the `downtime` table's columns and `run_id`: its
    /// cause rows when stored, else what its text says (a row stored before
    /// causes had fields).
    init(row: Row, causes: [DowntimeCauseRows.Key: [DowntimeCause]]) {
        let key = DowntimeCauseRows.Key(run: row["run_id"], metric: row["metric"], start: row["start_ns"])
        self.init(
            metric: row["metric"], startNanoseconds: row["start_ns"], endNanoseconds: row["end_ns"],
            causes: causes[key] ?? LegacyDowntimeCause.causes(row["cause"]), mechanism: row["mechanism"])
    }
}
