import Foundation
import Testing

@testable import HASimCLI

/// The progress line of `hasim seeds` and `hasim sweep`, through its writer:
/// what reaches standard error on a terminal and off it.
@Suite struct ProgressWriterTests {
    /// Collects what the progress writes, in order.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []

        func append(_ text: String) {
            lock.lock()
            parts.append(text)
            lock.unlock()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return parts.joined()
        }
    }

    /// On a terminal `seeds` redraws one line in place (carriage return and
    /// erase to the end of the line) and ends it when the runs are done.
    @Test func seedsRedrawsOneLineOnATerminal() throws {
        let captured = Captured()
        let progress = try #require(SweepProgress.onTerminal(total: 3, terminal: true, write: captured.append))
        progress.finished(failedExpectation: false)
        progress.finished(failedExpectation: true)
        progress.finished(failedExpectation: false)
        progress.end()
        let text = captured.text
        // The last run always shows: 3 of 3, one of them failing.
        #expect(text.hasPrefix("\r\u{1B}[K"))
        #expect(text.contains("\r\u{1B}[K3/3 runs, "))
        #expect(text.hasSuffix(" runs/s, ETA 0s, 1 failing an expectation\n"))
        #expect(text.components(separatedBy: "\n").count == 2)
    }

    /// Off a terminal (a pipe, a log file) `seeds` shows nothing at all.
    @Test func seedsIsSilentOffATerminal() {
        #expect(SweepProgress.onTerminal(total: 3, terminal: false, write: { _ in Issue.record("wrote to a pipe") }) == nil)
    }

    /// A sweep off a terminal writes plain lines instead, for logs.
    @Test func aSweepWritesPlainLinesOffATerminal() {
        let captured = Captured()
        let progress = SweepProgress(total: 2, terminal: false, write: captured.append)
        progress.finished(failedExpectation: false)
        progress.finished(failedExpectation: false)
        progress.end()
        #expect(!captured.text.contains("\r"))
        #expect(captured.text.hasPrefix("2/2 runs, ") || captured.text.contains("\n2/2 runs, "))
        #expect(captured.text.hasSuffix(", 0 failing an expectation\n"))
    }

    /// `hasim seeds` with standard error on a pseudo-terminal (util-linux's
    /// `script`, in every Debian) draws its progress line there, redrawn in
    /// place and ended once, while the summary goes to standard output.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func seedsOnAPseudoTerminalShowsItsProgress() throws {
        let command = "\(HASimProcess.binary.path) seeds \(HASimProcess.scenario("master-crash-restart.yaml")) --count 3 --jobs 1 >/dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let terminal = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(terminal)")
        #expect(terminal.hasPrefix("\r\u{1B}[K"), "\(terminal.debugDescription)")
        #expect(terminal.contains("\r\u{1B}[K3/3 runs, "), "\(terminal.debugDescription)")
        // The terminal turns the one final newline into CR LF.
        #expect(terminal.hasSuffix(", 0 failing an expectation\r\n"), "\(terminal.debugDescription)")
        #expect(terminal.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 1, "one line, redrawn: \(terminal.debugDescription)")
    }

    /// `hasim seeds` piped (as every process test runs it) prints no progress.
    @Test func seedsThroughAPipeHasNoProgressOnStandardError() throws {
        let outcome = try hasim("seeds", HASimProcess.scenario("master-crash-restart.yaml"), "--count", "3", "--jobs", "1")
        #expect(outcome.status == 0)
        #expect(!outcome.stderr.contains("runs/s"))
    }
}
