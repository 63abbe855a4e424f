import ScenarioFile
import SimKernel
import Simulation
import Testing

/// Expectations as users mean them: stretches with longerThan, ratio bounds
/// that can pass, percentages as the decimal written.
@Suite struct ExpectationParsingTests: ScenarioText {
    @Test func neverAndAlwaysTakeLongerThanForEveryCondition() throws {
        for condition in ClusterCondition.allCases {
            let scenario = try parse(head + "expect:\n  - {never: \(condition.rawValue), longerThan: 5s}\n  - {always: \(condition.rawValue), longerThan: 1m}\n")
            #expect(scenario.expectations == [
                .neverLongerThan(condition, .seconds(5)), .alwaysExceptShorterThan(condition, .minutes(1)),
            ])
        }
        #expect(try parse(head + "expect: [{never: etcdMajorityDown}]\n").expectations == [.never(.etcdMajorityDown)])
    }

    @Test func longerThanIsADurationAboveZeroAndOnlyForConditions() {
        #expect(error(head + "expect: [{never: etcdQuorumLost, longerThan: 0s}]\n")
            == "s.yaml:7:46: expect[0].longerThan: expected a duration above zero such as 5s, found 0s; without longerThan any stretch fails")
        #expect(error(head + "expect: [{never: etcdQuorumLost, longerThan: 5}]\n").hasPrefix("s.yaml:7:46: expect[0].longerThan: bad duration \"5\""))
        #expect(error(head + "expect: [{metric: etcd.elections, atMost: 2, longerThan: 5s}]\n")
            == "s.yaml:7:46: expect[0].longerThan: longerThan goes with never and always; a metric takes atLeast and atMost")
    }

    @Test func aRatioBoundOutsideZeroToOneIsRefusedUnlessWrittenAsAPercentage() throws {
        #expect(error(head + "expect: [{metric: etcd.quorum.availability, atLeast: 99.9}]\n")
            == "s.yaml:7:54: expect[0].atLeast: etcd.quorum.availability is a ratio; expected a bound from 0 to 1 (or 0% to 100%), found 99.9; for a percentage write 99.9%")
        #expect(error(head + "expect: [{metric: zone.a.availability, atMost: -0.5}]\n")
            == "s.yaml:7:48: expect[0].atMost: zone.a.availability is a ratio; expected a bound from 0 to 1 (or 0% to 100%), found -0.5")
        let scenario = try parse(head + "expect: [{metric: etcd.quorum.availability, atLeast: 99.9%}, {metric: etcd.elections, atMost: 40}]\n")
        #expect(scenario.expectations == [
            .metric(name: "etcd.quorum.availability", atLeast: 0.999, atMost: nil),
            .metric(name: "etcd.elections", atLeast: nil, atMost: 40),
        ])
    }

    /// 99.9 / 100 is 0.9990000000000001 in binary floating point; the user wrote 0.999.
    @Test func aPercentageIsTheDecimalWritten() throws {
        let cases: [(String, Double)] = [("99.9%", 0.999), ("99.99%", 0.9999), ("100%", 1), ("0.5%", 0.005), ("12.345%", 0.12345), ("7%", 0.07)]
        for (text, decimal) in cases {
            let scenario = try parse(head + "expect: [{metric: etcd.write.availability, atLeast: \(text)}]\n")
            #expect(scenario.expectations == [.metric(name: "etcd.write.availability", atLeast: decimal, atMost: nil)], "\(text)")
        }
        #expect(99.9 / 100 != 0.999)
        #expect(RunExpectation.metric(name: "x", atLeast: 0.999, atMost: nil).boundText == ">= 0.999")
    }

    @Test func everyIndependentMistakeIsReportedWithItsPlace() {
        let text = """
            name: t
            duration: 1x
            seed: -4
            topology:
              zones: [a, b]
              masters: {a: 1, b: 1}
            faults:
              - {at: 10m, zoneOutage: c}
              - {at: 10m, zoneOutage: a, for: 5m}
              - {at: 20m, crash: master-z-1}
            expect:
              - {never: noMastersUp}
              - {metric: etcd.quorum.availability, atLeast: 2}
            """
        do {
            _ = try ScenarioParser.parseReportingAll(text, file: "s.yaml")
            Issue.record("parsed")
        } catch {
            #expect(error.all.map { "\($0.line):\($0.column) \($0.keyPath)" } == ["2:11 duration", "3:7 seed"])
        }
        // With the duration fixed, the faults and expectations are judged too, each on its own.
        do {
            _ = try ScenarioParser.parseReportingAll(text.replacingOccurrences(of: "1x", with: "1h"), file: "s.yaml")
            Issue.record("parsed")
        } catch {
            #expect(error.all.map { "\($0.line):\($0.column) \($0.keyPath)" } == [
                "3:7 seed", "8:27 faults[0].zoneOutage", "10:22 faults[2].crash", "12:13 expect[0].never", "13:49 expect[1].atLeast",
            ])
            // The first mistake is what `parse` throws, as before.
            #expect(error.all.first?.description == self.error(text.replacingOccurrences(of: "1x", with: "1h")))
        }
    }
}
