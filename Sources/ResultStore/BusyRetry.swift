import Foundation
import GRDB

/// Runs a database step again while SQLite answers "busy" or "locked", until
/// a deadline. The busy timeout GRDB installs (`sqlite3_busy_timeout`) waits
/// only where SQLite chooses to call it: "If SQLite determines that invoking
/// the busy handler could result in a deadlock, it will go ahead and return
/// SQLITE_BUSY to the application instead" (https://www.sqlite.org/c3ref/busy_handler.html).
/// That happens to a connection holding a shared lock that needs a stronger
/// one, e.g. two processes switching a new file to WAL at once, and to a
/// deferred transaction whose WAL snapshot went stale before its first write
/// (SQLITE_BUSY_SNAPSHOT, https://www.sqlite.org/rescode.html#busy_snapshot).
/// A step that failed so changed nothing (SQLite rolled its statement or
/// transaction back), so running it again is safe.
struct BusyRetry {
    let deadline: ContinuousClock.Instant

    /// A deadline `timeout` seconds from now, shared by every step run through it.
    init(timeout: TimeInterval) {
        deadline = .now + .milliseconds(Int64(timeout * 1000))
    }

    /// Whether SQLite refused for another connection's lock.
    static func isBusy(_ error: Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// Whether there is time left for another attempt.
    var hasTimeLeft: Bool { ContinuousClock.now < deadline }

    /// Sleeps before attempt `attempt + 1`: 5 ms, doubling to at most 160 ms,
    /// so that a short wait costs little and many waiting processes do not
    /// hammer the lock. Never past the deadline.
    func pause(after attempt: Int) {
        let wanted = Duration.milliseconds(5 << min(attempt, 5))
        let left = deadline - .now
        guard left > .zero else { return }
        let (seconds, attoseconds) = min(wanted, left).components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Runs `step`, again after a pause each time it fails busy, until the
    /// deadline; then rethrows the last busy error. Any other error is rethrown at once.
    func run<T>(_ step: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try step()
            } catch  where Self.isBusy(error) && hasTimeLeft {
                pause(after: attempt)
                attempt += 1
            }
        }
    }
}
