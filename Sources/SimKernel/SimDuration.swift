/// A span of virtual time in whole nanoseconds.
///
/// Time in the model is integer nanoseconds so that the same scenario and seed
/// always give the same event order: no floating-point rounding can reorder two
/// events (DESIGN.md §2). Int64 nanoseconds cover ±292 years.
public struct SimDuration: Hashable, Comparable, Sendable {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimDuration(nanoseconds: 0)
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    @inlinable public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    @inlinable public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000) }
    @inlinable public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000) }
    @inlinable public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * nanosecondsPerSecond) }
    @inlinable public static func minutes(_ n: Int64) -> SimDuration { .seconds(n * 60) }
    @inlinable public static func hours(_ n: Int64) -> SimDuration { .seconds(n * 3_600) }
    @inlinable public static func days(_ n: Int64) -> SimDuration { .seconds(n * 86_400) }

    /// Converts from floating-point seconds, rounding to the nearest nanosecond and
    /// saturating at the representable range (distribution samples can be huge).
    public init(seconds value: Double) {
        let ns = (value * 1e9).rounded()
        if ns >= 9.2e18 { nanoseconds = Int64.max / 2 } else if ns <= -9.2e18 { nanoseconds = Int64.min / 2 } else { nanoseconds = Int64(ns) }
    }

    /// Floating-point seconds, for metrics and distribution parameters only.
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds + b.nanoseconds) }
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds) }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds * k) }
    @inlinable public static func += (a: inout SimDuration, b: SimDuration) { a.nanoseconds += b.nanoseconds }
    @inlinable public static func -= (a: inout SimDuration, b: SimDuration) { a.nanoseconds -= b.nanoseconds }
}

extension SimDuration: CustomStringConvertible {
    public var description: String { DurationText.format(self) }
}
