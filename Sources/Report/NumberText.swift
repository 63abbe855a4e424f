import Foundation

/// Numbers as the report prints them. Foundation's `String(format:)` formats
/// in the POSIX locale whatever the environment says, so the bytes do not
/// depend on where the report is made.
enum NumberText {
    /// A coordinate: one decimal is a tenth of a pixel, finer than any screen.
    static func coordinate(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = Int64(tenths) / 10, fraction = abs(Int64(tenths) % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// A measured value: whole numbers as such, others to six significant
    /// digits, as the command line's summary prints them; "n/a" when undefined.
    static func value(_ value: Double?) -> String {
        guard let value, !value.isNaN else { return "n/a" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
