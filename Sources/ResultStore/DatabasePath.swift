import Foundation

/// What may be given as a results database: a file, existing or to be
/// created. SQLite reads `""` and `:memory:` as private in-memory databases,
/// which would accept a run and lose it at exit, and a `file:` URI could
/// name one too; a folder or a device is no database either.
enum DatabasePath {
    static func check(_ path: String) throws {
        func refuse(_ reason: String) -> ResultDatabaseError { ResultDatabaseError(path: path, reason: reason) }
        if path.isEmpty { throw refuse("the path is empty; expected a file such as Results/hasim.sqlite") }
        if path == ":memory:" || path.hasPrefix("file:") {
            throw refuse("an in-memory or URI database would lose the runs; expected a file such as Results/hasim.sqlite")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue { throw refuse("it is a folder; expected a file") }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else { throw refuse("it is not a regular file; expected a file") }
    }
}
