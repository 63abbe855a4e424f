import Foundation
import Testing

/// The command line's usage errors: exit 64, a message that says what is wrong.
@Suite struct UsageTests {
    static let crashRestart = HASimProcess.scenario("master-crash-restart.yaml")

    @Test func aNegativeSeedSaysSoInsteadOfMissingValue() throws {
        for arguments in [
            ["run", Self.crashRestart, "--seed", "-1"], ["check", Self.crashRestart, "--seed", "-1"], ["seeds", Self.crashRestart, "--from", "-5"],
        ] {
            let outcome = try hasim(arguments)
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("is invalid for '--\(arguments[2].dropFirst(2))"))
            #expect(outcome.stderr.contains("a seed cannot be negative; expected a whole number from 0 to 9223372036854775807"))
            #expect(!outcome.stderr.contains("Missing value"))
        }
        let word = try hasim("run", Self.crashRestart, "--seed", "ten")
        #expect(word.status == 64)
        #expect(word.stderr.contains("The value 'ten' is invalid for '--seed <seed>': expected a whole number from 0 to 9223372036854775807"))
    }

    @Test func aMistypedCommandGetsTheNearestOne() throws {
        let outcome = try hasim("chek", Self.crashRestart)
        #expect(outcome.status == 64)
        #expect(
            outcome.stderr.hasPrefix(
                "Error: unknown command 'chek'; did you mean 'check'? Commands: run, check, validate, analyze, init, seeds, sweep, advise, merge, bench, report."
            ))
        let far = try hasim("frobnicate")
        #expect(far.status == 64)
        #expect(
            far.stderr.hasPrefix(
                "Error: unknown command 'frobnicate'. Commands: run, check, validate, analyze, init, seeds, sweep, advise, merge, bench, report."))
    }

    @Test func helpShowsCleanDefaults() throws {
        let help = try hasim("seeds", "--help")
        #expect(help.status == 0)
        #expect(!help.stdout.contains("SeedArgument"))
        #expect(help.stdout.contains("First seed. (default: 1)"))
        #expect(help.stdout.contains("(default: one per core)"))
        let root = try hasim("--help")
        #expect(root.stdout.contains("64 a usage error"))
        #expect(root.stdout.contains("--generate-completion-script"))
    }

    @Test func completionScriptsAreGenerated() throws {
        let bash = try hasim("--generate-completion-script", "bash")
        #expect(bash.status == 0)
        #expect(bash.stdout.contains("hasim"))
        #expect(bash.stdout.contains("validate"))
    }
}
