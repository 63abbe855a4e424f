import Foundation

/// Writes a line to standard error, where every diagnostic goes so that
/// standard output stays clean for `--json`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
