import ResultStore

/// When each fault held, from the `event` table: the World records
/// `faultStart` and `faultEnd` with the same entity (what the fault hit) and
/// detail (its kind), so they pair first-in first-out per (entity, detail).
/// A fault with no end (no `for:`) lasts to the end of the run.
struct FaultWindow: Equatable {
    var start: Int64
    var end: Int64
    var entity: String
    var kind: String

    static func windows(events: [StoredRun.Event], runEnd: Int64) -> [FaultWindow] {
        var open: [String: [Int]] = [:]
        var windows: [FaultWindow] = []
        for event in events {
            let key = event.entity + "\u{0}" + event.detail
            switch event.kind {
            case "faultStart":
                open[key, default: []].append(windows.count)
                windows.append(FaultWindow(start: event.timeNanoseconds, end: runEnd, entity: event.entity, kind: event.detail))
            case "faultEnd":
                if var pending = open[key], !pending.isEmpty {
                    windows[pending.removeFirst()].end = event.timeNanoseconds
                    open[key] = pending
                }
            default:
                continue
            }
        }
        return windows
    }
}
