import SimKernel

/// Simulated times as a reader wants them: `10m`, `1h20m`, `10m0.828s`.
enum TimeText {
    /// An instant or a span, rounded to the millisecond: the nanoseconds the
    /// database keeps are exact, but nobody reads `10m0.827656827s` at a glance.
    /// Spans under a millisecond keep their microseconds.
    static func format(_ nanoseconds: Int64) -> String {
        let unit: Int64 = abs(nanoseconds) < 1_000_000 ? 1_000 : 1_000_000
        let rounded = (nanoseconds + (nanoseconds >= 0 ? unit / 2 : -unit / 2)) / unit * unit
        return DurationText.format(SimDuration(nanoseconds: rounded))
    }

    /// "from → to (length)", for hover titles.
    static func span(_ start: Int64, _ end: Int64) -> String {
        "\(format(start)) → \(format(end)) (\(format(end - start)))"
    }
}
