/// The part of a run a report shows (`--from 9m --to 12m`), in nanoseconds
/// since the start of the run. Checked against the run, so a window that
/// shows nothing is an error with one line, not an empty picture.
public struct ReportWindow: Equatable, Sendable {
    public var from: Int64
    public var to: Int64

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The window `[from, to)` of a run lasting `duration` nanoseconds;
    /// either end may be omitted (the start, the end of the run).
    public init(from: Int64?, to: Int64?, duration: Int64) throws(Problem) {
        let start = from ?? 0, end = to ?? duration
        guard start < duration else {
            throw Problem(description: "--from \(TimeText.format(start)) is not before the end of the run (\(TimeText.format(duration)))")
        }
        guard end > start else {
            throw Problem(description: "--to \(TimeText.format(end)) must come after --from \(TimeText.format(start))")
        }
        self.from = start
        self.to = min(end, duration)
    }

    /// The whole run.
    public static func whole(duration: Int64) -> ReportWindow {
        ReportWindow(uncheckedFrom: 0, to: max(duration, 1))
    }

    private init(uncheckedFrom from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }
}
