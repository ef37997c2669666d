/// The weekly summary as RFC 4180 CSV (CRLF, every cell quoted, quotes doubled): one row per
/// incident. A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or CR) gets a leading `'`, so opening the file cannot run anything.
struct SummaryCSVRenderer: Renderer {
    static let header = ["status", "id", "kind", "key", "address", "owners", "forests", "tenants", "objectType", "guid",
                         "attribute", "value", "occurrences", "firstSeen", "lastSeen", "weeksSeen", "undated", "find", "addressSource"]

    func write(_ summary: SummaryReport, to sink: (String) throws -> Void) throws {
        var rows = [Self.header]
        for entry in summary.incidents {
            let incident = entry.incident
            rows.append([entry.status.rawValue, incident.id, incident.kind, incident.key, incident.address ?? "",
                         incident.owners.joined(separator: "; "), incident.forests.joined(separator: "; "), incident.tenants.joined(separator: "; "),
                         incident.objectType ?? "", incident.guid ?? "", incident.attribute ?? "", incident.value ?? "",
                         "\(incident.occurrences)", incident.firstSeen ?? "", incident.lastSeen ?? "", "\(entry.weeksSeen)", "\(entry.undated)",
                         SummaryRow.findCommand(of: incident), incident.addressSource])
        }
        try sink(rows.map { $0.map(Self.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n")
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
