/// Decimal text for the SLO's names and messages, without Foundation's
/// `String(format:)` (the model layers stay pure): rounded to a number of
/// decimals by arithmetic, printed by Swift's shortest exact description,
/// trailing zeros dropped unless `trim` is false. `rounded(99.94999999999999,
/// decimals: 8)` is "99.95"; `rounded(60, decimals: 4)` is "60";
/// `rounded(24, decimals: 1, trim: false)` is "24.0"; halves round away from zero.
enum DecimalText {
    static func rounded(_ value: Double, decimals: Int, trim: Bool = true) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = (value * scale).rounded()
        guard abs(units) < 1e15 else { return "\(value)" }
        let whole = Int64(units)
        let step = Int64(scale)
        let integer = whole / step, fraction = abs(whole % step)
        let sign = whole < 0 && integer == 0 ? "-" : ""
        guard decimals > 0, fraction > 0 || !trim else { return "\(sign)\(integer)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: decimals - digits.count) + digits
        while trim && digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(integer).\(digits)"
    }
}
