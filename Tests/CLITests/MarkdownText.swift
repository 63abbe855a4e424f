import Foundation

/// The parts of a Markdown page the document tests read: its prose lines
/// (outside fenced code blocks) and, within a line, its code spans and the
/// text around them.
enum MarkdownText {
    /// The lines outside ``` blocks.
    static func proseLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inCode.toggle()
            } else if !inCode {
                lines.append(line)
            }
        }
        return lines
    }

    /// A line's `code spans` (odd pieces between backticks) and the text
    /// outside them (even pieces).
    static func pieces(_ line: Substring) -> (code: [Substring], text: [Substring]) {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
        return (parts.filter { $0.offset % 2 == 1 }.map(\.element), parts.filter { $0.offset % 2 == 0 }.map(\.element))
    }
}
