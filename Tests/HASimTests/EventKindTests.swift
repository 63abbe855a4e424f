import Foundation
import HASim
import Testing

/// Event kinds are stored as text (the `event` table's `kind` column, the
/// pinned runs' `event KIND` lines), and every stored run keeps the texts it
/// was written with: a kind's text must never change, and the list must be
/// exactly what the World records, no kind the report matches on missing and
/// none left over that nothing records. Duplicate raw values the compiler
/// already refuses, so what is checked here is what it cannot see.
@Suite struct EventKindTests {
    /// Every kind's stored text, as given out. Append new kinds; never change
    /// or remove a line: databases and pins hold these texts.
    static let storedTexts = [
        "hostUp", "hostDown", "leaderElected", "leaseAcquired", "leaseLost", "addonCallTimedOut",
        "faultStart", "faultEnd", "faultSkipped",
        "vmCreate", "vmReady", "vmDeleted", "replicateMaster", "memberAdded", "memberStarted", "memberRemoved",
        "createLoadBalancer", "targetPoolCreated", "targetPoolDeleted", "operationFailed",
        "loadBalancerCreationStarted", "loadBalancerLive", "loadBalancerRemovalStarted", "loadBalancerRemoved",
        "creationQueued", "removalQueued", "queuedChangeCancelled", "ipMoved", "ipReleased", "ipAttached", "backendsChanged",
        "backendHealthy", "backendUnhealthy", "endpointsChanged", "connectionOpened", "connectionClosed", "connectionReset",
        "nodeRegistered", "nodeLifecycleControllerStarted", "zoneState", "nodesNotReady",
        "allZonesFullDisruption", "allZonesFullDisruptionEnded", "podsEvicted", "podsUnschedulable",
        "scaleUp", "scaleUpTimedOut", "autoscalerHalted", "autoscalerResumed", "recordsTruncated",
        "nodeControllerThrottled", "gracefulStop", "apiServerShutdown", "goAway", "leadershipTransfer", "leaseReleased",
        "virtualIPLost", "virtualIPMoved", "vrrpScriptFailed", "vrrpScriptGood",
        "masterUpgradeStarted", "staticPodReplaced", "staticPodUp", "masterUpgraded",
        "bgpRouteWithdrawn", "bgpRouteAnnounced",
        "etcdConnectionSilent",
        "drainStarted", "nodeCordoned", "drainEvicted", "drainEvictionRefused", "drainCompleted", "drainTimedOut",
        "workerUpgradeStarted", "upgradeNodeRequested", "workerNodeRemoved", "workersUpgraded",
        "nodeUncordoned",
    ]

    static let sources = ScenarioLibraryPinTests.root.appendingPathComponent("Sources/Simulation")

    @Test func theStoredTextsAreStable() {
        #expect(EventKind.allCases.map(\.rawValue) == Self.storedTexts)
    }

    /// The pinned library runs were written with the texts of before the
    /// enumeration: each must read back as a kind, as an old database's rows do.
    @Test func everyKindTheLibraryRecordedReadsBack() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ScenarioLibraryPinTests.fixtures.path).sorted()
        var recorded: Set<String> = []
        for file in files {
            let text = try String(contentsOf: ScenarioLibraryPinTests.fixtures.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("event ") && !line.hasPrefix("events") {
                recorded.insert(String(line.dropFirst("event ".count).prefix { $0 != " " }))
            }
        }
        #expect(recorded.count > 30, "the fixtures' event lines were not found")
        #expect(recorded.filter { EventKind(rawValue: $0) == nil }.sorted() == [])
    }

    /// Every kind is recorded somewhere in the World: named in a `record`
    /// call (or `setProvisioned`, or the event log's own truncation record;
    /// a call wrapped over lines names its kind on its `kind:` line),
    /// or produced by the external endpoint's transitions, whose mapping is
    /// an exhaustive switch. A kind nothing records is a window or lane the
    /// report would wait for in vain. Read from the sources, because several
    /// kinds need runs no library scenario makes (an autoscaler that times
    /// out, a fault with no target).
    @Test func everyKindIsRecordedByTheWorld() throws {
        let names = Set(EventKind.allCases.map(\.rawValue))
        var named: Set<String> = []
        let files = FileManager.default.enumerator(atPath: Self.sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100, "the Simulation sources were not found")
        for file in files where !file.hasSuffix("EventKind.swift") || file.hasSuffix("+EventKind.swift") {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            let mapping = file.hasSuffix("+EventKind.swift")
            for line in text.split(separator: "\n")
            where mapping || line.contains("record(entity:") || line.contains("kind: ") || line.contains("setProvisioned(")
                || line.contains("EventRecord(")
            {
                for token in line.matches(of: #/\.([a-zA-Z]+)/#) where names.contains(String(token.1)) { named.insert(String(token.1)) }
            }
        }
        #expect(names.subtracting(named).sorted() == [], "kinds no record call names")
    }
}
