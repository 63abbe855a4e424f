/// The style sheet every report carries inline: no network, no CDN, so a
/// report opens the same from a mail attachment or a CI artefact.
enum ReportStyle {
    static let css: StaticString = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a1a1a;margin:24px 32px;background:#fafafa}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
        p.description{margin:4px 0 12px;max-width:62em;color:#333}
        dl.facts{display:grid;grid-template-columns:max-content auto max-content auto;gap:2px 16px;margin:8px 0}
        dl.facts dt{color:#666}dl.facts dd{margin:0;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px}
        table{border-collapse:collapse;font-size:13px;background:#fff}
        th,td{border:1px solid #e0e0e0;padding:3px 10px;text-align:left}th{background:#f0f0f0}
        td.num{text-align:right;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
        .pass{color:#2e7d32;font-weight:600}.fail{color:#c62828;font-weight:600}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
        .badge.pass{background:#2e7d32;color:#fff}.badge.fail{background:#c62828;color:#fff}
        .scroll{overflow-x:auto;background:#fff;border:1px solid #e0e0e0;padding:4px}
        .chart-box{display:inline-block;max-width:100%;overflow-x:auto;background:#fff;border:1px solid #e0e0e0;padding:4px;margin-bottom:6px}
        svg text{font:11px system-ui,-apple-system,"DejaVu Sans",sans-serif}
        svg .section-title{font-weight:700;fill:#444;font-size:12px}
        svg .lane-label{fill:#222}svg .tick{fill:#555;text-anchor:middle}
        svg .grid{stroke:#ddd;stroke-width:1}
        svg .iv{stroke:#fff;stroke-width:.5}svg .iv-label{pointer-events:none}
        svg .ev{fill:#222;stroke:#fff;stroke-width:1}svg .ev:hover{fill:#e65100}
        svg .fault{fill:#c62828;fill-opacity:.09;stroke:#c62828;stroke-opacity:.5;stroke-dasharray:4 3;pointer-events:none}
        svg .fault-band rect{fill:#c62828;fill-opacity:.8}svg .fault-band text{fill:#fff;font-weight:600;pointer-events:none}
        svg .bar{fill:#5c8fd6}svg .whisker{stroke:#1a1a1a;stroke-width:1.5}svg .dot{fill:#1a1a1a}
        svg .seed{fill:#5c8fd6;fill-opacity:.45}svg .axis-line{stroke:#999}svg .value{fill:#333}
        .legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0;font-size:12px}
        .legend span.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-2px}
        .note{color:#666;font-size:12px}
        .charts{display:flex;flex-wrap:wrap;gap:12px 32px;align-items:flex-start;margin-bottom:12px}
        """
}
