import Foundation
import Testing

/// The documents as a reader follows them: docs/README.md, the map, links
/// every page in docs/, and every relative link or picture of the README,
/// CONTRIBUTING and the pages of docs/ reaches a file that exists and, with
/// a `#fragment`, a heading of that file. A page added without its line in
/// the map, a renamed heading or a screenshot moved fails here, not in a
/// reader's browser.
@Suite struct DocumentMapTests {
    static let root = DocumentedCommandTests.root

    /// The Markdown pages whose links are checked, relative to the root.
    static func pages() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md", "CONTRIBUTING.md", "Results/README.md"] + docs
    }

    /// The targets of a page's inline links and pictures, `[text](target)`
    /// and `![alt](target)`, outside code blocks and code spans.
    static func linkTargets(in text: String) -> [String] {
        var targets: [String] = []
        for proseLine in MarkdownText.proseLines(text) {
            // Code spans may show link syntax as an example; drop them.
            let line = MarkdownText.pieces(proseLine).text.joined(separator: " ")
            var rest = Substring(line)
            while let close = rest.range(of: "](") {
                let after = rest[close.upperBound...]
                guard let end = after.firstIndex(of: ")") else { break }
                targets.append(String(after[..<end]))
                rest = after[end...]
            }
        }
        return targets
    }

    /// GitHub's anchor of a heading: lower case, punctuation other than `-`
    /// and `_` dropped, each space a `-`.
    static func anchor(ofHeading heading: String) -> String {
        String(
            heading.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                if character.isLetter || character.isNumber || character == "-" || character == "_" { return character }
                return nil
            })
    }

    /// The anchors of a page's `#` headings, outside code blocks.
    static func anchors(in text: String) -> Set<String> {
        var anchors: Set<String> = []
        for line in MarkdownText.proseLines(text) where line.hasPrefix("#") {
            anchors.insert(anchor(ofHeading: line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)))
        }
        return anchors
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theMapLinksEveryPageOfDocs() throws {
        let map = try Self.read("docs/README.md")
        let linked = Set(Self.linkTargets(in: map).map { $0.split(separator: "#", maxSplits: 1).first.map(String.init) ?? $0 })
        let pages = try Self.pages().filter { $0.hasPrefix("docs/") && $0 != "docs/README.md" }
        #expect(pages.count >= 10, "found \(pages)")
        for page in pages {
            let name = String(page.dropFirst("docs/".count))
            #expect(linked.contains(name), "docs/README.md does not link \(name)")
        }
    }

    @Test(arguments: try DocumentMapTests.pages())
    func everyRelativeLinkReachesAFileAndAHeading(page: String) throws {
        let text = try Self.read(page)
        let folder = URL(fileURLWithPath: page).deletingLastPathComponent().relativePath
        for target in Self.linkTargets(in: text) where !target.contains("://") && !target.hasPrefix("mailto:") {
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let file = parts[0].isEmpty ? page : URL(fileURLWithPath: folder).appendingPathComponent(parts[0]).standardized.relativePath
            let url = Self.root.appendingPathComponent(file)
            #expect(FileManager.default.fileExists(atPath: url.path), "\(page): \(target): no file \(file)")
            guard parts.count == 2, file.hasSuffix(".md"), let linked = try? Self.read(file) else { continue }
            #expect(Self.anchors(in: linked).contains(parts[1]), "\(page): \(target): \(file) has no heading #\(parts[1])")
        }
    }

    @Test func theCheckerFindsLinksAndAnchorsAsGitHubDoes() {
        let text = """
            See [the map](docs/README.md) and ![a picture](images/a.png), `[not](a-link)`.
            ```
            [nor](this)
            ```
            [two](A.md#x) on [one](#y) line
            """
        #expect(Self.linkTargets(in: text) == ["docs/README.md", "images/a.png", "A.md#x", "#y"])
        #expect(Self.anchor(ofHeading: "Sweeps: what storing costs (`hasim sweep --db`)") == "sweeps-what-storing-costs-hasim-sweep---db")
        #expect(Self.anchor(ofHeading: "4. How many minutes a year, with 3 masters or 5?") == "4-how-many-minutes-a-year-with-3-masters-or-5")
    }
}
