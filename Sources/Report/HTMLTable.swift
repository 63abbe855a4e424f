/// A table of text: a row of headings, then rows of cells, each cell plain,
/// a number (right-aligned), or marked with a class (PASS, FAIL).
struct HTMLTable {
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var style: String?

        init(_ text: String, style: String? = nil) {
            self.text = text
            self.style = style
        }

        init(stringLiteral text: String) {
            self.init(text)
        }

        static func number(_ text: String) -> Cell {
            Cell(text, style: "num")
        }
    }

    var style: String
    var headings: [String]
    var rows: [[Cell]]

    func write(into page: inout Markup) {
        page.open("table", [("class", style)])
        page.open("tr")
        for heading in headings { page.element("th", text: heading) }
        page.close("tr")
        for row in rows {
            page.open("tr")
            for cell in row {
                if let style = cell.style {
                    page.element("td", [("class", style)], text: cell.text)
                } else {
                    page.element("td", text: cell.text)
                }
            }
            page.close("tr")
        }
        page.close("table")
    }
}
