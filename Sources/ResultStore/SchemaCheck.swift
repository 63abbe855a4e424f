import GRDB

/// Refuses, before anything is written, a database that is not hasim's: one
/// with tables but no hasim migrations, or with migrations this version does
/// not know. Opening it must not change it (no migrations table added, no
/// journal mode switched), so this only reads.
enum SchemaCheck {
    static func refuseForeign(_ queue: DatabaseQueue, path: String) throws {
        let (tables, applied) = try queue.read { db -> ([String], [String]) in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
            let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") : []
            return (tables, applied)
        }
        // Empty, or only GRDB's bookkeeping table: another hasim process is
        // creating it (GRDB makes that table before the migrations' own
        // transaction), and the migration below waits for it.
        if tables.isEmpty || tables == ["grdb_migrations"] { return }
        guard tables.contains("grdb_migrations"), tables.contains("run") else {
            throw ResultDatabaseError(path: path, reason: "it holds other tables (\(tables.prefix(3).joined(separator: ", "))\(tables.count > 3 ? ", ..." : "")), not hasim's results; left unchanged")
        }
        let known = Set(ResultSchema.migrator.migrations)
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw ResultDatabaseError(path: path, reason: "its schema has migration \"\(unknown)\", unknown to this hasim (a newer version?); left unchanged")
        }
    }
}
