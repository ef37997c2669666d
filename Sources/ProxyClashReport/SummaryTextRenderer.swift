import ProxyClashSummary

/// The weekly summary for a terminal: headline numbers, messages per day, then the incidents of
/// each status, values with their control characters made visible.
struct SummaryTextRenderer: Renderer {
    func write(_ summary: SummaryReport, to sink: (String) throws -> Void) throws {
        var out = ["ProxyClash weekly summary \(summary.week)", "", SummaryRow.headline(summary), ""]
        out.append("Messages per day: " + zip(SummaryRow.days, summary.perDay).map { "\($0) \($1)" }.joined(separator: "  "))
        for status in IncidentStatus.allCases {
            let rows = SummaryRow.rows(summary, status)
            guard !rows.isEmpty else { continue }
            out += ["", "\(status.rawValue.capitalized) (\(rows.count))"]
            if let note = status.sectionNote { out.append("  " + note) }
            for row in rows {
                out.append("  \(row.id)  \(TerminalText.safe(row.conflict))")
                if status == .undated {
                    out.append("    \(row.occurrences) message\(row.occurrences == 1 ? "" : "s") without a time")
                } else {
                    out.append("    \(row.occurrences) message\(row.occurrences == 1 ? "" : "s"), \(row.first) to \(row.last), seen in \(row.weeksSeen) week\(row.weeksSeen == 1 ? "" : "s")")
                }
                if let owners = row.owners { out.append("    held by \(TerminalText.safe(owners))") }
                if !row.find.isEmpty { out.append("    find: \(TerminalText.safe(row.find))") }
            }
        }
        try sink(out.joined(separator: "\n") + "\n")
    }
}
