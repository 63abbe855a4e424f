import Foundation
import Testing

/// Resource bombs are refused before they run, with the estimate (issue 10).
@Suite struct WorkBudgetTests {
    static let century = HASimProcess.fixtures.appendingPathComponent("century-1khz-probe.yaml").path
    static let refusal = "this run would dispatch about 4.8e13 events (275 days at 2.0e6 events/s), above the budget of 1.0e9; shorten the duration or lower the rates, or pass --allow-long"

    @Test func validateRefusesAScenarioAboveTheBudget() throws {
        let outcome = try hasim("validate", Self.century)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "error: \(Self.century): \(Self.refusal)\n")
    }

    @Test func runRefusesItBeforeTouchingTheDatabase() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-budget-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        let outcome = try hasim("run", Self.century, "--db", db)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: \(Self.century): \(Self.refusal)\n")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func allowLongAcceptsItWithTheEstimate() throws {
        let outcome = try hasim("validate", "--allow-long", Self.century)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasSuffix("; about 4.8e13 events (275 days at 2.0e6 events/s)\n"))
    }

    /// client-go accepts any positive retry period; the budget is what stops
    /// a 1 ns one, even though the fast-forward would run only its first 600 s.
    @Test func aNanosecondRetryPeriodIsOverBudget() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-retry-\(ProcessInfo.processInfo.processIdentifier).yaml").path
        try Data("name: retry\nduration: 1h\ntopology:\n  zones: [a]\n  masters: {a: 1}\n  leaderElection: {leaseDuration: 15s, renewDeadline: 10s, retryPeriod: 1ns}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try hasim("check", path)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: \(path): this run would dispatch about 4.5e11 events (3 days at 2.0e6 events/s), above the budget of 1.0e9; shorten the duration or lower the rates, or pass --allow-long\n")
    }
}
