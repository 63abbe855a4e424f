/// Turns the digits of a percentage into the fraction the user meant, by moving
/// the decimal point in the text rather than dividing in binary floating point:
/// `99.9` gives exactly the double nearest 0.999, as if 0.999 had been written.
enum PercentText {
    /// The fraction for `text` (the part before `%`), or nil when it is not a
    /// plain decimal such as `99.9`, `-5` or `+0.5` (exponents are left to division).
    static func fraction(_ text: String) -> Double? {
        var body = Substring(text.replacingUnderscores)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = String(first)
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let whole = String(repeating: "0", count: 2) + parts[0]
        let fractional = parts.count == 2 ? String(parts[1]) : ""
        let shifted = "\(sign)\(whole.dropLast(2)).\(whole.suffix(2))\(fractional)"
        return Double(shifted)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
