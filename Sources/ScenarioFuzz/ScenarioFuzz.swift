import ScenarioFile
import Simulation

/// The scenario reader's fuzz target (docs/RELIABILITY.md).
///
/// Built two ways from this one file. `Fuzz/run` compiles it with
/// `-sanitize=fuzzer -DFUZZING`: the entry point runs libFuzzer's driver,
/// which calls the check with mutated inputs, and any crash or failed check
/// below is a finding. A plain `swift build` compiles the replayer
/// instead, which runs every file named on the command line (folders
/// walked) through the same checks: CI replays the committed corpus with it
/// on machines without libFuzzer.
enum FuzzCheck {
    /// Runs for valid scenarios this cheap too, so the model is fuzzed with
    /// the odd-but-valid topologies and faults the mutator finds.
    static let simulateBelowEvents = 20_000.0

    /// Parses `text`; every outcome must be a scenario or a located, short error.
    static func check(_ text: String) {
        do {
            let scenario = try ScenarioParser.parse(text, file: "fuzz.yaml")
            let topology = scenario.topology
            precondition(topology.zones.count <= ScenarioLimits.zones, "zone limit passed")
            precondition(topology.masterSlots <= ScenarioLimits.masters, "master limit passed")
            precondition(topology.workerCount <= ScenarioLimits.workers, "worker limit passed")
            let events = WorkEstimate.events(scenario)
            precondition(events.isFinite && events >= 0, "estimate not a number")
            if events < simulateBelowEvents {
                let result = simulate(scenario)
                precondition(result.eventsDispatched >= 0)
            }
        } catch {
            requireLocated(error, "input")
        }
    }

    /// Every refusal is located and short: it names the place and a few
    /// words of what was found; it never echoes the input.
    static func requireLocated(_ error: ScenarioError, _ input: String) {
        precondition(error.line >= 1 && error.column >= 1, "\(input): error not located: \(error)")
        precondition(error.description.utf8.count <= 4_000, "\(input): error message of \(error.description.utf8.count) bytes")
    }
}

#if FUZZING
/// libFuzzer's driver, linked by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// One input from libFuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // The loader refuses larger files before parsing; so does the target.
    guard let data, size <= ScenarioLimits.fileBytes else { return 0 }
    FuzzCheck.check(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}

/// SwiftPM links an executable's `main` to this name; libFuzzer brings a
/// `main` of its own, and `Fuzz/run` lets the linker keep either (both run
/// the same driver on the same function).
@_cdecl("scenario_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#else
import Foundation

@main
struct CorpusReplay {
    static func main() {
        if CommandLine.arguments.dropFirst().first == "--mutate" {
            mutate(Array(CommandLine.arguments.dropFirst(2)))
            return
        }
        var files = 0
        for argument in CommandLine.arguments.dropFirst() {
            for path in paths(under: argument) {
                guard let data = FileManager.default.contents(atPath: path), data.count <= ScenarioLimits.fileBytes else { continue }
                FuzzCheck.check(String(decoding: data, as: UTF8.self))
                files += 1
            }
        }
        print("replayed \(files) inputs without a crash")
    }

    /// `--mutate COUNT [--from K] [--seed S] [--events N] [--journal FILE] PATH...`:
    /// inputs K..<K+COUNT of the mutation campaign over the YAML files under the paths.
    static func mutate(_ arguments: [String]) {
        var options: [String: String] = [:]
        var roots: [String] = []
        var rest = arguments[...]
        guard let countText = rest.popFirst(), let count = Int(countText), count >= 0 else { usage() }
        while let argument = rest.popFirst() {
            if argument.hasPrefix("--") {
                guard let value = rest.popFirst() else { usage() }
                options[argument] = value
            } else {
                roots.append(argument)
            }
        }
        guard let from = Int(options["--from"] ?? "0"), let seed = UInt64(options["--seed"] ?? "1"),
              let events = Int(options["--events"] ?? "30000") else { usage() }
        let files = roots.flatMap { paths(under: $0) }.filter { $0.hasSuffix(".yaml") }
        var campaign = MutationCampaign(files: files, seed: seed, limits: RunLimits(events: events, pendingEvents: 2_000_000),
                                        journal: options["--journal"])
        guard !campaign.sources.isEmpty else { usage() }
        campaign.verbose = options["--verbose"] == "1"
        let clock = ContinuousClock()
        let started = clock.now
        let outcomes = campaign.run(from: from, count: count)
        let seconds = (clock.now - started) / .milliseconds(1) / 1000
        print("mutated inputs \(from)..<\(from + count) from \(campaign.sources.count) files over \(campaign.leafPaths.count) key paths: "
              + "\(outcomes[.refused, default: 0]) refused with a located error, \(outcomes[.ran, default: 0]) ran, "
              + "\(outcomes[.stopped, default: 0]) stopped by their limits; no crash (\(String(format: "%.1f", seconds)) s)")
    }

    static func usage() -> Never {
        print("usage: scenario-fuzz --mutate COUNT [--from K] [--seed S] [--events N] [--journal FILE] PATH...")
        exit(2)
    }

    /// The file itself, or every regular file under a folder, in name order.
    static func paths(under path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [path] }
        let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
        return names.map { "\(path)/\($0)" }.filter { !((try? FileManager.default.attributesOfItem(atPath: $0))?[.type] as? FileAttributeType == .typeDirectory) }
    }
}
#endif
