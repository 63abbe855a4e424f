#if !FUZZING
    import Foundation
    import ScenarioFile
    import SimKernel
    import Simulation
    import Yams

    /// A structure-aware mutation campaign over the scenario and sweep readers
    /// and the model (docs/RELIABILITY.md, "The mutation campaign").
    ///
    /// libFuzzer's byte mutations rarely turn a valid scenario into another
    /// valid one with a hostile number in it, which is where the traps of
    /// issue 21 were (a rate whose period overflows, a duration times a
    /// constant, a tail draw past the representable range). This campaign
    /// starts from the library's own files, replaces one to three values at
    /// key paths the library uses (every numeric leaf, and every key path seen
    /// in any file, applied to the others too) with values at and beyond the
    /// readers' bounds, and submits the result three ways: as `--set`
    /// overrides, as a rewritten scenario file, and as a sweep. Every valid
    /// scenario is then run under `RunLimits`, so the model meets each value.
    ///
    /// Input i is a pure function of (seed, i): a crash is replayed by its index.
    struct MutationCampaign {
        struct Source {
            var path: String
            var text: String
            var root: Node
            var isSweep: Bool
            /// Key paths of the file's numbers and durations, with their text:
            /// names (zones, hosts, metrics) changed would only be refused,
            /// and the model meets the numbers.
            var numericLeaves: [(path: String, value: String)] = []
        }

        /// What one input did, for the summary.
        enum Outcome {
            case refused, ran, stopped
        }

        let sources: [Source]
        /// Every key path of a scalar leaf in any source scenario, in a fixed order.
        let leafPaths: [String]
        let seed: UInt64
        let limits: RunLimits
        /// Written before each input: the input's description, so a crash leaves it behind.
        let journal: String?
        /// Prints each refusal (`--verbose 1`), to see what the mutations reach.
        var verbose = false

        init(files: [String], seed: UInt64, limits: RunLimits, journal: String?) {
            var sources: [Source] = []
            for path in files {
                // Only files the readers accept are mutated: they have passed the
                // guarded YAML layer (nesting, aliases), so composing them again
                // here is safe; the crashers and fixtures of refusals are not.
                guard let data = FileManager.default.contents(atPath: path), data.count <= ScenarioLimits.fileBytes,
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                let isScenario = (try? ScenarioParser.parse(text, file: path)) != nil
                guard isScenario || (try? SweepParser.parse(text, file: path)) != nil,
                    let root = try? Yams.compose(yaml: text), root.mapping != nil
                else { continue }
                var source = Source(path: path, text: text, root: root, isSweep: !isScenario)
                var leaves: [String] = []
                Self.collectLeaves(root, prefix: "", into: &leaves)
                for leaf in leaves {
                    guard let value = Self.scalar(at: leaf, in: root), let first = value.first,
                        first.isNumber || first == "-" || first == "."
                    else { continue }
                    source.numericLeaves.append((leaf, value))
                }
                sources.append(source)
            }
            self.sources = sources
            var paths: [String] = []
            for source in sources where !source.isSweep {
                Self.collectLeaves(source.root, prefix: "", into: &paths)
            }
            var seen = Set<String>()
            self.leafPaths = paths.filter { seen.insert($0).inserted }
            self.seed = seed
            self.limits = limits
            self.journal = journal
        }

        static func collectLeaves(_ node: Node, prefix: String, into paths: inout [String]) {
            switch node {
            case .scalar:
                if !prefix.isEmpty { paths.append(prefix) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard let name = key.scalar?.string, !name.contains("."), !name.contains("[") else { continue }
                    collectLeaves(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &paths)
                }
            case .sequence(let sequence):
                for (index, item) in sequence.enumerated() { collectLeaves(item, prefix: "\(prefix)[\(index)]", into: &paths) }
            case .alias:
                break
            }
        }

        /// Values at and beyond every bound the readers have: zero, the least
        /// and most representable, negative, not-a-number, and distributions
        /// whose tails reach past virtual time.
        static let hostileValues: [String] = [
            "0", "-0.0", "1", "-1", "2", "63", "64", "65", "1000", "1001", "5000", "5001", "150001", "9223372036854775807",
            "1e-300", "5e-324", "3.1e-10", "3.2e-10", "1e-9", "0.0001", "0.999999", "1.0000001", "1e300", "1.7976931348623157e308",
            ".nan", ".inf", "-.inf", "0%", "100%", "1e-300%", "-5%",
            "0s", "1ns", "2ns", "999ns", "1ms", "4ms", "999ms", "1s", "10s", "50s", "51s", "59m", "24h", "36500d", "36501d",
            "21900d", "-1s", "1.5ns", "1s.", "9223372036854775807ns",
            "{exponential: {mean: 36500d}}", "{exponential: {mean: 1ns}}",
            "{lognormal: {median: 36500d, sigma: 50}}", "{lognormal: {median: 1ns, sigma: 1e300}}", "{lognormal: {median: 1ms, sigma: 1000}}",
            "{weibull: {shape: 1e-300, scale: 36500d}}", "{weibull: {shape: 0.0001, scale: 1s}}", "{weibull: {shape: 1e300, scale: 1ns}}",
            "{normal: {mean: 36500d, stddev: 36500d}}", "{normal: {mean: 0s, stddev: 36500d}}", "{uniform: [0s, 36500d]}", "{uniform: [1ns, 1ns]}",
            "\"\"", "a", "[]", "{}", "null", "true",
        ]

        /// The hostile values of the same kind as `current` (a duration, a
        /// number, a distribution), so that most inputs pass the reader and
        /// reach the model with a value at its bounds.
        static func sameKind(as current: String) -> [String] {
            let isNumber = Double(current.filter { $0 != "_" && $0 != "%" }) != nil
            let isDuration = !isNumber && (current.first?.isNumber ?? false)
            if Int(current.filter { $0 != "_" }) != nil { return hostileValues.filter { Int($0) != nil } }
            return hostileValues.filter { value in
                if value.hasPrefix("{") { return isDuration }
                let number = Double(value.filter { $0 != "%" }) != nil || value.hasSuffix("inf") || value == ".nan"
                if isNumber { return number }
                if isDuration { return !number && (value.first?.isNumber ?? false || value.hasPrefix("-")) }
                return true
            }
        }

        /// Input `index`: a source and one to three (key path, value)
        /// overrides, mostly at the source's own leaves with values of their
        /// kind, sometimes at a key path of another file with any value.
        func input(_ index: Int) -> (source: Source, overrides: [(path: String, value: String)], form: Int) {
            var stream = RandomStream(rootSeed: seed, label: "mutation/\(index)")
            func pick<T>(_ items: [T]) -> T { items[Int(stream.nextInt(below: UInt64(items.count)))] }
            let source = pick(sources)
            let own = source.numericLeaves
            let count = stream.nextInt(below: 2) == 0 ? 1 : 2 + Int(stream.nextInt(below: 2))
            var overrides: [(String, String)] = []
            for _ in 0..<count {
                if !own.isEmpty, stream.nextInt(below: 10) < 8 {
                    let (path, current) = pick(own)
                    let pool = stream.nextInt(below: 10) < 8 ? Self.sameKind(as: current) : Self.hostileValues
                    overrides.append((path, pick(pool.isEmpty ? Self.hostileValues : pool)))
                } else {
                    overrides.append((pick(leafPaths), pick(Self.hostileValues)))
                }
            }
            return (source, overrides, Int(stream.nextInt(below: 2)))
        }

        /// The scalar text at a key path collected by `collectLeaves`.
        static func scalar(at path: String, in root: Node) -> String? {
            var node: Node? = root
            for part in path.split(separator: ".") {
                var rest = Substring(part)
                let key = rest.prefix { $0 != "[" }
                node = node?.mapping?[String(key)]
                rest = rest.dropFirst(key.count)
                while rest.first == "[", let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                    node = node?.sequence.flatMap { index < $0.count ? $0[index] : nil }
                    rest = rest[rest.index(after: close)...]
                }
            }
            return node?.scalar?.string
        }

        /// Runs inputs `from..<from+count`; returns how many were refused, ran and were stopped.
        func run(from: Int, count: Int) -> [Outcome: Int] {
            var outcomes: [Outcome: Int] = [:]
            for index in from..<(from + count) {
                let (source, overrides, form) = input(index)
                let description = "input \(index): \(source.path) " + overrides.map { "--set '\($0.path)=\($0.value)'" }.joined(separator: " ")
                if let journal { try? Data((description + "\n").utf8).write(to: URL(fileURLWithPath: journal)) }
                let outcome = check(source, overrides, asFile: form == 1, description: description)
                outcomes[outcome, default: 0] += 1
            }
            return outcomes
        }

        func check(_ source: Source, _ overrides: [(path: String, value: String)], asFile: Bool, description: String) -> Outcome {
            if source.isSweep { return checkSweep(source, overrides, description: description) }
            let scenario: Scenario
            do {
                let parsed = try overrides.map { override throws(ScenarioError) in try ScenarioOverride.commandLine("\(override.path)=\(override.value)") }
                if asFile {
                    // The same values written into the file's text: the reader's own locations.
                    var tree = source.root
                    for override in parsed { tree = (try? override.applying(to: tree)) ?? tree }
                    let text = (try? Yams.serialize(node: tree)) ?? source.text
                    scenario = try ScenarioParser.parse(text, file: source.path)
                } else {
                    scenario = try ScenarioLoader.load(path: source.path, overrides: parsed).scenario
                }
            } catch {
                FuzzCheck.requireLocated(error, description)
                if verbose { print("refused \(description): \(error)") }
                return .refused
            }
            return simulate(scenario, description: description)
        }

        func checkSweep(_ source: Source, _ overrides: [(path: String, value: String)], description: String) -> Outcome {
            var tree = source.root
            for override in overrides {
                guard let parsed = try? ScenarioOverride.commandLine("\(override.path)=\(override.value)"),
                    let changed = try? parsed.applying(to: tree)
                else { continue }
                tree = changed
            }
            let text = (try? Yams.serialize(node: tree)) ?? source.text
            let definition: SweepDefinition
            do {
                definition = try SweepParser.parse(text, file: source.path)
            } catch let error as ScenarioError {
                FuzzCheck.requireLocated(error, description)
                return .refused
            } catch let errors as SweepErrors {
                for error in errors.errors { FuzzCheck.requireLocated(error, description) }
                return .refused
            } catch {
                preconditionFailure("\(description): unlocated sweep error \(error)")
            }
            // The first point stands for the grid: every point was parsed already.
            guard let first = definition.points.first else { preconditionFailure("\(description): a sweep without points") }
            return simulate(first.scenario, description: description)
        }

        func simulate(_ scenario: Scenario, description: String) -> Outcome {
            let events = WorkEstimate.events(scenario)
            precondition(events.isFinite && events >= 0, "\(description): estimate \(events)")
            _ = WorkEstimate.eventLimit(scenario)
            do {
                let result = try Simulation.simulate(scenario, limits: limits)
                precondition(result.eventsDispatched >= 0)
                return .ran
            } catch {
                return .stopped
            }
        }
    }
#endif
