import ProxyClashSummary

/// The weekly summary for a ticket or a wiki: a headline, a per-day table, then one table per
/// status; every value from a log escaped (``Markdown``) so it cannot break a table or open a link.
struct SummaryMarkdownRenderer: Renderer {
    func write(_ summary: SummaryReport, to sink: (String) throws -> Void) throws {
        var out = ["# ProxyClash weekly summary \(summary.week)", "", SummaryRow.headline(summary), ""]
        out.append("| " + SummaryRow.days.joined(separator: " | ") + " |")
        out.append("|" + String(repeating: "---:|", count: 7))
        out.append("| " + summary.perDay.map(String.init).joined(separator: " | ") + " |")
        for status in IncidentStatus.allCases {
            let rows = SummaryRow.rows(summary, status)
            guard !rows.isEmpty else { continue }
            out += ["", "## \(status.rawValue.capitalized) (\(rows.count))", ""]
            if let note = status.sectionNote { out += ["_" + note + "_", ""] }
            out.append("| id | kind | conflict | held by | messages | first | last | weeks | find |")
            out.append("|---|---|---|---|---:|---|---|---:|---|")
            for row in rows {
                let cells = [row.id, row.kind, Markdown.code(row.conflict), Markdown.cell(row.owners ?? "-"), "\(row.occurrences)",
                             row.first, row.last, "\(row.weeksSeen)", Markdown.code(row.find)]
                out.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        try sink(out.joined(separator: "\n") + "\n")
    }
}
