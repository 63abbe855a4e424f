import Foundation
import ScenarioFile
import Testing

/// docs/SCENARIOS.md is the complete reference of the scenario file: every
/// key the reader accepts has a row with its default and source, and no row
/// names a key the reader refuses. The accepted keys come from the readers'
/// own lists (`ScenarioKeys`), not from a copy kept here.
@Suite struct ScenarioReferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The rows of every table whose header starts with `key`: the backticked
    /// key paths of the first cell, with the row's cells.
    static func documentedRows() throws -> [(path: String, cells: [String])] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/SCENARIOS.md"), encoding: .utf8)
        var rows: [(String, [String])] = []
        var inKeyTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                inKeyTable = false
                continue
            }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "key" {
                inKeyTable = true
                continue
            }
            guard inKeyTable, let first = cells.first, !first.hasPrefix("---") else { continue }
            let path = first.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            rows.append((path, cells))
        }
        return rows
    }

    static var acceptedPaths: [String] { (ScenarioKeys.scenario + ScenarioKeys.sweep).flatMap(\.keyPaths) }

    @Test func everyKeyTheReaderAcceptsIsDocumented() throws {
        let documented = Set(try Self.documentedRows().map(\.path))
        let missing = Self.acceptedPaths.filter { !documented.contains($0) }
        #expect(missing.isEmpty, "docs/SCENARIOS.md has no row for: \(missing.joined(separator: ", "))")
    }

    @Test func everyDocumentedKeyIsAcceptedByTheReader() throws {
        let accepted = Set(Self.acceptedPaths)
        let unknown = try Self.documentedRows().map(\.path).filter { !accepted.contains($0) }
        #expect(unknown.isEmpty, "docs/SCENARIOS.md documents keys the reader refuses: \(unknown.joined(separator: ", "))")
    }

    @Test func everyDocumentedKeyHasADefaultAndAMeaning() throws {
        for row in try Self.documentedRows() {
            #expect(row.cells.count == 4, "\(row.path): expected the cells key, default, what it is, source")
            guard row.cells.count == 4 else { continue }
            #expect(!row.cells[1].isEmpty || !row.cells[2].isEmpty, "\(row.path): neither a default nor a meaning")
        }
    }

    /// A reader that wrote its keys inline (`allowed: ["a", "b"]`), or passed
    /// a list the catalogue does not hold, would escape the tests above.
    @Test func everyReaderTakesItsKeysFromTheCatalogue() throws {
        let folder = Self.root.appendingPathComponent("Sources/ScenarioFile")
        let catalogue = try String(contentsOf: folder.appendingPathComponent("ScenarioKeys.swift"), encoding: .utf8)
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        let argument = try Regex(#"allowed: ([^,)]+)"#)
        for file in files.sorted() where file != "YAMLReader.swift" {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in source.matches(of: argument) {
                let list = String(source[match.range]).dropFirst("allowed: ".count)
                    .replacingOccurrences(of: "Self.", with: "")
                if list == "[]" { continue }  // sweep axes: key paths of the scenario, checked as --set checks them
                #expect(!list.hasPrefix("["), "\(file): keys written inline (\(list)); name the list and add it to ScenarioKeys")
                #expect(catalogue.contains("." + list + ")"), "\(file): \(list) is not in ScenarioKeys")
            }
        }
    }
}
