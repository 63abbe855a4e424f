import Report
import ResultStore
import Testing

/// No scenario can inject markup or script into its report: every text that
/// came from a scenario file or the database is escaped.
@Suite struct EscapingTests {
    static let hostile = "<script>alert(\"x\")</script>' onmouseover='alert(1)"

    func page() -> String {
        let minute = ReportFixtures.minute
        var run = ReportFixtures.run(
            scenario: "evil <script>alert('name')</script> \"quoted\"",
            intervals: [
                .init(entity: Self.hostile, state: "<b>up</b>", startNanoseconds: 0, endNanoseconds: 10 * minute),
                .init(entity: "zone/a", state: "up\"><script>", startNanoseconds: 0, endNanoseconds: 10 * minute),
            ],
            events: [
                .init(timeNanoseconds: minute, entity: "zone/a", kind: .faultStart, detail: "<script>fault</script>"),
                .init(timeNanoseconds: 2 * minute, entity: Self.hostile, kind: "<img src=x>", detail: "\"&<>'"),
            ])
        run.metrics = [.init(name: "<metric>", value: 1, unit: "\"ratio\"")]
        run.expectations = [.init(name: "never <script>", passed: false, observed: 1, bound: "< 1 & > 0")]
        run.scenarioPath = "/tmp/<script>.yaml"
        return RunPage(run: run, description: "A <script>document.write('x')</script> \"description\" & more").html()
    }

    @Test func noScenarioTextBecomesAnElementOrEndsAnAttribute() {
        let html = page()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<metric>"))
        #expect(!html.contains("' onmouseover='"))
        #expect(html.contains("<title>hasim report: evil &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &quot;quoted&quot;, seed 3</title>"))
        #expect(html.contains("<h1>evil &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &quot;quoted&quot;</h1>"))
        #expect(html.contains("<p class=\"description\">A &lt;script&gt;document.write(&#39;x&#39;)&lt;/script&gt; &quot;description&quot; &amp; more</p>"))
        #expect(html.contains("data-entity=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;alert(1)\""))
        #expect(html.contains("data-state=\"up&quot;&gt;&lt;script&gt;\""))
        #expect(html.contains("<td>never &lt;script&gt;</td>"))
    }

    @Test func thePageAllowsNoScriptAndLoadsNothing() {
        #expect(page().contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:\"/>"))
    }
}
