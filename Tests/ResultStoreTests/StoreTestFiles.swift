import Foundation
import ResultStore

/// What the store's tests share: the provenance of a run written by a test,
/// and fresh database paths in a folder of this test process.
enum StoreTestFiles {
    static let provenance = RunProvenance(
        scenarioPath: "s.yaml", scenarioSHA256: String(repeating: "0", count: 64), parameters: "{}",
        toolVersion: "test", wallSeconds: 0.5, createdAt: "2026-01-01T00:00:00Z")

    static func temporaryPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("\(UInt64.random(in: 0...UInt64.max)).sqlite").path
    }
}
