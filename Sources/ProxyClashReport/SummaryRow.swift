import ProxyClashCore
import ProxyClashSummary

/// What the text, Markdown and HTML summaries show of one incident, each value as it comes from
/// the logs (every format escapes it its own way).
struct SummaryRow {
    let id: String
    let kind: String
    let conflict: String
    /// The holders, `; `-separated, or nil.
    let owners: String?
    let occurrences: Int
    let first: String
    let last: String
    let weeksSeen: Int
    /// The command that finds the holder (may be empty).
    let find: String

    init(_ entry: SummaryReport.Entry) {
        let incident = entry.incident
        id = incident.id
        kind = incident.kind
        conflict = TextReportRenderer.title(of: incident) + (TextReportRenderer.addressLine(of: incident).map { ", address " + $0 } ?? "")
        owners = incident.owners.isEmpty ? nil : incident.owners.joined(separator: "; ")
        occurrences = incident.occurrences
        first = incident.firstSeen.map(TextReportRenderer.shortTime) ?? "-"
        last = incident.lastSeen.map(TextReportRenderer.shortTime) ?? "-"
        weeksSeen = entry.weeksSeen
        find = Self.findCommand(of: incident)
    }

    /// The first command of the incident's remediation that looks the holder up.
    static func findCommand(of incident: IncidentEntry) -> String {
        incident.remediation.lookup ?? ""
    }

    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `2026-11-16 00:00 UTC to 2026-11-23 00:00 UTC: 3 new, ...; 7 messages from 1 run.`
    static func headline(_ summary: SummaryReport) -> String {
        let counts = IncidentStatus.allCases.map { "\(summary.counts[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let messages = summary.perDay.reduce(0, +)
        let since = summary.window.since.map(TextReportRenderer.shortTime) ?? "?"
        let until = summary.window.until.map(TextReportRenderer.shortTime) ?? "?"
        let runs = "\(summary.runs) run\(summary.runs == 1 ? "" : "s")"
        guard let covered = summary.coveredDays else {
            return "\(since) to \(until): \(counts); \(messages) message\(messages == 1 ? "" : "s") from \(runs)."
        }
        let days = covered.filter { $0 }.count
        guard days > 0 else { return "\(since) to \(until): no logs for this week (\(runs)); \(counts): nothing is resolved without logs." }
        return "\(since) to \(until): \(counts); \(messages) message\(messages == 1 ? "" : "s") from \(summary.inputs) input\(summary.inputs == 1 ? "" : "s") covering \(days) day\(days == 1 ? "" : "s") (\(runs))."
    }

    /// The incidents of `summary` with `status`, as rows.
    static func rows(_ summary: SummaryReport, _ status: IncidentStatus) -> [SummaryRow] {
        summary.incidents.filter { $0.status == status }.map(SummaryRow.init)
    }
}

extension IncidentStatus {
    /// What the summary says under the heading of this status's section, if anything.
    var sectionNote: String? {
        switch self {
        case .undated: "Messages without a time of their own, recorded by this week's runs: not counted in any week's days, and they make nothing new or resolved."
        case .unconfirmed: "Seen the week before; no scanned log covers this week, so whether they stopped is not known."
        default: nil
        }
    }
}
