import ArgumentParser
import Foundation

/// `check --fail-if RULE`: when an expectation judged over many seeds fails
/// the gate. `any` (the default) fails it on one failing seed;
/// `fraction > 1%` tolerates a rare failure, for an expectation on a tail
/// the user accepts (a p99 rather than a worst case); `count > 2` the same
/// as a number of seeds.
enum FailRule: Equatable, CustomStringConvertible {
    case any
    /// Fails when more than this fraction (0 to 1) of the seeds fail.
    case fractionAbove(Double)
    /// Fails when more than this many seeds fail.
    case countAbove(Int)

    /// Whether `failed` failing seeds out of `runs` fail the gate.
    func fails(failed: Int, of runs: Int) -> Bool {
        switch self {
        case .any: return failed > 0
        case .fractionAbove(let limit): return runs > 0 && Double(failed) / Double(runs) > limit
        case .countAbove(let limit): return failed > limit
        }
    }

    var description: String {
        switch self {
        case .any: return "any"
        case .fractionAbove(let limit): return "fraction > \(Self.percent(limit))"
        case .countAbove(let limit): return "count > \(limit)"
        }
    }

    /// "1%", "0.5%": a fraction written as the user would.
    static func percent(_ fraction: Double) -> String {
        String(format: "%g%%", fraction * 100)
    }

    /// `any`, `fraction > P` (P as `1%` or `0.01`) or `count > N`; spaces optional.
    static func parse(_ text: String) throws -> FailRule {
        let compact = text.filter { !$0.isWhitespace }
        if compact == "any" { return .any }
        let expected = "expected any, 'fraction > 1%' (or a fraction such as 0.01) or 'count > 2'"
        if compact.hasPrefix("fraction>") {
            let value = compact.dropFirst("fraction>".count)
            let number = value.hasSuffix("%") ? Double(value.dropLast()).map { $0 / 100 } : Double(value)
            guard let number, number >= 0, number < 1 else {
                throw ValidationError("--fail-if \(text): the fraction must be from 0 (inclusive) to 100% (exclusive); \(expected)")
            }
            return .fractionAbove(number)
        }
        if compact.hasPrefix("count>") {
            guard let number = Int(compact.dropFirst("count>".count)), number >= 0 else {
                throw ValidationError("--fail-if \(text): the count must be a whole number, 0 or more; \(expected)")
            }
            return .countAbove(number)
        }
        throw ValidationError("--fail-if \(text): unknown rule; \(expected)")
    }
}
