import ResultStore

/// The windows shaded across every lane of the timeline, all drawn alike
/// and named in the band above it: scheduled faults, failures of the
/// failure processes, and master operations.
///
/// Faults and failures come from the `event` table: the World records
/// `faultStart` and `faultEnd` with the same entity (what the fault hit) and
/// detail (its kind; a failure process's carries its entry, `crash
/// (failures[0])`), so they pair first-in first-out per (entity, detail). A
/// fault with no end (no `for:`) lasts to the end of the run. Operations are
/// read from the steps the World records for them (`OperationWindows`).
struct FaultWindow: Equatable {
    enum Category: String {
        case fault, failure, operation
    }

    var start: Int64
    var end: Int64
    var entity: String
    var kind: String
    var category: Category = .fault

    /// The name written in the band.
    var name: String {
        category == .fault ? "\(kind) \(entity)" : "\(category.rawValue): \(kind) \(entity)"
    }

    static func windows(events: [StoredRun.Event], runEnd: Int64) -> [FaultWindow] {
        var open: [String: [Int]] = [:]
        var windows: [FaultWindow] = []
        for event in events {
            let key = event.entity + "\u{0}" + event.detail
            switch event.recordedKind {
            case .faultStart:
                open[key, default: []].append(windows.count)
                let category: Category = event.detail.contains("(failures[") ? .failure : .fault
                windows.append(FaultWindow(start: event.timeNanoseconds, end: runEnd, entity: event.entity, kind: event.detail, category: category))
            case .faultEnd:
                if var pending = open[key], !pending.isEmpty {
                    windows[pending.removeFirst()].end = event.timeNanoseconds
                    open[key] = pending
                }
            default:
                continue
            }
        }
        return windows + OperationWindows.windows(events: events, runEnd: runEnd)
    }
}

/// Master operations as windows, from the steps the World records (the GCE
/// procedure, docs/EXTERNAL-ACCESS.md): adding a master runs from its first
/// step (`createLoadBalancer`, `replicateMaster` or `vmCreate` on the host)
/// to its etcd member starting (`memberStarted`) or the operation failing;
/// removing one from its etcd member's removal to the VM's deletion; a load
/// balancer's creation and removal from their start to their taking effect;
/// a worker's drain (`drainNode`) from `drainStarted` to its completion or
/// its timeout.
enum OperationWindows {
    static func windows(events: [StoredRun.Event], runEnd: Int64) -> [FaultWindow] {
        var windows: [FaultWindow] = []
        var adding: [String: Int] = [:]
        var removing: [String: Int] = [:]
        var loadBalancer: Int?
        var draining: [String: Int] = [:]
        func open(_ kind: String, _ entity: String, at time: Int64) -> Int {
            windows.append(FaultWindow(start: time, end: runEnd, entity: entity, kind: kind, category: .operation))
            return windows.count - 1
        }
        for event in events {
            let host = event.entity.hasPrefix("etcd/") ? String(event.entity.dropFirst("etcd/".count)) : event.entity
            switch event.recordedKind {
            case .createLoadBalancer, .replicateMaster, .vmCreate:
                if adding[host] == nil { adding[host] = open("addMaster", host, at: event.timeNanoseconds) }
            case .memberStarted, .operationFailed:
                if let index = adding.removeValue(forKey: host) { windows[index].end = event.timeNanoseconds }
            case .memberRemoved:
                if removing[host] == nil { removing[host] = open("removeMaster", host, at: event.timeNanoseconds) }
            case .vmDeleted:
                let index = removing.removeValue(forKey: host) ?? open("removeMaster", host, at: event.timeNanoseconds)
                windows[index].end = event.timeNanoseconds
            case .loadBalancerCreationStarted:
                loadBalancer = open("createLoadBalancer", "external-ip", at: event.timeNanoseconds)
            case .loadBalancerRemovalStarted:
                loadBalancer = open("removeLoadBalancer", "external-ip", at: event.timeNanoseconds)
            case .loadBalancerLive, .loadBalancerRemoved:
                if let index = loadBalancer { windows[index].end = event.timeNanoseconds }
                loadBalancer = nil
            case .drainStarted:
                if draining[host] == nil { draining[host] = open("drainNode", host, at: event.timeNanoseconds) }
            case .drainCompleted, .drainTimedOut:
                if let index = draining.removeValue(forKey: host) { windows[index].end = event.timeNanoseconds }
            default:
                continue
            }
        }
        return windows
    }
}
