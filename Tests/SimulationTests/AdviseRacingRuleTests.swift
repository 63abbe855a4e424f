import Simulation
import Testing

/// `hasim advise`'s racing rule (Decision/RacingRule.swift) on evidence
/// written by hand: which points a round drops, which it shows to meet,
/// and what is left undecided when the seeds run out.
@Suite struct AdviseRacingRuleTests {
    static func evidence(_ cost: Double, _ intervals: ClosedRange<Double>...) -> RacingRule.Evidence {
        RacingRule.Evidence(cost: cost, intervals: intervals)
    }

    @Test func aPointWhoseIntervalLiesBelowTheTargetIsDropped() {
        var rule = RacingRule(target: 0.95, points: 2)
        rule.judge(round: 1, evidence: [0: Self.evidence(100, 0.60...0.94), 1: Self.evidence(200, 0.90...0.99)])
        #expect(rule.entries[0].status == .fails)
        #expect(rule.entries[0].round == 1)
        // Its interval holds the target: it races on.
        #expect(rule.entries[1].status == .racing)
        #expect(rule.racing == [1])
        #expect(!rule.isOver)
    }

    @Test func oneSLOBelowTheTargetFailsThePointWhateverTheOthersShow() {
        var rule = RacingRule(target: 0.95, points: 1)
        rule.judge(round: 1, evidence: [0: Self.evidence(100, 0.97...1, 0.5...0.9)])
        #expect(rule.entries[0].status == .fails)
    }

    @Test func aPointCostingMoreThanOneShownToMeetIsDominated() {
        var rule = RacingRule(target: 0.95, points: 4)
        rule.judge(
            round: 1,
            evidence: [
                0: Self.evidence(100, 0.90...0.99),  // cheaper, undecided: races on
                1: Self.evidence(200, 0.96...1),  // shown to meet
                2: Self.evidence(300, 0.90...0.99),  // dearer, undecided: dominated
                3: Self.evidence(400, 0.97...1),  // dearer and meets: dominated too
            ])
        #expect(rule.entries.map(\.status) == [.racing, .meets, .dominated, .dominated])
        #expect(rule.entries[2].dominatedBy == 1 && rule.entries[3].dominatedBy == 1)
        #expect(rule.cheapestMeeting == 1)
        #expect(rule.racing == [0])
        // The cheaper point is shown to meet in round 2: the incumbent is dominated in turn, and the race is over.
        rule.judge(round: 2, evidence: [0: Self.evidence(100, 0.955...1)])
        #expect(rule.entries.map(\.status) == [.meets, .dominated, .dominated, .dominated])
        #expect(rule.entries[1].round == 2 && rule.entries[1].dominatedBy == 0)
        #expect(rule.cheapestMeeting == 0)
        #expect(rule.isOver)
    }

    /// Costs compare to the cent: at the incumbent's cost, a point still
    /// racing cannot do better and is dropped; one shown to meet stays.
    @Test func atTheSameCostARacingPointIsDominatedAndAMeetingOneIsNot() {
        var rule = RacingRule(target: 0.95, points: 3)
        rule.judge(
            round: 1, evidence: [0: Self.evidence(100.001, 0.96...1), 1: Self.evidence(100.004, 0.97...1), 2: Self.evidence(100, 0.9...1)])
        #expect(rule.entries.map(\.status) == [.meets, .meets, .dominated])
        // Of equal costs, the higher lower end is chosen.
        #expect(rule.cheapestMeeting == 1)
    }

    @Test func ofEqualCostsAndIntervalsTheOneWithLessDowntimeIsChosen() {
        var rule = RacingRule(target: 0.95, points: 2)
        rule.judge(
            round: 1,
            evidence: [
                0: RacingRule.Evidence(cost: 100, intervals: [0.97...1], downtime: 350),
                1: RacingRule.Evidence(cost: 100, intervals: [0.97...1], downtime: 4),
            ])
        #expect(rule.entries.map(\.status) == [.meets, .meets])
        #expect(rule.cheapestMeeting == 1)
    }

    @Test func pointsStillRacingWhenTheSeedsRunOutAreUndecided() {
        var rule = RacingRule(target: 0.95, points: 2)
        for round in 1...3 {
            rule.judge(round: round, evidence: [0: Self.evidence(100, 0.90...0.99), 1: Self.evidence(200, 0.93...0.98)])
        }
        #expect(rule.racing == [0, 1])
        #expect(rule.entries.allSatisfy { $0.status == .racing && $0.round == nil })
        #expect(rule.cheapestMeeting == nil)
        #expect(!rule.isOver)
    }

    @Test func aDecidedPointIsNotJudgedAgain() {
        var rule = RacingRule(target: 0.95, points: 2)
        rule.judge(round: 1, evidence: [0: Self.evidence(100, 0.5...0.6), 1: Self.evidence(200, 0.9...0.99)])
        rule.judge(round: 2, evidence: [0: Self.evidence(100, 0.97...1), 1: Self.evidence(200, 0.9...0.99)])
        #expect(rule.entries[0].status == .fails && rule.entries[0].round == 1)
    }
}
