import GRDB

/// Refuses a damaged database before a run is simulated or written into it:
/// SQLite's `PRAGMA quick_check` reads every page and checks the b-trees,
/// everything `integrity_check` does but the match of indexes to their
/// tables, "in O(N) time" (https://www.sqlite.org/pragma.html#pragma_quick_check).
/// Writing into a damaged file can spread the damage to the runs it holds.
enum IntegrityCheck {
    /// Problems reported, at most this many: the first says enough.
    static let problemsShown = 3

    static func refuseDamaged(_ reader: any DatabaseReader, path: String) throws {
        let problems: [String]
        do {
            problems = try reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(\(problemsShown))") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            problems = [error.message ?? "database disk image is malformed"]
        }
        guard problems != ["ok"] else { return }
        throw ResultDatabaseError(
            path: path,
            reason: """
                it is damaged: SQLite's quick_check reports \(problems.map { "\"\(String($0.prefix(120)))\"" }.joined(separator: ", ")); \
                left unchanged (restore a copy, or recover its rows with `sqlite3 \(path) .recover`)
                """)
    }
}
