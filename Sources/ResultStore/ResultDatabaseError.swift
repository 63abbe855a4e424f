/// Why a results database cannot be used, in one line: the path and the reason.
public struct ResultDatabaseError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot use the results database \(path.isEmpty ? "\"\"" : path): \(reason)" }
}
