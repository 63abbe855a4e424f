import SimKernel
import Testing

@testable import Simulation

/// A follower's ticks are taken lazily (FollowerTicks): only the tick that
/// could fire its election timeout is an event (raft.go tickElection counts
/// `electionElapsed` toward the randomized timeout and does nothing else),
/// the ones before it are applied, in order, before its next input.
@Suite struct FollowerTicksTests {
    let interval = SimDuration.milliseconds(100)
    func at(_ milliseconds: Int64) -> SimInstant { SimInstant(.milliseconds(milliseconds)) }

    /// The ticks at 130, 230, ... 830 ms are due before an input at 850 ms;
    /// the queued one (930 ms) is not, and none is counted twice.
    @Test func theTicksBeforeAnInputAreTheEagerTickersOnesBeforeIt() {
        var ticks = FollowerTicks(first: at(30), interval: interval)
        #expect(ticks.takeDue(before: at(30)) == 0)
        ticks.ticked(at: at(30))
        #expect(ticks.reschedule(ticksAhead: 10, at: at(30)) == at(1_030))
        #expect(ticks.takeDue(before: at(850)) == 8)
        #expect(ticks.takeDue(before: at(850)) == 0)
        #expect(ticks.lastTick == at(830))
        // An input at a tick's own instant comes before that tick, as the
        // eager ticker's later-scheduled tick did.
        #expect(ticks.takeDue(before: at(930)) == 0)
        #expect(ticks.takeDue(before: at(1_100)) == 1)  // 930; 1,030 is the event
        #expect(ticks.isQueued(at: at(1_030)))
    }

    /// A new term may draw a shorter timeout: the event moves earlier (the
    /// later one goes stale), never later until it has fired.
    @Test func theEventMovesOnlyEarlierBeforeItFires() {
        var ticks = FollowerTicks(first: at(50), interval: interval)
        ticks.ticked(at: at(50))
        #expect(ticks.reschedule(ticksAhead: 19, at: at(50)) == at(1_950))
        #expect(ticks.reschedule(ticksAhead: 19, at: at(60)) == nil)
        #expect(ticks.takeDue(before: at(420)) == 3)
        #expect(ticks.reschedule(ticksAhead: 10, at: at(420)) == at(1_350))
        #expect(!ticks.isQueued(at: at(1_950)))
        #expect(ticks.isQueued(at: at(1_350)))
        // A frozen control plane's thaw moves every instant with its events.
        ticks.delay(by: .seconds(60))
        #expect(ticks.isQueued(at: at(61_350)))
        #expect(ticks.takeDue(before: at(61_400)) == 9)
    }

    /// Every metric of a run is the eager ticker's: a leader crash with the
    /// follower's election timing depending on the ticks it had taken
    /// lazily. The election takes about the randomized timeout (1-2 s at
    /// etcd's defaults, etcd's tuning guide), and the run dispatches fewer
    /// ticks than three members at 10 a second.
    @Test func aLeaderCrashIsElectedOutOfTheLazilyCountedTimeout() {
        var topology = Topology(zones: ["a", "b", "c"], mastersPerZone: [1, 1, 1], workersPerZone: [0, 0, 0])
        topology.access.externalClientRate = 0
        topology.access.inClusterClientRate = 0
        topology.etcd.writeProbeRate = 0
        var scenario = Scenario(
            name: "crash", duration: .seconds(60), topology: topology,
            faults: [Fault(kind: .hostCrash(.etcdLeader), at: .fixed(.seconds(20)))])
        scenario.fastForward = false
        let result = simulate(scenario, seed: 4)
        let leaderless = result.metric(.etcdLeaderlessSeconds) ?? .nan
        #expect(leaderless > 0.9 && leaderless < 2.1, "leaderless \(leaderless) s")
        // 10 leader ticks, 40 heartbeat messages and 4.5 lease tries a
        // second before the crash; followers' ticks about 1.4 a second.
        #expect(Double(result.eventsDispatched) < 60 * 60, "\(result.eventsDispatched) events")
    }
}
