import Foundation

/// Progress of a sweep on standard error: runs done of the total, rate, ETA
/// and runs failing an expectation. On a terminal one line is redrawn in
/// place; otherwise (a log file, a Kubernetes pod) a plain line is written
/// every few seconds. Wall-clock time is only ever shown, never stored.
final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var failing = 0
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastShown: ContinuousClock.Instant
    private let terminal = isatty(STDERR_FILENO) != 0
    private let interval: Duration

    /// `total` counts the runs this invocation will simulate (skipped stored runs excluded).
    init(total: Int) {
        self.total = total
        started = clock.now
        lastShown = started
        interval = terminal ? .milliseconds(200) : .seconds(5)
    }

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
        if terminal, total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func show() {
        let elapsed = (clock.now - started).wallSeconds
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "%d/%d runs, %.1f runs/s, ETA %@, %d failing an expectation", done, total, rate, Self.clockText(eta), failing)
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// `1h02m`, `3m05s`, `12s`.
    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
