/// One fault, failure or operation in force when a failing stretch began
/// (`DowntimeInterval.causes`): what kind of fault, what it hit, and where
/// the scenario asked for it. Kept as fields, not as the text, so that a
/// reader of the `downtime_cause` table or of a run's result can group and
/// filter by fault, target or entry without parsing what was printed.
public struct DowntimeCause: Hashable, Sendable {
    /// The scenario's entry that made the fault.
    public enum Origin: Hashable, Sendable {
        /// A scheduled fault, `faults[i]`. nil only for a cause read back
        /// from a row stored before causes had fields: its text never named
        /// the entry.
        case fault(Int?)
        /// A failure process, `failures[i]`.
        case failureProcess(Int)
        /// A master operation, `operations[i]`: while one of its steps runs,
        /// and for its aftermath (`Operations.inForce`).
        case operation(Int)
        /// An occurrence of a recurring procedure, `maintenance[i]`: while
        /// one of its steps runs, and for its aftermath.
        case maintenance(Int)

        /// Maintenance, as `seeds` and `sweep` split yearly downtime.
        public var isMaintenance: Bool {
            if case .maintenance = self { return true }
            return false
        }
    }

    /// The fault's kind as its `faultStart` event's detail names it, without
    /// the failure process's entry: `crash`, `zoneOutage`, `componentCrash
    /// kube-apiserver`, `clockStep forward 5s`.
    public var fault: String
    /// What it hit, as the `faultStart` event's entity names it:
    /// `master-b-1`, `zone/a`, `etcd/master-a-1`, `network`.
    public var target: String
    public var origin: Origin

    public init(fault: String, target: String, origin: Origin) {
        self.fault = fault
        self.target = target
        self.origin = origin
    }

    /// As printed and as the `downtime` table's `cause` column holds it:
    /// `crash master-b-1`, `zoneOutage zone/a (failures[1])`,
    /// `replaceMasters remove master-a-1 (operations[0])`. A scheduled
    /// fault's entry is left out, as it always was.
    public var text: String {
        let named = target.isEmpty ? fault : "\(fault) \(target)"
        switch origin {
        case .fault: return named
        case .failureProcess(let index): return "\(named) (failures[\(index)])"
        case .operation(let index): return "\(named) (operations[\(index)])"
        case .maintenance(let index): return "\(named) (maintenance[\(index)])"
        }
    }

    /// A list of causes as one text: joined by ", ", or `none` when empty.
    public static func text(of causes: [DowntimeCause]) -> String {
        causes.isEmpty ? DowntimeInterval.noCause : causes.map(\.text).joined(separator: ", ")
    }
}
