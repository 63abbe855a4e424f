import ScenarioFile
import Simulation
import Testing

/// `occurrences: N/yr` (docs/FAILURES.md, "Per occurrence or a year"): read
/// for a one-off scenario, refused at its line for a stationary one, whose
/// yearly figures come from its duration (`DowntimeFigures`).
@Suite struct OccurrenceRateTests: ScenarioText {
    static let fault = "faults:\n  - {at: 10m, zoneOutage: a, for: 30m}\n"

    @Test func aOneOffScenarioTakesARateAYear() throws {
        let scenario = try parse(head + Self.fault + "occurrences: 0.5/yr\n")
        #expect(scenario.occurrencesPerYear == 0.5)
        #expect(DowntimeFigures.of(scenario, occurrencesPerYear: nil) == .occurrences(perYear: 0.5))
        // The command line's rate wins over the file's.
        #expect(DowntimeFigures.of(scenario, occurrencesPerYear: 12) == .occurrences(perYear: 12))
        // Without a rate, a one-off scenario's figures are per occurrence.
        #expect(DowntimeFigures.of(try parse(head + Self.fault), occurrencesPerYear: nil) == .perOccurrence)
    }

    @Test func aStationaryScenarioRefusesARate() throws {
        #expect(
            error(head + "occurrences: 12/yr\n")
                == "s.yaml:7:14: occurrences: an occurrence rate applies to a one-off scenario (one with faults: or operations:, shorter than a year); this one has no faults and no operations, so it is a stationary process whose yearly figures are scaled from its duration"
        )
        let year = head.replacingOccurrences(of: "duration: 1h", with: "duration: 365d") + Self.fault
        #expect(DowntimeFigures.of(try parse(year), occurrencesPerYear: nil) == .yearFromDuration)
        #expect(error(year + "occurrences: 12/yr\n").contains("this one runs at least a year (365d)"))
    }

    @Test func aRateIsNAYearAboveZero() throws {
        for bad in ["12", "0/yr", "-1/yr", "twelve/yr", "12/month"] {
            #expect(
                error(head + Self.fault + "occurrences: \(bad)\n").contains("occurrences: expected a rate a year above zero such as 12/yr or 0.5/yr, found"))
        }
        #expect(OccurrenceRate.parse(" 12 /yr") == 12)
    }
}
