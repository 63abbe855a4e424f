import Report
import ResultStore

extension ScenarioRun {
    /// Writes this run's report to `path` (`run --report`, `check --report`):
    /// built from the same rows the database stores, so it is byte for byte
    /// the page `hasim report` makes of the stored run.
    func writeReport(runID: Int64?, to path: String) throws {
        let stored = StoredRun(result: result, provenance: provenance, runID: runID)
        try ReportSource.write(RunPage(run: stored, description: loaded.scenario.description).html(), to: path)
    }

    /// The report's file name for `check --report`: the scenario file's name
    /// without its extension, which is unique within one folder of scenarios.
    var reportName: String {
        let file = loaded.path.split(separator: "/").last.map(String.init) ?? loaded.path
        return file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file.hasSuffix(".yml") ? String(file.dropLast(4)) : file
    }
}
