/// Suggestions for misspelt names: the known name at the smallest edit
/// distance, if it is close enough to be what the user meant.
public enum NearestName {
    public static func suggestion(for name: String, among known: [String]) -> String? {
        // A name this long is no misspelling, and the distance costs its length times each candidate's.
        guard name.count <= ScenarioLimits.quotedCharacters else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        // Close enough: a few edits, and not a rewrite of the whole name ("d" is not "a").
        guard let best, best.distance <= max(2, name.count / 3), best.distance < name.count else { return nil }
        return best.name
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
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
