import ArgumentParser

/// The command line's exit codes, documented in `hasim --help` and the README.
enum ExitCodes {
    /// An expectation did not hold (`hasim check`, `seeds --check`), or
    /// `analyze --fail-on` found a warning it names.
    static let expectationFailed = ExitCode(1)
    /// A scenario file is invalid, or cannot be read.
    static let invalidInput = ExitCode(2)
    /// The results database could not be opened or written.
    static let storeFailed = ExitCode(3)
}
