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

    /// The longest delay a conversion from floating point gives (about 146
    /// years): half the representable range, so that an instant of the run
    /// (at most 100 years, the reader's limit) plus such a delay is still
    /// representable. Distribution samples and periods of tiny rates saturate
    /// here instead of trapping (docs/RELIABILITY.md, "Arithmetic").
    public static let longestDelay = SimDuration(nanoseconds: Int64.max / 2)

    /// Converts from floating-point seconds, rounding to the nearest nanosecond and
    /// saturating at the representable range (distribution samples can be huge).
    public init(seconds value: Double) {
        self.init(roundingNanoseconds: value * 1e9)
    }

    /// `value` nanoseconds rounded to the nearest, saturating at
    /// ±`longestDelay`; not-a-number (0 x infinity in a sample) is taken as
    /// the longest delay, i.e. never within a run.
    public init(roundingNanoseconds value: Double) {
        let ns = value.rounded()
        if ns.isNaN || ns >= 4.6e18 { nanoseconds = Int64.max / 2 } else if ns <= -4.6e18 { nanoseconds = Int64.min / 2 } else { nanoseconds = Int64(ns) }
    }

    /// The time between events of a steady rate per second (a client's
    /// requests, the write probe, a token bucket), to the nanosecond and at
    /// least 1 ns; a rate so small that its period passes `longestDelay`
    /// gives `longestDelay`, i.e. no event within any run.
    public static func period(perSecond rate: Double) -> SimDuration {
        let period = SimDuration(roundingNanoseconds: 1e9 / rate)
        return period.nanoseconds < 1 ? .nanoseconds(1) : period
    }

    /// Floating-point seconds, for metrics and distribution parameters only.
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    // Saturating rather than trapping: no value the reader accepts can stop a
    // run with a trap (a heartbeat interval of decades times ten, a sum of two
    // saturated samples). Within the representable range the result is the
    // exact sum, so no run's events move.
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds.saturatingAdd(b.nanoseconds)) }
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds.saturatingSubtract(b.nanoseconds)) }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds.saturatingMultiply(k)) }
    @inlinable public static func += (a: inout SimDuration, b: SimDuration) { a = a + b }
    @inlinable public static func -= (a: inout SimDuration, b: SimDuration) { a = a - b }
}

extension SimDuration: CustomStringConvertible {
    public var description: String { DurationText.format(self) }
}

extension Int64 {
    // Written with wrapping operators and a sign test rather than
    // `addingReportingOverflow`'s tuple, which the 6.3 optimiser crashes on
    // when inlined into some callers (a SIL verification failure).

    /// `self + other`, clamped to the representable range instead of trapping.
    @inlinable public func saturatingAdd(_ other: Int64) -> Int64 {
        let sum = self &+ other
        // Overflow: both operands have the same sign and the sum the other.
        if (self ^ sum) & (other ^ sum) < 0 { return other > 0 ? .max : .min }
        return sum
    }

    /// `self - other`, clamped to the representable range instead of trapping.
    @inlinable public func saturatingSubtract(_ other: Int64) -> Int64 {
        let difference = self &- other
        // Overflow: the operands have different signs and the result has the subtrahend's.
        if (self ^ other) & (self ^ difference) < 0 { return other < 0 ? .max : .min }
        return difference
    }

    /// `self * other`, clamped to the representable range instead of trapping.
    @inlinable public func saturatingMultiply(_ other: Int64) -> Int64 {
        let product = multipliedFullWidth(by: other)
        let low = Int64(bitPattern: product.low)
        // Fits when the high half is the low half's sign extension.
        if product.high == (low < 0 ? -1 : 0) { return low }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
