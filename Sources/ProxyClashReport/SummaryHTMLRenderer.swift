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
                return ["status": entry.status.rawValue, "id": row.id, "conflict": TerminalText.safe(row.conflict),
                        "owners": TerminalText.safe(row.owners ?? ""), "occurrences": row.occurrences,
                        "first": row.first, "last": row.last, "weeks": row.weeksSeen, "find": TerminalText.safe(row.find)]
            }]
        }
        return ["week": summary.week, "since": summary.window.since.map(TextReportRenderer.shortTime) ?? "?",
                "until": summary.window.until.map(TextReportRenderer.shortTime) ?? "?", "runs": summary.runs,
                "messages": summary.perDay.reduce(0, +), "generatedAt": summary.generatedAt,
                "statuses": statuses, "days": days, "kinds": kinds, "empty": summary.incidents.isEmpty]
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static let template = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>ProxyClash weekly summary {{week}}</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; }
    h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
    .cards { display: flex; gap: 1rem; flex-wrap: wrap; }
    .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1.25rem; min-width: 7rem; }
    .card b { display: block; font-size: 1.75rem; }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f6f8fa; } td.n { text-align: right; }
    code { font-size: .8rem; word-break: break-all; }
    td.id code, td.t { white-space: nowrap; word-break: normal; }
    .new { color: #cf222e; } .ongoing { color: #9a6700; } .recurring { color: #8250df; } .resolved { color: #1a7f37; } .unconfirmed { color: #bc4c00; } .undated { color: #57606a; }
    svg text { font-size: 12px; fill: #1f2328; }
    </style>
    </head>
    <body>
    <h1>ProxyClash weekly summary {{week}}</h1>
    <p>{{since}} to {{until}}: {{messages}} messages from {{runs}} run(s). Generated {{generatedAt}}.</p>
    <div class="cards">
    {{#statuses}}<div class="card {{name}}"><b>{{count}}</b>{{name}}</div>
    {{/statuses}}</div>
    <h2>Messages per day</h2>
    <svg role="img" aria-label="Messages per day" width="480" height="170" viewBox="0 0 480 170" xmlns="http://www.w3.org/2000/svg">
    {{#days}}<rect x="{{x}}" y="{{y}}" width="40" height="{{height}}" fill="#0969da"><title>{{label}}: {{count}}</title></rect><text x="{{labelX}}" y="{{countY}}" text-anchor="middle">{{count}}</text><text x="{{labelX}}" y="160" text-anchor="middle">{{label}}</text>
    {{/days}}</svg>
    <h2>Incidents by status</h2>
    <svg role="img" aria-label="Incidents by status" width="480" height="130" viewBox="0 0 480 130" xmlns="http://www.w3.org/2000/svg">
    {{#statuses}}<text x="0" y="{{textY}}">{{name}}</text><rect x="90" y="{{y}}" width="{{width}}" height="20" fill="#8c959f"><title>{{name}}: {{count}}</title></rect><text x="400" y="{{textY}}">{{count}}</text>
    {{/statuses}}</svg>
    {{#empty}}<p>No incident this week or the week before.</p>{{/empty}}
    {{#kinds}}<h2>{{title}} ({{count}})</h2>
    <table>
    <thead><tr><th>status</th><th>id</th><th>conflict</th><th>held by</th><th>messages</th><th>first</th><th>last</th><th>weeks</th><th>find</th></tr></thead>
    <tbody>
    {{#rows}}<tr><td class="{{status}}">{{status}}</td><td class="id"><code>{{id}}</code></td><td><code>{{conflict}}</code></td><td>{{owners}}</td><td class="n">{{occurrences}}</td><td class="t">{{first}}</td><td class="t">{{last}}</td><td class="n">{{weeks}}</td><td><code>{{find}}</code></td></tr>
    {{/rows}}</tbody>
    </table>
    {{/kinds}}</body>
    </html>

    """
}
