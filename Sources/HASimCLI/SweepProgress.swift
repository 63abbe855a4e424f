import Foundation

/// Progress of many runs on standard error (`hasim sweep`, `hasim seeds`):
/// runs done of the total, rate, ETA and runs failing an expectation. On a
/// terminal one line is redrawn in place; otherwise a sweep (a log file, a
/// Kubernetes pod) writes a plain line every few seconds and `seeds`, whose
/// output is often piped, writes nothing. Wall-clock time is only ever
/// shown, never stored.
final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var failing = 0
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastShown: ContinuousClock.Instant
    private let terminal: Bool
    private let interval: Duration
    private let write: @Sendable (String) -> Void

    /// `total` counts the runs this invocation will simulate (skipped stored runs excluded).
    /// `write` receives the bytes for standard error (a test passes its own).
    init(total: Int, terminal: Bool = isatty(STDERR_FILENO) != 0, write: @escaping @Sendable (String) -> Void = SweepProgress.standardError) {
        self.total = total
        self.terminal = terminal
        self.write = write
        started = clock.now
        lastShown = started
        interval = terminal ? .milliseconds(200) : .seconds(5)
    }

    /// `hasim seeds`' progress: the redrawn line on a terminal, nil otherwise.
    static func onTerminal(total: Int, terminal: Bool = isatty(STDERR_FILENO) != 0,
                           write: @escaping @Sendable (String) -> Void = SweepProgress.standardError) -> SweepProgress? {
        terminal ? SweepProgress(total: total, terminal: true, write: write) : nil
    }

    static let standardError: @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }

    func finished(failedExpectation: Bool) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if failedExpectation { failing += 1 }
        let now = clock.now
        if now - lastShown >= interval || done == total {
            lastShown = now
            show()
        }
    }

    /// Ends the redrawn line so what follows starts on its own.
    func end() {
        lock.lock()
        defer { lock.unlock() }
        if terminal, total > 0 { write("\n") }
    }

    private func show() {
        let elapsed = (clock.now - started).wallSeconds
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "%d/%d runs, %.1f runs/s, ETA %@, %d failing an expectation", done, total, rate, Self.clockText(eta), failing)
        write(terminal ? "\r\u{1B}[K" + line : line + "\n")
    }

    /// `1h02m`, `3m05s`, `12s`.
    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
