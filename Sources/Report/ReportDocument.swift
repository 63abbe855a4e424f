/// The frame every report page shares: doctype, character set, the inline
/// style sheet, and a policy that forbids the page from loading or running
/// anything, a second guard behind the escaping.
enum ReportDocument {
    static func begin(title: String, into page: inout Markup) {
        page.raw("<!DOCTYPE html>\n")
        page.open("html", [("lang", "en")])
        page.open("head")
        page.empty("meta", [("charset", "utf-8")])
        page.empty("meta", [("http-equiv", "Content-Security-Policy"), ("content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")])
        page.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        page.element("title", text: title)
        page.open("style")
        page.raw(ReportStyle.css)
        page.close("style")
        page.close("head")
        page.newline()
        page.open("body")
    }

    static func end(into page: inout Markup) {
        page.close("body")
        page.close("html")
        page.newline()
    }
}
