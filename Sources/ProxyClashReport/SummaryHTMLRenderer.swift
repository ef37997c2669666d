import Foundation
import Mustache
import ProxyClashCore
import ProxyClashSummary

/// The weekly summary as one self-contained HTML file: headline numbers, an inline SVG chart of
/// messages per day and of the status counts, and one table per kind. Rendered from a Mustache
/// template, so every value from a log is HTML-escaped (its control characters first made visible
/// as in the text report); no script, no external asset, and a Content-Security-Policy that
/// allows nothing but the inline styles.
struct SummaryHTMLRenderer: Renderer {
    func write(_ summary: SummaryReport, to sink: (String) throws -> Void) throws {
        let template = try MustacheTemplate(string: Self.template)
        try sink(template.render(Self.context(summary)))
    }

    static func context(_ summary: SummaryReport) -> [String: Any] {
        let maxDay = max(summary.perDay.max() ?? 0, 1)
        let chartHeight = 120.0
        let days = zip(SummaryRow.days, summary.perDay).enumerated().map { index, day -> [String: Any] in
            let height = Double(day.1) / Double(maxDay) * chartHeight
            return ["label": day.0, "count": day.1, "x": 40 + index * 60, "labelX": 60 + index * 60,
                    "y": Self.number(20 + chartHeight - height), "height": Self.number(height), "countY": Self.number(14 + chartHeight - height)]
        }
        let maxCount = max(IncidentStatus.allCases.map { summary.counts[$0.rawValue] ?? 0 }.max() ?? 0, 1)
        let statuses = IncidentStatus.allCases.enumerated().map { index, status -> [String: Any] in
            let count = summary.counts[status.rawValue] ?? 0
            return ["name": status.rawValue, "count": count, "y": 10 + index * 30, "textY": 26 + index * 30,
                    "width": Self.number(Double(count) / Double(maxCount) * 300)]
        }
        let kinds = IncidentKind.allCases.compactMap { kind -> [String: Any]? in
            let entries = summary.incidents.filter { $0.incident.kind == kind.rawValue }
            guard !entries.isEmpty else { return nil }
            return ["title": TextReportRenderer.heading(kind), "kind": kind.rawValue, "count": entries.count, "rows": entries.map { entry -> [String: Any] in
                let row = SummaryRow(entry)
                return ["status": entry.status.rawValue, "id": row.id, "conflict": Self.breakable(TerminalText.safe(row.conflict)),
                        "owners": Self.breakable(TerminalText.safe(row.owners ?? "")), "occurrences": row.occurrences,
                        "first": row.first, "last": row.last, "weeks": row.weeksSeen, "find": TerminalText.safe(row.find)]
            }]
        }
        return ["week": summary.week, "since": summary.window.since.map(TextReportRenderer.shortTime) ?? "?",
                "until": summary.window.until.map(TextReportRenderer.shortTime) ?? "?", "runs": summary.runs,
                "headline": SummaryRow.headline(summary),
                "messages": summary.perDay.reduce(0, +), "generatedAt": summary.generatedAt,
                "statuses": statuses, "days": days, "kinds": kinds, "empty": summary.incidents.isEmpty]
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `text` HTML-escaped, in parts that never break inside (`<span class="np">`, not even at a
    /// hyphen of a GUID), with a break opportunity (`<wbr>`) after each `@`, `.`, `/`, `_` and `;`
    /// and at spaces: an address or an owner path wraps between its parts, never inside one.
    static func breakable(_ text: String) -> String {
        var html = ""
        var part = ""
        func close() {
            if !part.isEmpty { html += "<span class=\"np\">" + part + "</span>" }
            part = ""
        }
        // Per Unicode scalar: `<` or `"` followed by a combining mark is one Character to Swift
        // but still markup to a browser.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": part += "&amp;"
            case "<": part += "&lt;"
            case ">": part += "&gt;"
            case "\"": part += "&quot;"
            case "'": part += "&#39;"
            case " ":
                close()
                html += " "
                continue
            default: part.unicodeScalars.append(scalar)
            }
            if "@./_;".unicodeScalars.contains(scalar) {
                close()
                html += "<wbr>"
            }
        }
        close()
        return html
    }

    static let template = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>ProxyClash weekly summary {{week}}</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1f2328; max-width: 72rem; }
    h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
    .cards { display: flex; gap: .75rem; flex-wrap: wrap; }
    .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1rem; min-width: 6rem; }
    .card b { display: block; font-size: 1.5rem; }
    svg { width: 100%; max-width: 480px; height: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f6f8fa; } td.n { text-align: right; }
    td.conflict { min-width: 14rem; }
    code { font-size: .85rem; overflow-wrap: normal; word-break: normal; }
    .np { white-space: nowrap; }
    .id { display: block; color: #57606a; font-size: .75rem; }
    td.t { white-space: nowrap; }
    details { margin-top: .35rem; } summary { cursor: pointer; color: #0969da; font-size: .8rem; }
    pre { margin: .35rem 0 0; padding: .5rem; background: #f6f8fa; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .8rem; }
    .new { color: #cf222e; } .ongoing { color: #9a6700; } .recurring { color: #8250df; } .resolved { color: #1a7f37; } .unconfirmed { color: #bc4c00; } .undated { color: #57606a; }
    svg text { font-size: 12px; fill: #1f2328; }
    @media (max-width: 700px) {
      body { margin: .75rem; }
      table, tbody, tr, td { display: block; width: auto; }
      thead { display: none; }
      tr { border: 1px solid #d0d7de; border-radius: 6px; margin-bottom: .75rem; padding: .25rem .5rem; }
      td { border: none; padding: .15rem 0; text-align: left; }
      td.n { text-align: left; } td.t { white-space: normal; }
      td[data-label]::before { content: attr(data-label) ": "; color: #57606a; }
      td.conflict { min-width: 0; overflow-x: auto; }
      td[data-label="held by"] { overflow-wrap: anywhere; }
    }
    </style>
    </head>
    <body>
    <h1>ProxyClash weekly summary {{week}}</h1>
    <p>{{headline}} Generated {{generatedAt}}.</p>
    <h2>Messages per day</h2>
    <svg role="img" aria-label="Messages per day" viewBox="0 0 480 170" xmlns="http://www.w3.org/2000/svg">
    {{#days}}<rect x="{{x}}" y="{{y}}" width="40" height="{{height}}" fill="#0969da"><title>{{label}}: {{count}}</title></rect><text x="{{labelX}}" y="{{countY}}" text-anchor="middle">{{count}}</text><text x="{{labelX}}" y="160" text-anchor="middle">{{label}}</text>
    {{/days}}</svg>
    <div class="cards">
    {{#statuses}}<div class="card {{name}}"><b>{{count}}</b>{{name}}</div>
    {{/statuses}}</div>
    <h2>Incidents by status</h2>
    <svg role="img" aria-label="Incidents by status" viewBox="0 0 480 190" xmlns="http://www.w3.org/2000/svg">
    {{#statuses}}<text x="0" y="{{textY}}">{{name}}</text><rect x="90" y="{{y}}" width="{{width}}" height="20" fill="#8c959f"><title>{{name}}: {{count}}</title></rect><text x="400" y="{{textY}}">{{count}}</text>
    {{/statuses}}</svg>
    {{#empty}}<p>No incident this week or the week before.</p>{{/empty}}
    {{#kinds}}<h2>{{title}} ({{count}})</h2>
    <table>
    <thead><tr><th>status</th><th>conflict</th><th>held by</th><th>messages</th><th>first</th><th>last</th><th>weeks</th></tr></thead>
    <tbody>
    {{#rows}}<tr><td class="{{status}}" data-label="status">{{status}}</td><td class="conflict"><code>{{{conflict}}}</code><span class="id">{{id}}</span>{{#find}}<details><summary>find the holder</summary><pre><code>{{find}}</code></pre></details>{{/find}}</td><td data-label="held by">{{{owners}}}</td><td class="n" data-label="messages">{{occurrences}}</td><td class="t" data-label="first">{{first}}</td><td class="t" data-label="last">{{last}}</td><td class="n" data-label="weeks">{{weeks}}</td></tr>
    {{/rows}}</tbody>
    </table>
    {{/kinds}}</body>
    </html>

    """
}
