import Report
import ResultStore

extension ScenarioRun {
    /// Writes this run's report to `path` (`run --report`, `check --report`):
    /// built from the same rows the database stores, so it is byte for byte
    /// the page `hasim report` makes of the stored run.
    func writeReport(runID: Int64?, to path: String, force: Bool) throws {
        let stored = StoredRun(result: result, provenance: provenance, runID: runID)
        try ReportSource.write(RunPage(run: stored, description: loaded.scenario.description).html(), to: path, force: force)
    }
}

/// The report names of `check --report DIR`: each scenario file's name
/// without its extension, which is unique within one folder of scenarios;
/// files of the same name from different folders (`a/x.yaml`, `b/x.yaml`)
/// are named by their whole path instead (`a-x`, `b-x`), so that no page of
/// one invocation replaces another's.
enum CheckReportNames {
    static func names(for paths: [String]) -> [String: String] {
        let stems = paths.map(stem)
        var result: [String: String] = [:]
        for (path, name) in zip(paths, stems) {
            let shared = Set(zip(paths, stems).filter { $0.1 == name }.map(\.0)).count > 1
            result[path] = shared ? ReportSource.fileName(withoutExtension(path).split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: "-")) : name
        }
        return result
    }

    static func stem(_ path: String) -> String {
        withoutExtension(path.split(separator: "/").last.map(String.init) ?? path)
    }

    static func withoutExtension(_ file: String) -> String {
        file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file.hasSuffix(".yml") ? String(file.dropLast(4)) : file
    }
}
