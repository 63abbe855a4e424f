/// Human duration text: `250ms`, `1.5s`, `20m`, `1h30m`, `7d`.
///
/// A duration is one or more `<number><unit>` parts with units in strictly
/// decreasing size (`1h30m`, not `30m1h`); numbers may carry a decimal
/// fraction, which is converted exactly (no floating point), down to the
/// nanosecond. Printing gives the canonical form, which parses back to the same
/// value.
public enum DurationText {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var problem: String
        public init(text: String, problem: String) {
            self.text = text
            self.problem = problem
        }
        public var description: String {
            "bad duration \"\(text)\": \(problem); expected a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 1h30m"
        }
    }

    /// Units from largest to smallest, with their length in nanoseconds.
    static let units: [(name: String, nanoseconds: Int64)] = [
        ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
        ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000), ("ns", 1),
    ]

    public static func parse(_ text: String) throws(ParseError) -> SimDuration {
        func fail(_ problem: String) -> ParseError { ParseError(text: text, problem: problem) }
        let chars = Array(text.unicodeScalars)
        if chars.isEmpty { throw fail("it is empty") }
        if text == "0" { return .zero }
        var index = 0
        var total: Int64 = 0
        var lastUnitRank = -1
        while index < chars.count {
            var whole: Int64 = 0
            var fraction: Int64 = 0
            var fractionDigits = 0
            var sawDigit = false
            while index < chars.count, let digit = digitValue(chars[index]) {
                let (w, overflow) = whole.multipliedReportingOverflow(by: 10)
                if overflow || w > Int64.max - digit { throw fail("it is too large") }
                whole = w + digit
                sawDigit = true
                index += 1
            }
            if index < chars.count, chars[index] == "." {
                index += 1
                while index < chars.count, let digit = digitValue(chars[index]) {
                    if fractionDigits < 18 { fraction = fraction * 10 + digit; fractionDigits += 1 }
                    sawDigit = true
                    index += 1
                }
            }
            if !sawDigit {
                // A lone "." (as in "1s.") leaves nothing to look at; found by the fuzzer.
                if index >= chars.count { throw fail("\".\" has no digits") }
                if chars[index] == "-" { throw fail("it is negative") }
                throw fail("\"\(String(String.UnicodeScalarView(chars[index...])))\" does not start with a number")
            }
            var unitText = ""
            while index < chars.count, chars[index].properties.isAlphabetic || chars[index] == "µ" {
                unitText.unicodeScalars.append(chars[index])
                index += 1
            }
            if unitText == "µs" { unitText = "us" }
            if unitText.isEmpty { throw fail("a number has no unit") }
            guard let rank = units.firstIndex(where: { $0.name == unitText }) else {
                throw fail("unknown unit \"\(unitText)\"")
            }
            if rank <= lastUnitRank { throw fail("units must go from largest to smallest, each once") }
            lastUnitRank = rank
            let unit = units[rank].nanoseconds
            let (wholePart, overflow) = whole.multipliedReportingOverflow(by: unit)
            if overflow { throw fail("it is too large") }
            var divisor: Int64 = 1
            for _ in 0..<fractionDigits { divisor *= 10 }
            // fraction < divisor <= 10^18 and unit <= 8.64e13: split to stay exact and in range.
            let fractionPart = (fraction / divisor) * unit + multiplyDivide(fraction % divisor, unit, divisor)
            let (sum, overflow2) = total.addingReportingOverflow(wholePart)
            if overflow2 || sum > Int64.max - fractionPart { throw fail("it is too large") }
            total = sum + fractionPart
        }
        return SimDuration(nanoseconds: total)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int64? {
        (48...57).contains(scalar.value) ? Int64(scalar.value - 48) : nil
    }

    /// (a * b) / c rounded down, without overflowing for a < c <= 10^18, b <= 8.64e13.
    private static func multiplyDivide(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        let product = a.multipliedFullWidth(by: b)
        return c.dividingFullWidth(product).quotient
    }

    /// The canonical text of a duration: days, hours and minutes as whole parts,
    /// then seconds with a decimal fraction (`1h30m0.5s`); spans under a second
    /// use the largest sub-second unit (`250ms`, `1.5ms`).
    public static func format(_ duration: SimDuration) -> String {
        var ns = duration.nanoseconds
        if ns == 0 { return "0s" }
        var text = ""
        if ns < 0 {
            text = "-"
            ns = ns == Int64.min ? Int64.max : -ns
        }
        if ns < 1_000_000_000 {
            for (name, size) in units[4...] where ns >= size {
                return text + decimal(ns, unit: size) + name
            }
        }
        for (name, size) in units[0..<3] where ns >= size {
            text += "\(ns / size)\(name)"
            ns %= size
        }
        if ns > 0 { text += decimal(ns, unit: 1_000_000_000) + "s" }
        return text
    }

    /// `value / unit` as a trimmed decimal, exact because unit is a power of ten.
    private static func decimal(_ value: Int64, unit: Int64) -> String {
        let whole = value / unit
        var rest = value % unit
        if rest == 0 { return "\(whole)" }
        var digits = ""
        var scale = unit / 10
        while rest > 0 {
            digits += "\(rest / scale)"
            rest %= scale
            scale /= 10
        }
        return "\(whole).\(digits)"
    }
}
