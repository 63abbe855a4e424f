import ArgumentParser
import ScenarioFile

/// `hasim`: the root command. Subcommands do the work.
public struct HASimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hasim",
        abstract: "Deterministic discrete-event simulator of highly-available Kubernetes control planes.",
        discussion: """
            Exit codes: 0 success; 1 an expectation failed (check, seeds --check) or a warning \
            named by analyze --fail-on was found; 2 invalid input \
            (a scenario file with an error, or seeds already stored); 3 the results database \
            could not be written; 64 a usage error (an unknown command or option, a bad value).
            Shell completion: hasim --generate-completion-script bash|zsh|fish.
            """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, CheckCommand.self, ValidateCommand.self, AnalyzeCommand.self, InitCommand.self, SeedsCommand.self, SweepCommand.self,
            AdviseCommand.self, MergeCommand.self, BenchCommand.self, ReportCommand.self,
        ])

    public init() {}

    /// Runs the command line. A mistyped command gets the nearest one as a
    /// suggestion, exiting 64 as every other usage error does.
    public static func mainSuggestingCommands(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            var message = "unknown command '\(first)'."
            if let near = NearestName.suggestion(for: first, among: names) { message = "unknown command '\(first)'; did you mean '\(near)'?" }
            exit(withError: ValidationError(message + " Commands: \(names.dropLast().joined(separator: ", "))."))
        }
        main(arguments)
    }
}
