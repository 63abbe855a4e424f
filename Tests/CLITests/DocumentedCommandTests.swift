import ArgumentParser
import Foundation
import HASimCLI
import Testing

/// Every `hasim ...` command line that README.md, docs/TUTORIAL.md and the
/// pages on CI gates, SLOs, reports and the commands show is one the command line
/// accepts: parsed by the real command type, with
/// its options and their values validated, so a renamed option or a
/// command that no longer exists fails here before a reader types it.
@Suite struct DocumentedCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The command lines of a Markdown document's code blocks (not its YAML
    /// blocks): each line, after an optional `$ ` or `swift run -c release `,
    /// that starts with `hasim `, up to a shell operator or comment.
    static func commandLines(in document: String) throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        var commands: [[String]] = []
        var inCode = false
        var inYAML = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                inYAML = !inCode && line.hasPrefix("```yaml")
                inCode.toggle()
                continue
            }
            guard inCode, !inYAML else { continue }
            var command = Substring(line)
            for prefix in ["$ ", "swift run -c release "] where command.hasPrefix(prefix) { command = command.dropFirst(prefix.count) }
            guard command.hasPrefix("hasim ") else { continue }
            commands.append(ShellWords.split(String(command)))
        }
        return commands
    }

    /// The documents whose commands are checked, with how many command
    /// lines each shows at least (so an extractor that finds none fails).
    static let documents: [(path: String, atLeast: Int)] = [
        ("README.md", 8), ("docs/TUTORIAL.md", 8), ("docs/CI-GATES.md", 2), ("docs/SLO.md", 2), ("docs/REPORTS.md", 4), ("docs/USER-GUIDE.md", 2),
        ("docs/DECIDING.md", 6),
    ]

    /// The `hasim ...` code spans of a document's prose (`hasim validate
    /// FILE`, `hasim seeds`), outside code blocks.
    static func inlineCommands(in document: String) throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        return MarkdownText.proseLines(text).flatMap { MarkdownText.pieces($0).code }.filter { $0.hasPrefix("hasim ") }
            .map { ShellWords.split(String($0)) }
    }

    @Test(arguments: documents.map(\.path))
    func everyCommandShownParses(document: String) throws {
        let commands = try Self.commandLines(in: document)
        let atLeast = Self.documents.first { $0.path == document }!.atLeast
        #expect(commands.count >= atLeast, "\(document): expected at least \(atLeast) commands, found \(commands.count)")
        for words in commands {
            let failure = Self.parseFailure(Array(words.dropFirst()))
            #expect(failure == nil, "\(document): `\(words.joined(separator: " "))`: \(failure ?? "")")
        }
    }

    /// Why the real command type refuses `arguments`, or nil when it takes
    /// them (`--version` and `--help` end parsing by design, successfully).
    static func parseFailure(_ arguments: [String]) -> String? {
        do {
            _ = try HASimCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return HASimCommand.exitCode(for: error) == .success ? nil : HASimCommand.message(for: error)
        }
    }

    /// A scenario, sweep or document a command names by its path in the
    /// repository (`Scenarios/...`, `docs/...`) exists, so a command copied
    /// from the page finds its file; files the reader writes first
    /// (`zone-loss.yaml`) and globs are not the repository's.
    @Test(arguments: documents.map(\.path))
    func everyRepositoryFileACommandNamesExists(document: String) throws {
        for words in try Self.commandLines(in: document) {
            for word in words where ["Scenarios/", "docs/", "Tests/", "Examples/"].contains(where: word.hasPrefix) && !word.contains("*") {
                #expect(
                    FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(word).path),
                    "\(document): `\(words.joined(separator: " "))` names \(word), which is not in the repository")
            }
        }
    }

    /// A command named in the prose of the README or the tutorial (`hasim
    /// seeds`) is a command hasim has, and one written with its arguments
    /// (`hasim report --latest --from 9m --to 12m`) parses as the code
    /// blocks' lines do. (The reference pages' prose shows synopses with
    /// `[--option VALUE]`, which are not command lines.)
    @Test(arguments: ["README.md", "docs/TUTORIAL.md"])
    func everyCommandNamedInTheProseExists(document: String) throws {
        let inline = try Self.inlineCommands(in: document)
        #expect(inline.count >= 2, "\(document): expected commands named in its prose, found \(inline.count)")
        for words in inline {
            let arguments = Array(words.dropFirst())
            if arguments.count == 1 {
                #expect(Self.subcommands.contains(arguments[0]), "\(document): `\(words.joined(separator: " "))`: no such command")
            } else {
                let failure = Self.parseFailure(arguments)
                #expect(failure == nil, "\(document): `\(words.joined(separator: " "))`: \(failure ?? "")")
            }
        }
    }

    static let subcommands = Set(HASimCommand.configuration.subcommands.map { $0._commandName })

    @Test func aCommandOrOptionThatDoesNotExistIsCaught() {
        #expect(Self.subcommands.isSuperset(of: ["run", "seeds", "sweep", "report", "check", "analyze", "validate", "init"]))
        #expect(!Self.subcommands.contains("simulate"))
        #expect(Self.parseFailure(["run", "s.yaml", "--report"]) == nil)
        #expect(Self.parseFailure(["run", "s.yaml", "--reportt"]) != nil)
        #expect(Self.parseFailure(["seeds", "s.yaml", "--count", "many"]) != nil)
    }

    @Test func theExtractorSplitsAsTheShellDoes() {
        #expect(
            ShellWords.split(#"hasim check z.yaml --set "faults[0].zoneOutage=$zone" --junit "zone-$zone.xml" || exit 1"#)
                == ["hasim", "check", "z.yaml", "--set", "faults[0].zoneOutage=$zone", "--junit", "zone-$zone.xml"])
        #expect(
            ShellWords.split("hasim run s.yaml --set 'topology.masters={a: 2, b: 2, c: 1}' | head -3")
                == ["hasim", "run", "s.yaml", "--set", "topology.masters={a: 2, b: 2, c: 1}"])
        #expect(ShellWords.split("hasim seeds s.yaml --count 20   # twenty seeds") == ["hasim", "seeds", "s.yaml", "--count", "20"])
        #expect(ShellWords.split(#"hasim report --latest > page.html"#) == ["hasim", "report", "--latest"])
    }
}

/// Splits one shell command line into words: single and double quotes
/// group, and an unquoted `|`, `;`, `&`, `>`, `<` or ` #` ends the command.
/// Variables are left as written; the parser sees them as plain values.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "|", ";", "&", ">", "<":
                if inWord { words.append(word) }
                return words
            case "#" where !inWord:
                return words
            default:
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
