extension Duration {
    /// Wall-clock time as floating-point seconds, for `wall_seconds` and benchmarks.
    var wallSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
