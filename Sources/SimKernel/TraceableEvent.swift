/// An event the kernel can fold into the trace digest.
///
/// `traceCode` must depend only on the event's own content (its kind, target
/// and parameters), never on memory addresses or hash seeds, so that two runs
/// of the same scenario and seed produce the same digest.
public protocol TraceableEvent {
    var traceCode: UInt64 { get }
}
