import Foundation
import Simulation
import Yams

/// Reads a sweep file: a base scenario, seeds, and axes of key paths into it
/// (`vary:` crossed, `zip:` groups moving together, `exclude:` points to
/// skip). Every point is parsed, and so validated, before anything runs.
public enum SweepParser {
    static let topLevelKeys = ["name", "description", "scenario", "seeds", "metrics", "vary", "zip", "exclude", "advise"]
    static let seedsKeys = ["from", "count"]

    /// One axis of the grid: one key path (from `vary:`) or several moving together (a `zip:` group).
    struct Axis {
        var paths: [(path: ScenarioKeyPath, keyNode: Node)]
        /// values[i][k]: the i-th value of the k-th path.
        var values: [[Node]]
    }

    public static func load(path: String) throws(SweepErrors) -> SweepDefinition {
        do {
            let (text, _) = try ScenarioLoader.read(path: path)
            return try parse(text, file: path)
        } catch let error as ScenarioError {
            throw SweepErrors(errors: [error])
        } catch let errors as SweepErrors {
            throw errors
        } catch {
            throw SweepErrors(errors: [ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "\(error)")])
        }
    }

    public static func parse(_ text: String, file: String) throws -> SweepDefinition {
        let reader = YAMLReader(file: file)
        let root = try ScenarioParser.compose(text, file: file, what: "a sweep mapping with scenario, seeds and vary")
        let fields = try reader.mapping(root, "", allowed: topLevelKeys, what: "a sweep mapping with scenario, seeds and vary")
        let name =
            try fields["name"].map { node throws(ScenarioError) in try reader.string(node, "name") }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent

        // The base scenario: a path relative to the sweep file, or inline.
        let scenarioNode = try reader.required(fields, "scenario")
        let base: (root: Node, file: String, contents: Data)
        if let relative = scenarioNode.scalar?.string {
            let resolved =
                relative.hasPrefix("/")
                ? relative
                : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(relative).path
            let read: (String, Data)
            do {
                read = try ScenarioLoader.read(path: resolved)
            } catch {
                throw reader.error(
                    at: scenarioNode, "scenario",
                    "cannot read \(resolved); expected the path of a scenario file, relative to the sweep file, or the scenario inline")
            }
            base = (try ScenarioParser.compose(read.0, file: resolved, what: "a scenario mapping with name and topology"), resolved, read.1)
        } else {
            guard scenarioNode.mapping != nil else {
                throw reader.error(
                    at: scenarioNode, "scenario", "expected the path of a scenario file or a scenario mapping, found \(reader.describe(scenarioNode))")
            }
            base = (scenarioNode, file, Data(NodeText.flow(scenarioNode).utf8))
        }

        var seedsFrom: UInt64 = 1
        var seedCount = 1
        if let node = fields["seeds"] {
            let seeds = try reader.mapping(node, "seeds", allowed: seedsKeys, what: "seeds such as {from: 1, count: 200}")
            if let from = seeds["from"] {
                let value = try reader.integer(from, "seeds.from", what: "a seed from 0")
                guard value >= 0 else { throw reader.error(at: from, "seeds.from", "expected a seed from 0, found \(value)") }
                seedsFrom = UInt64(value)
            }
            // As many runs per point as `hasim seeds` takes in one invocation.
            if let count = seeds["count"] { seedCount = try reader.count(count, "seeds.count", maximum: 100_000) }
        }

        var axes: [Axis] = []
        var seen: [String] = []
        if let node = fields["vary"] {
            let vary = try reader.mapping(node, "vary", allowed: [], what: "axes such as {topology.etcd.electionTimeout: [500ms, 1s]}", anyKey: true)
            for entry in vary.entries {
                let path = try keyPath(entry.key, entry.keyNode, "vary", reader, seen: &seen)
                let values = try reader.sequence(entry.value, "vary.\(entry.key)", what: "a list of values")
                guard !values.isEmpty else { throw reader.error(at: entry.value, "vary.\(entry.key)", "expected at least one value") }
                axes.append(Axis(paths: [(path, entry.keyNode)], values: values.map { [$0] }))
            }
        }
        if let node = fields["zip"] {
            for (groupIndex, group) in try reader.sequence(node, "zip", what: "a list of groups of axes that move together").enumerated() {
                let groupPath = "zip[\(groupIndex)]"
                let entries = try reader.mapping(group, groupPath, allowed: [], what: "axes that move together, each with as many values", anyKey: true).entries
                var axis = Axis(paths: [], values: [])
                for entry in entries {
                    let path = try keyPath(entry.key, entry.keyNode, groupPath, reader, seen: &seen)
                    let values = try reader.sequence(entry.value, "\(groupPath).\(entry.key)", what: "a list of values")
                    if axis.paths.isEmpty {
                        guard !values.isEmpty else { throw reader.error(at: entry.value, "\(groupPath).\(entry.key)", "expected at least one value") }
                        axis.values = values.map { [$0] }
                    } else {
                        guard values.count == axis.values.count else {
                            throw reader.error(
                                at: entry.value, "\(groupPath).\(entry.key)",
                                "expected \(axis.values.count) values, as many as \(axis.paths[0].path), found \(values.count)")
                        }
                        for i in values.indices { axis.values[i].append(values[i]) }
                    }
                    axis.paths.append((path, entry.keyNode))
                }
                guard !axis.paths.isEmpty else { throw reader.error(at: group, groupPath, "expected at least one axis") }
                axes.append(axis)
            }
        }

        // Counted before anything is built: each point is a parsed scenario.
        var gridPoints = 1
        for axis in axes {
            let (product, overflow) = gridPoints.multipliedReportingOverflow(by: axis.values.count)
            gridPoints = overflow ? .max : product
        }
        guard gridPoints <= ScenarioLimits.sweepPoints else {
            let sizes = axes.map { String($0.values.count) }.joined(separator: " x ")
            let at = fields["vary"] ?? fields["zip"] ?? root
            throw reader.error(
                at: at, fields["vary"] != nil ? "vary" : "zip",
                "the grid has \(gridPoints == .max ? "more than \(Int.max)" : String(gridPoints)) points (\(sizes)), more than the \(ScenarioLimits.sweepPoints) a sweep may have; expected fewer values, or axes moving together in zip:, or several sweeps"
            )
        }
        var combinations = cross(axes)
        if let node = fields["exclude"] {
            combinations = try exclude(combinations, node, axes: axes, reader)
            guard !combinations.isEmpty else { throw reader.error(at: node, "exclude", "every point is excluded; expected at least one point to run") }
        }

        // Parse every point now: nothing runs unless all of them are valid.
        let overridesOf = { (combination: [Int]) -> [ScenarioOverride] in
            var overrides: [ScenarioOverride] = []
            for (axis, choice) in zip(axes, combination) {
                for (k, path) in axis.paths.enumerated() {
                    let mark = path.keyNode.mark
                    overrides.append(
                        ScenarioOverride(
                            keyPath: path.path, value: axis.values[choice][k],
                            source: .init(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1), mark: mark, pinsLocation: false))
                }
            }
            return overrides
        }
        var points: [SweepPoint] = []
        var errors: [ScenarioError] = []
        for (index, combination) in combinations.enumerated() {
            let overrides = overridesOf(combination)
            let assignments = overrides.map { SweepPoint.Assignment(path: $0.path, text: $0.valueText, json: $0.valueJSON) }
            let label = assignments.map { "\($0.path)=\($0.text)" }.joined(separator: ", ")
            do {
                let scenario = try ScenarioOverride.parse(base.root, file: base.file, overrides: overrides)
                points.append(SweepPoint(index: index, assignments: assignments, scenario: scenario))
            } catch {
                // One bad value spoils every point that has it: report it once.
                var located = error
                if !errors.contains(where: { $0.file == error.file && $0.line == error.line && $0.column == error.column && $0.keyPath == error.keyPath }) {
                    located.message += label.isEmpty ? "" : " (in sweep point \(index): \(label))"
                    errors.append(located)
                }
            }
        }
        guard errors.isEmpty else { throw SweepErrors(errors: errors) }

        var metrics = SweepDefinition.defaultMetrics
        if let node = fields["metrics"] {
            metrics = []
            for (index, item) in try reader.sequence(node, "metrics", what: "a list of metric names").enumerated() {
                let metric = try reader.string(item, "metrics[\(index)]", what: "a metric name")
                if let first = metrics.firstIndex(of: metric) {
                    throw reader.error(
                        at: item, "metrics[\(index)]", "duplicate metric \(quoted(metric)), first at metrics[\(first)]; expected each metric once")
                }
                for point in points {
                    let known = MetricCatalog.entries(for: point.scenario).map(\.name)
                    guard known.contains(metric) else {
                        throw reader.error(
                            at: item, "metrics[\(index)]",
                            NearestName.unknownMessage("metric", metric, known: known)
                                + (point.label.isEmpty ? "" : " (in sweep point \(point.index): \(point.label))"))
                    }
                }
                metrics.append(metric)
            }
            guard !metrics.isEmpty else { throw reader.error(at: node, "metrics", "expected at least one metric") }
        }

        // advise's errors about the points name the advise: key, or the scenario they come from.
        let anchor = fields.entries.first { $0.key == "advise" } ?? fields.entries.first { $0.key == "scenario" }
        let mark = anchor?.keyNode.mark
        return SweepDefinition(
            name: name, file: file, scenarioPath: base.file, scenarioContents: base.contents,
            seedsFrom: seedsFrom, seedCount: seedCount, metrics: metrics,
            axes: axes.flatMap { $0.paths.map { $0.path.description } }, points: points,
            advice: try advice(fields["advise"], seedCount: seedCount, reader),
            adviceAnchor: ScenarioError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, keyPath: anchor?.key ?? "", message: ""))
    }

    static func keyPath(_ key: String, _ keyNode: Node, _ parent: String, _ reader: YAMLReader, seen: inout [String]) throws(ScenarioError) -> ScenarioKeyPath {
        guard let path = ScenarioKeyPath(key) else {
            throw reader.error(at: keyNode, "\(parent).\(key)", "expected a key path into the scenario such as topology.etcd.electionTimeout or faults[0].at")
        }
        guard !seen.contains(path.description) else {
            throw reader.error(at: keyNode, "\(parent).\(key)", "the key path \(path) is already an axis; expected each key path once across vary and zip")
        }
        seen.append(path.description)
        return path
    }

    /// Every combination of one value index per axis, the first axis varying slowest.
    static func cross(_ axes: [Axis]) -> [[Int]] {
        var combinations: [[Int]] = [[]]
        for axis in axes {
            combinations = combinations.flatMap { prefix in axis.values.indices.map { prefix + [$0] } }
        }
        return combinations
    }

    /// Drops the combinations matching an `exclude:` entry: a mapping of axis
    /// key paths to one of their values, matching when every one of them does.
    static func exclude(_ combinations: [[Int]], _ node: Node, axes: [Axis], _ reader: YAMLReader) throws(ScenarioError) -> [[Int]] {
        let known = axes.flatMap { $0.paths.map { $0.path.description } }
        var rules: [[(axis: Int, k: Int, text: String)]] = []
        for (index, item) in try reader.sequence(node, "exclude", what: "a list of points to skip").enumerated() {
            let path = "exclude[\(index)]"
            var rule: [(axis: Int, k: Int, text: String)] = []
            for entry in try reader.mapping(item, path, allowed: [], what: "a point to skip such as {topology.masters: {a: 1}}", anyKey: true).entries {
                let entryPath = "\(path).\(entry.key)"
                guard let axis = axes.firstIndex(where: { $0.paths.contains { $0.path.description == entry.key } }),
                    let k = axes[axis].paths.firstIndex(where: { $0.path.description == entry.key })
                else {
                    throw reader.error(at: entry.keyNode, entryPath, NearestName.unknownMessage("axis", entry.key, known: known))
                }
                let wanted = NodeText.flow(entry.value)
                let texts = axes[axis].values.map { NodeText.flow($0[k]) }
                guard texts.contains(wanted) else {
                    throw reader.error(at: entry.value, entryPath, "\(wanted) is not a value of the axis; expected one of \(texts.joined(separator: ", "))")
                }
                rule.append((axis, k, wanted))
            }
            rules.append(rule)
        }
        return combinations.filter { combination in
            !rules.contains { rule in
                rule.allSatisfy { NodeText.flow(axes[$0.axis].values[combination[$0.axis]][$0.k]) == $0.text }
            }
        }
    }
}
