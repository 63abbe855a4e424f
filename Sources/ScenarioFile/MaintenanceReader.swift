import SimKernel
import Simulation
import Yams

/// `maintenance`: procedures that recur on a schedule over the run, such as
/// a monthly control-plane upgrade. Each entry names one procedure, as an
/// `operations[]` entry does, and when it recurs; its occurrences are
/// resolved before the run into operations (`MasterOperation.Entry.maintenance`),
/// which run one at a time among the scenario's own operations.
///
/// The schedule is fixed, not drawn: an upgrade window is a calendar entry,
/// and a fixed schedule keeps the masters' names known before the run. The
/// run starts on a Monday at 00:00, which `at.weekday` counts from.
extension ScenarioParser {
    static let maintenanceProcedures = ["upgradeMasters", "replaceMasters", "upgradeWorkers", "drainNode"]
    static let maintenanceKeys = ["every", "first", "at"] + maintenanceProcedures
    static let maintenanceWindowKeys = ["weekday", "hour"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    /// Enough for an hourly procedure over a year; more is a mistake.
    static let maintenanceOccurrenceLimit = 10_000

    static func maintenanceItems(_ node: Node, duration: SimDuration, _ reader: YAMLReader) throws(ScenarioError) -> [OperationItem] {
        var items: [OperationItem] = []
        for (index, item) in try reader.sequence(node, "maintenance").enumerated() {
            let path = "maintenance[\(index)]"
            let fields = try reader.mapping(item, path, allowed: maintenanceKeys, what: "a recurring procedure such as {every: 30d, upgradeMasters: {}}")
            let kinds = fields.entries.filter { maintenanceProcedures.contains($0.key) }
            guard kinds.count == 1, let (kind, _, value) = kinds.first else {
                let problem = kinds.isEmpty ? "missing the procedure" : "more than one procedure"
                throw reader.error(at: item, path, "\(problem); expected exactly one of \(maintenanceProcedures.joined(separator: ", "))")
            }
            let every = try reader.positiveDuration(fields, "every")
            var first = every
            if let node = fields["first"] { first = try reader.duration(node, fields.path("first")) }
            let window = try fields["at"].map { node throws(ScenarioError) in try maintenanceWindow(node, fields.path("at"), reader) }
            // Refused before counting, so that a window which folds many
            // nominal occurrences into one cannot make the count endless.
            let nominalCount = first < duration ? (duration - first).nanoseconds / every.nanoseconds + 1 : 0
            guard nominalCount <= Int64(maintenanceOccurrenceLimit) else {
                throw reader.error(
                    at: fields["every"]!, fields.path("every"),
                    "every \(every) makes more than \(maintenanceOccurrenceLimit) occurrences in \(duration); expected a longer period")
            }
            var occurrences: [SimDuration] = []
            var nominal = first
            while nominal < duration {
                let at = window?.next(atOrAfter: nominal) ?? nominal
                if at >= duration { break }
                // A window longer than the period (weekly windows, a daily
                // schedule) would meet the same window twice.
                if at != occurrences.last { occurrences.append(at) }
                nominal = nominal + every
            }
            for at in occurrences {
                items.append(
                    OperationItem(
                        at: at, kind: kind, value: value, item: item, path: path, kindPath: fields.path(kind), graceful: false,
                        entry: MasterOperation.Entry(index: index, kind: kind, maintenance: true)))
            }
        }
        return items
    }

    /// `at: {weekday: sun, hour: 2}`: each occurrence waits for the next
    /// such hour (any day without `weekday`).
    static func maintenanceWindow(_ node: Node, _ path: String, _ reader: YAMLReader) throws(ScenarioError) -> MaintenanceWindow {
        let fields = try reader.mapping(node, path, allowed: maintenanceWindowKeys, what: "a window such as {weekday: sun, hour: 2}")
        var window = MaintenanceWindow()
        if let node = fields["weekday"] {
            let name = try reader.string(node, fields.path("weekday"), what: "a weekday")
            guard let day = weekdays.firstIndex(of: name) else { throw unknownName("weekday", name, known: weekdays, at: node, fields.path("weekday"), reader) }
            window.weekday = day
        }
        if let node = fields["hour"] { window.hour = try reader.count(node, fields.path("hour"), minimum: 0, maximum: 23) }
        return window
    }
}

/// A recurring window: an hour of the day, on one weekday or on every day,
/// counted from the run's start (a Monday at 00:00).
struct MaintenanceWindow {
    /// 0 for Monday; nil: every day.
    var weekday: Int?
    var hour = 0

    /// The first start of the window at or after `time`.
    func next(atOrAfter time: SimDuration) -> SimDuration {
        let hourNanoseconds = SimDuration.hours(1).nanoseconds
        let day = 24 * hourNanoseconds
        let cycle = weekday == nil ? day : 7 * day
        let offset = Int64(weekday ?? 0) * day + Int64(hour) * hourNanoseconds
        let t = time.nanoseconds
        // The window's start in the cycle that holds `time`, or the next one.
        var start = (t - offset).floorDivided(by: cycle) * cycle + offset
        if start < t { start += cycle }
        return SimDuration(nanoseconds: start)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
