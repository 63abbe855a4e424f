/// `occurrences: 12/yr` in a scenario and `--occurs 12/yr` on the command
/// line: how many times a year a one-off scenario's events happen
/// (docs/FAILURES.md, "Per occurrence or a year"). The unit is written so
/// that the number cannot be read as a probability or a per-run count.
public enum OccurrenceRate {
    public static let expected = "expected a rate a year above zero such as 12/yr or 0.5/yr"

    /// The rate a year, or nil when `text` is not `N/yr` with N a finite number above zero.
    public static func parse(_ text: String) -> Double? {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.hasSuffix("/yr"), let value = Double(compact.dropLast(3)), value.isFinite, value > 0 else { return nil }
        return value
    }
}
