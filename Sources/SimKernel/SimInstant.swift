/// A point in virtual time: nanoseconds since the start of the run.
///
/// Distinct from `SimDuration` so that the type checker refuses to add two
/// instants or to pass an instant where a span is meant.
public struct SimInstant: Hashable, Comparable, Sendable {
    public var nanosecondsSinceStart: Int64

    @inlinable public init(nanosecondsSinceStart: Int64) { self.nanosecondsSinceStart = nanosecondsSinceStart }

    public static let start = SimInstant(nanosecondsSinceStart: 0)

    /// The instant `duration` after the start of the run.
    @inlinable public init(_ duration: SimDuration) { self.nanosecondsSinceStart = duration.nanoseconds }

    /// Time since the start of the run.
    @inlinable public var sinceStart: SimDuration { SimDuration(nanoseconds: nanosecondsSinceStart) }

    @inlinable public static func < (a: SimInstant, b: SimInstant) -> Bool { a.nanosecondsSinceStart < b.nanosecondsSinceStart }
    // Saturating, as SimDuration's operators are: an instant "never" (a
    // saturated delay after now) stays the latest instant instead of trapping.
    @inlinable public static func + (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(nanosecondsSinceStart: a.nanosecondsSinceStart.saturatingAdd(d.nanoseconds)) }
    @inlinable public static func - (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(nanosecondsSinceStart: a.nanosecondsSinceStart.saturatingSubtract(d.nanoseconds)) }
    @inlinable public static func - (a: SimInstant, b: SimInstant) -> SimDuration { SimDuration(nanoseconds: a.nanosecondsSinceStart.saturatingSubtract(b.nanosecondsSinceStart)) }
    @inlinable public static func += (a: inout SimInstant, d: SimDuration) { a = a + d }
}

extension SimInstant: CustomStringConvertible {
    /// Printed as the time since the start, e.g. `t+1h30m`.
    public var description: String { "t+" + DurationText.format(sinceStart) }
}
