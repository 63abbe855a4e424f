import GRDB

/// Refuses, before anything is written, a database that is not hasim's: one
/// with tables but no hasim migrations, with migrations this version does
/// not know, or missing a table or column that its recorded migrations made
/// (a table dropped by hand would otherwise pass and fail at write time,
/// after the run). Opening it must not change it (no migrations table added,
/// no journal mode switched), so this only reads.
enum SchemaCheck {
    static func refuseForeign(_ reader: any DatabaseReader, path: String) throws {
        let (tables, applied) = try reader.read { db -> ([String], [String]) in
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
        let known = ResultSchema.migrator.migrations
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw ResultDatabaseError(path: path, reason: "its schema has migration \"\(unknown)\", unknown to this hasim (a newer version?); left unchanged")
        }
        guard let last = known.last(where: applied.contains) else { return }
        let expected = try columns(of: try schema(upTo: last))
        let present = try columns(of: reader)
        for (table, columns) in expected.sorted(by: { $0.key < $1.key }) {
            guard let found = present[table] else {
                throw ResultDatabaseError(path: path, reason: "its table \"\(table)\" is missing although its migrations say it was made (altered by hand, or damaged); left unchanged")
            }
            if let column = columns.first(where: { !found.contains($0) }) {
                throw ResultDatabaseError(path: path, reason: "its table \"\(table)\" has no column \"\(column)\" although its migrations made one (altered by hand, or damaged); left unchanged")
            }
        }
    }

    /// A private in-memory database with hasim's migrations up to and
    /// including `identifier`: the schema a database that recorded them must
    /// have. The migrations are the one statement of the schema.
    static func schema(upTo identifier: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try ResultSchema.migrator.migrate(queue, upTo: identifier)
        return queue
    }

    /// Every table's column names, in declaration order, by table.
    static func columns(of reader: any DatabaseReader) throws -> [String: [String]] {
        try reader.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try Dictionary(uniqueKeysWithValues: tables.map { table in
                (table, try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table]))
            })
        }
    }
}
