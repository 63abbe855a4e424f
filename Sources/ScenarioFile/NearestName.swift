/// Suggestions for misspelt names: the known name at the smallest edit
/// distance, if it is close enough to be what the user meant.
public enum NearestName {
    public static func suggestion(for name: String, among known: [String]) -> String? {
        // A name this long is no misspelling, and the distance costs its length times each candidate's.
        guard name.count <= ScenarioLimits.quotedCharacters else { return nil }
        // Close enough: a few edits, and not a rewrite of the whole name ("d" is not "a").
        let limit = min(max(2, name.count / 3), name.count - 1)
        guard limit >= 0 else { return nil }
        let typed = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let bound = min(limit, (best?.distance ?? limit + 1) - 1)
            guard bound >= 0, let distance = editDistance(typed, Array(candidate.lowercased()), atMost: bound) else { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Levenshtein distance over characters, or nil when it exceeds `bound`.
    /// Bounded so that many unknown names against a long catalogue stay
    /// cheap (a fuzzed file of 159 unknown metric names took over 10 s with
    /// the full distance): names whose lengths differ by more than the bound
    /// are skipped at once, and a row whose every cell exceeds it ends the
    /// comparison. The two rows are reused, not reallocated per row.
    static func editDistance(_ a: [Character], _ b: [Character], atMost bound: Int) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                rowMinimum = min(rowMinimum, current[j])
            }
            guard rowMinimum <= bound else { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }

    /// `unknown <what> "<name>"; expected one of ...`, with a suggestion when
    /// one known name is close: the one wording of every dangling-name error.
    static func unknownMessage(_ what: String, _ name: String, known: [String]) -> String {
        var message = "unknown \(what) \(quoted(name)); expected one of \(list(known))"
        if let near = suggestion(for: name, among: known) { message += " (did you mean \"\(near)\"?)" }
        return message
    }

    /// "one of a, b, c", shortened after `limit` names.
    static func list(_ names: [String], limit: Int = 12) -> String {
        if names.count <= limit { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + ", ... (\(names.count) in all)"
    }
}
