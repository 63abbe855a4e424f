import Foundation
import Simulation

/// Reads scenario files from disk; the only place in the module that touches files.
public enum ScenarioLoader {
    public struct Loaded: Sendable {
        public var scenario: Scenario
        /// The file's bytes, kept to hash them for the run record.
        public var contents: Data
        public var path: String
        /// The `--set` overrides applied, as (key path, value as JSON), in order.
        public var overrides: [(path: String, json: String)] = []
    }

    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioError) -> Loaded {
        do {
            return try loadReportingAll(path: path, overrides: overrides)
        } catch {
            throw error.all[0]
        }
    }

    /// As `load`, but throws every mistake of the file (`hasim validate`).
    public static func loadReportingAll(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Loaded {
        let data: Data
        do {
            data = try read(path)
        } catch {
            throw ScenarioErrors([error])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors([ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "the file is not UTF-8 text")])
        }
        guard !overrides.isEmpty else {
            return Loaded(scenario: try ScenarioParser.parseReportingAll(text, file: path), contents: data, path: path)
        }
        do {
            let root = try ScenarioParser.compose(text, file: path, what: "a scenario mapping with name and topology")
            let scenario = try ScenarioOverride.parse(root, file: path, overrides: overrides)
            return Loaded(scenario: scenario, contents: data, path: path, overrides: overrides.map { ($0.path, $0.valueJSON) })
        } catch {
            throw ScenarioErrors([error])
        }
    }

    /// A file's text and bytes (a scenario or a sweep file), or a located
    /// error saying why it cannot be read.
    static func read(path: String) throws(ScenarioError) -> (String, Data) {
        let data = try read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "the file is not UTF-8 text")
        }
        return (text, data)
    }

    /// The file's bytes, or an error saying why they cannot be read: missing,
    /// a folder, not a regular file (a FIFO, a device, a socket), not
    /// permitted, or larger than any scenario.
    static func read(_ path: String) throws(ScenarioError) -> Data {
        func failure(_ reason: String) -> ScenarioError {
            ScenarioError(file: path, line: 1, column: 1, keyPath: "", message: "cannot read the file: \(reason); expected a readable scenario file")
        }
        guard !path.isEmpty else { throw failure("no such file") }
        // Opened without blocking and checked on the descriptor, not the
        // name: a FIFO would block open() until a writer came, forever, and a
        // check by name could be raced by a rename. Only a regular file is read.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw failure("no such file")
            case EACCES, EPERM: throw failure("permission denied")
            default: throw failure("it cannot be opened")
            }
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("it cannot be opened") }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("it is a folder")
        case S_IFIFO: throw failure("it is a FIFO (named pipe), not a regular file")
        case S_IFCHR, S_IFBLK: throw failure("it is a device, not a regular file")
        default: throw failure("it is not a regular file")
        }
        // Read one byte past the limit rather than trusting the size, so
        // devices and pipes are bounded too.
        let limit = ScenarioLimits.fileBytes
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw failure("reading failed (\((error as NSError).localizedDescription))")
        }
        guard data.count <= limit else { throw failure("it is larger than \(limit / 1024) KiB, the most a scenario may be") }
        return data
    }
}
