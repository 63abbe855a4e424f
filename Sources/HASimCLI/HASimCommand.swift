import ArgumentParser

/// `hasim`: the root command. Subcommands do the work.
public struct HASimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hasim",
        abstract: "Deterministic discrete-event simulator of highly-available Kubernetes control planes.",
        discussion: """
            Exit codes: 0 success; 1 an expectation failed (check); 2 invalid input \
            (a scenario file with an error); 3 the results database could not be written.
            """,
        version: ToolVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, ValidateCommand.self, AnalyzeCommand.self, SeedsCommand.self, SweepCommand.self, MergeCommand.self, BenchCommand.self])

    public init() {}
}
