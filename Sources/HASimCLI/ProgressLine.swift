import Foundation
import SimKernel
import Simulation

/// A long run's progress on standard error, rewritten in place about once a
/// second: simulated time, events per second, and the time left. Only when
/// standard error is a terminal, so logs and pipes get nothing.
final class ProgressLine {
    private let total: SimDuration
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastShown: ContinuousClock.Instant
    private var shown = false

    /// Nil when standard error is not a terminal.
    static func forRun(of scenario: Scenario) -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine(total: scenario.duration) : nil
    }

    private init(total: SimDuration) {
        self.total = total
        started = clock.now
        lastShown = started
    }

    func update(_ now: SimInstant, _ events: Int) {
        let wall = clock.now
        guard wall - lastShown >= .seconds(1) else { return }
        lastShown = wall
        let elapsed = (wall - started).wallSeconds
        let done = SimDuration(nanoseconds: now.nanosecondsSinceStart)
        let fraction = max(1e-9, done.seconds / total.seconds)
        let left = elapsed / fraction - elapsed
        let rate = Double(events) / max(elapsed, 1e-9)
        let line = "simulated \(done) of \(total) (\(Int(fraction * 100))%), \(String(format: "%.1f", rate / 1e6)) M events/s, about \(SimDuration(seconds: left.rounded())) left"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        shown = true
    }

    /// Clears the line before the run's own output.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
