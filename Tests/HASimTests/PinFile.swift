/// A pin file: one scenario's runs over the pinned seeds as text
/// (`PinnedRun`), and the comparison that says what moved. The text is a
/// comment line, then a block per seed: `seed N` and its `key = value` lines.
enum PinFile {
    static func text(scenario: String, runs: [PinnedRun]) -> String {
        var out = "# \(scenario): its runs, pinned by ScenarioLibraryPinTests; re-pin with HASIM_REPIN=1 and read the diff.\n"
        for run in runs {
            out += "\nseed \(run.seed)\n"
            for line in run.lines { out += "\(line.key) = \(escaped(line.value))\n" }
        }
        return out
    }

    enum ParseError: Error, CustomStringConvertible {
        case unreadable(line: Int, text: String)
        var description: String {
            switch self {
            case .unreadable(let line, let text): "line \(line): \(text): expected `seed N` or `key = value`"
            }
        }
    }

    static func runs(_ text: String) throws -> [PinnedRun] {
        var runs: [PinnedRun] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("seed "), let seed = UInt64(line.dropFirst(5)) {
                runs.append(PinnedRun(seed: seed, lines: []))
            } else if let separator = line.range(of: " = "), !runs.isEmpty {
                let value = unescaped(String(line[separator.upperBound...]))
                runs[runs.count - 1].lines.append(.init(key: String(line[..<separator.lowerBound]), value: value))
            } else {
                throw ParseError.unreadable(line: number + 1, text: String(line))
            }
        }
        return runs
    }

    /// One line a value, whatever an event's detail holds.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescaped(_ value: String) -> String {
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                out.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// What moved in one run: the first line that differs, with its pinned
    /// and current values, and the keys of the other lines that moved too.
    struct Moved: Equatable, CustomStringConvertible {
        var file: String
        var seed: UInt64
        var key: String
        var pinned: String?
        var current: String?
        var alsoMoved: [String]

        var description: String {
            var text = "\(file) seed \(seed): \(key): pinned \(pinned ?? "(no such line)"), now \(current ?? "(no such line)")"
            if !alsoMoved.isEmpty {
                let shown = alsoMoved.prefix(6).joined(separator: ", ")
                text += "; \(alsoMoved.count) more lines of this run moved (\(shown)\(alsoMoved.count > 6 ? ", ..." : ""))"
            }
            return text
        }
    }

    /// Each run that moved, in seed order, naming the first line that moved
    /// in the pin's order (metrics, intervals, events, then the digest and
    /// unseed, which move with nearly anything).
    static func moved(file: String, pinned: [PinnedRun], current: [PinnedRun]) -> [Moved] {
        var moved: [Moved] = []
        let currentBySeed = Dictionary(current.map { ($0.seed, $0) }, uniquingKeysWith: { first, _ in first })
        let pinnedSeeds = Set(pinned.map(\.seed))
        for run in pinned {
            guard let now = currentBySeed[run.seed] else {
                moved.append(Moved(file: file, seed: run.seed, key: "seed", pinned: "pinned", current: nil, alsoMoved: []))
                continue
            }
            let nowValues = Dictionary(now.lines.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            let pinnedKeys = Set(run.lines.map(\.key))
            var keys: [(key: String, pinned: String?, current: String?)] = []
            for line in run.lines where nowValues[line.key] != line.value {
                keys.append((line.key, line.value, nowValues[line.key]))
            }
            for line in now.lines where !pinnedKeys.contains(line.key) {
                keys.append((line.key, nil, line.value))
            }
            if let first = keys.first {
                moved.append(
                    Moved(
                        file: file, seed: run.seed, key: first.key, pinned: first.pinned, current: first.current,
                        alsoMoved: keys.dropFirst().map(\.key)))
            }
        }
        for run in current where !pinnedSeeds.contains(run.seed) {
            moved.append(Moved(file: file, seed: run.seed, key: "seed", pinned: nil, current: "run", alsoMoved: []))
        }
        return moved
    }
}
