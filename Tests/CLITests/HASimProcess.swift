import Foundation

/// Runs the built `hasim` binary for the end-to-end tests, which share it.
enum HASimProcess {
    /// The package root, found from this file's place in Tests/CLITests.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/CLITests/Fixtures")

    /// A scenario of the checked-in library, by file name.
    static func scenario(_ name: String) -> String {
        root.appendingPathComponent("Scenarios/\(name)").path
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary built beside the test bundle.
    static var binary: URL {
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("hasim"), products.deletingLastPathComponent().appendingPathComponent("hasim")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}

/// Runs `hasim` with these arguments and collects its exit status and output.
func hasim(_ arguments: String...) throws -> HASimProcess.Outcome {
    try hasim(arguments)
}

/// Runs `hasim` with an argument array.
func hasim(_ arguments: [String]) throws -> HASimProcess.Outcome {
    let process = Process()
    process.executableURL = HASimProcess.binary
    process.arguments = arguments
    // Standard error goes to a file, not a second pipe: reading one pipe to
    // its end while the other fills (64 KB, e.g. 152 located errors) would
    // leave hasim blocked on its write and the test waiting forever.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let err = try FileHandle(forWritingTo: errorFile)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try err.close()
    let stderr = try Data(contentsOf: errorFile)
    return HASimProcess.Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}
