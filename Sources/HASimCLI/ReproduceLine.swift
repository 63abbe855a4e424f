import Foundation

/// The command that runs one failing seed again, exactly: the scenario
/// file, every `--set` override and `--no-fast-forward` in the order given,
/// `--allow-long` when it was needed, the generated case (`--each` and
/// `--case`), and the seed. A line without the overrides would run another
/// scenario and, as often as not, pass. Arguments are quoted for a POSIX
/// shell, so the line can be pasted or run with `sh -c`.
struct ReproduceLine {
    var path: String
    var assignments: [String]
    var noFastForward: Bool
    var allowLong: Bool
    var suite: StandardSuite?
    var caseName: String?

    func arguments(seed: UInt64) -> [String] {
        var arguments = ["check", path] + assignments.flatMap { ["--set", $0] }
        if noFastForward { arguments.append("--no-fast-forward") }
        if allowLong { arguments.append("--allow-long") }
        if let suite, let caseName { arguments += ["--each", suite.description, "--case", caseName] }
        return arguments + ["--seed", String(seed)]
    }

    func line(seed: UInt64) -> String {
        (["hasim"] + arguments(seed: seed)).map(Self.quoted).joined(separator: " ")
    }

    /// The argument as a POSIX shell reads it back: bare when it holds only
    /// characters no shell treats specially, else in single quotes (a quote
    /// inside written as '\'').
    static func quoted(_ argument: String) -> String {
        let plain = argument.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": return true
            default: return "_-./=:@%+,".unicodeScalars.contains(scalar)
            }
        }
        if plain, !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
