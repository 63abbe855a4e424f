import Foundation
import Testing

/// SLO expectations on the command line (docs/SLO.md): `check` names the
/// worst window; `seeds` gives a line per SLO with the fraction of windows
/// met and Wilson's interval.
@Suite struct SLOCommandTests {
    static let zoneFailures = HASimProcess.fixtures.appendingPathComponent("slo-zone-failures.yaml").path
    static let year = HASimProcess.fixtures.appendingPathComponent("slo-year.yaml").path

    @Test func checkFailsOnAMissedWindowAndNamesTheWorst() throws {
        let outcome = try hasim("check", Self.zoneFailures, "--seed", "1")
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "  FAIL  slo etcd.quorum 90% per 1h, 1m periods: observed 0.6, expected uptime >= 90% in every whole 1h window; "
                    + "worst window 4 of 6 (3h to 4h): uptime 60%, 24.0 min counted of 24.2 min down; 3 of 6 windows met"), "\(outcome.stdout)")
        let json = try hasim("check", Self.zoneFailures, "--seed", "1", "--json")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let expectation = try #require((runs.first?["expectations"] as? [[String: Any]])?.first)
        #expect(expectation["observed"] as? Double == 0.6 && expectation["passed"] as? Bool == false)
        #expect((expectation["detail"] as? String)?.hasPrefix("worst window 4 of 6 (3h to 4h)") == true)
    }

    /// Ten seeds of six hours: sixty windows, the fraction met with the
    /// Wilson interval recomputed here, the worst no better than seed 1's.
    @Test func seedsGivesTheFractionOfWindowsMetWithWilsonsInterval() throws {
        let outcome = try hasim("seeds", Self.zoneFailures, "--count", "10", "--metric", "etcd.elections", "--json")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let slo = try #require((object["slo"] as? [[String: Any]])?.first)
        #expect(slo["name"] as? String == "slo etcd.quorum 90% per 1h, 1m periods" && slo["windows"] as? Int == 60)
        let met = try #require(slo["met"] as? Int)
        #expect(met > 0 && met < 60)
        let n = 60.0, p = Double(met) / n, z = 1.959963984540054
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        #expect(abs((slo["fractionLow"] as? Double ?? .nan) - (centre - half)) < 1e-12)
        #expect(abs((slo["fractionHigh"] as? Double ?? .nan) - (centre + half)) < 1e-12)
        #expect(slo["fraction"] as? Double == p)
        #expect((slo["worstUptime"] as? Double ?? .nan) <= 0.6)

        let text = try hasim("seeds", Self.zoneFailures, "--count", "10", "--metric", "etcd.elections")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let title = try #require(lines.firstIndex { $0.hasPrefix("SLOs (each whole window of each seed one trial") })
        #expect(lines[title + 1].split(separator: " ").first == "slo" && lines[title + 1].contains("95% CI"))
        #expect(lines[title + 2].hasPrefix("slo etcd.quorum 90% per 1h, 1m periods  60 "))
    }

    /// The year against every preset: a line each, twelve whole months a seed.
    @Test func theYearGivesALinePerPreset() throws {
        let outcome = try hasim("seeds", Self.year, "--count", "2", "--metric", "api.external.availability", "--json")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let slo = try #require(object["slo"] as? [[String: Any]])
        #expect(slo.map { $0["preset"] as? String } == ["gke-regional", "gke-zonal", "eks", "aks-zones", "aks", nil])
        #expect(slo.allSatisfy { $0["windows"] as? Int == 24 })
    }
}
