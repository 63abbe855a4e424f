import ArgumentParser
import Foundation
import HASimCLI
import Testing

/// Every `hasim ...` command line that README.md and docs/TUTORIAL.md show
/// is one the command line accepts: parsed by the real command type, with
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

    @Test(arguments: ["README.md", "docs/TUTORIAL.md"])
    func everyCommandShownParses(document: String) throws {
        let commands = try Self.commandLines(in: document)
        #expect(commands.count >= 5, "\(document): expected its commands, found \(commands.count)")
        for words in commands {
            let arguments = Array(words.dropFirst())
            do {
                _ = try HASimCommand.parseAsRoot(arguments)
            } catch {
                let message = HASimCommand.message(for: error)
                // `--version` and `--help` end parsing by design, successfully.
                #expect(HASimCommand.exitCode(for: error) == .success, "\(document): `\(words.joined(separator: " "))`: \(message)")
            }
        }
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
