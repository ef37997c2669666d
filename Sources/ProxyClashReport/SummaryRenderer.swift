import Foundation
import ProxyClashSummary

/// Output formats of the weekly summary.
public enum SummaryFormat: String, Sendable, CaseIterable {
    case text, markdown, json, csv, html

    /// Renders `summary`.
    public func render(_ summary: SummaryReport) throws -> String {
        switch self {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
        case .text: return SummaryText.render(summary, markdown: false)
        case .markdown: return SummaryText.render(summary, markdown: true)
        case .csv: return SummaryCSV.render(summary)
        case .html: return try SummaryHTML.render(summary)
        }
    }
}

/// The weekly summary for a terminal (plain text) or a ticket or wiki (Markdown): headline
/// numbers, messages per day, then one table per status.
enum SummaryText {
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func render(_ summary: SummaryReport, markdown: Bool) -> String {
        var out: [String] = []
        let counts = IncidentStatus.allCases.map { "\(summary.counts[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let messages = summary.perDay.reduce(0, +)
        let since = summary.window.since.map(TextReportRenderer.shortTime) ?? "?"
        let until = summary.window.until.map(TextReportRenderer.shortTime) ?? "?"
        let title = "ProxyClash weekly summary \(summary.week)"
        out.append(markdown ? "# \(title)" : title)
        out.append("")
        out.append("\(since) to \(until): \(counts); \(messages) message\(messages == 1 ? "" : "s") from \(summary.runs) run\(summary.runs == 1 ? "" : "s").")
        out.append("")
        if markdown {
            out.append("| " + days.joined(separator: " | ") + " |")
            out.append("|" + String(repeating: "---:|", count: 7))
            out.append("| " + summary.perDay.map(String.init).joined(separator: " | ") + " |")
        } else {
            out.append("Messages per day: " + zip(days, summary.perDay).map { "\($0) \($1)" }.joined(separator: "  "))
        }
        for status in IncidentStatus.allCases {
            let entries = summary.incidents.filter { $0.status == status }
            guard !entries.isEmpty else { continue }
            out.append("")
            let heading = "\(status.rawValue.capitalized) (\(entries.count))"
            out.append(markdown ? "## \(heading)" : heading)
            if markdown {
                out.append("")
                out.append("| id | kind | conflict | held by | messages | first | last | weeks | find |")
                out.append("|---|---|---|---|---:|---|---|---:|---|")
            }
            for entry in entries {
                let incident = entry.incident
                let conflict = TextReportRenderer.title(of: incident)
                let owners = incident.owners.isEmpty ? "-" : incident.owners.joined(separator: "; ")
                let first = incident.firstSeen.map(TextReportRenderer.shortTime) ?? "-"
                let last = incident.lastSeen.map(TextReportRenderer.shortTime) ?? "-"
                let find = incident.remediation.commands.first { $0.hasPrefix("Get-") } ?? ""
                if markdown {
                    out.append("| " + [incident.id, incident.kind, Markdown.code(conflict), Markdown.cell(owners), "\(incident.occurrences)",
                                       first, last, "\(entry.weeksSeen)", Markdown.code(find)].joined(separator: " | ") + " |")
                } else {
                    out.append("  \(incident.id)  \(TerminalText.safe(conflict))")
                    out.append("    \(incident.occurrences) message\(incident.occurrences == 1 ? "" : "s"), \(first) to \(last), seen in \(entry.weeksSeen) week\(entry.weeksSeen == 1 ? "" : "s")")
                    if owners != "-" { out.append("    held by \(TerminalText.safe(owners))") }
                    if !find.isEmpty { out.append("    find: \(TerminalText.safe(find))") }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Markdown escaping for values from logs: nothing in a value can open a link, a table cell or
/// raw HTML in the rendered page, and control characters show as the text report shows them.
enum Markdown {
    /// Text in a table cell: `|`, `\` and Markdown punctuation escaped, line breaks removed,
    /// other control characters made visible (``TerminalText/safe(_:)``).
    static func cell(_ text: String) -> String {
        var result = ""
        for character in TerminalText.safe(singleLine(text)) {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!", "(", ")", "~": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// A code span: backticks in the value become `'`, line breaks spaces, other control
    /// characters visible escapes, and `|` is escaped for tables.
    static func code(_ text: String) -> String {
        let cleaned = TerminalText.safe(singleLine(text)).replacingOccurrences(of: "`", with: "'")
        return "`" + cleaned.replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    /// `text` with each CR and LF replaced by a space.
    private static func singleLine(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        return result
    }
}

/// The weekly summary as RFC 4180 CSV (CRLF, every cell quoted, quotes doubled): one row per
/// incident. A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or CR) gets a leading `'`, so opening the file cannot run anything.
enum SummaryCSV {
    static let header = ["status", "id", "kind", "key", "address", "owners", "forests", "tenants", "objectType", "guid",
                         "attribute", "value", "occurrences", "firstSeen", "lastSeen", "weeksSeen", "undated", "find"]

    static func render(_ summary: SummaryReport) -> String {
        var rows = [header]
        for entry in summary.incidents {
            let incident = entry.incident
            rows.append([entry.status.rawValue, incident.id, incident.kind, incident.key, incident.address ?? "",
                         incident.owners.joined(separator: "; "), incident.forests.joined(separator: "; "), incident.tenants.joined(separator: "; "),
                         incident.objectType ?? "", incident.guid ?? "", incident.attribute ?? "", incident.value ?? "",
                         "\(incident.occurrences)", incident.firstSeen ?? "", incident.lastSeen ?? "", "\(entry.weeksSeen)", "\(entry.undated)",
                         incident.remediation.commands.first { $0.hasPrefix("Get-") } ?? ""])
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
