import ProxyClashCore
/// The human report for a terminal: incidents grouped by kind, aligned to fit 80 columns (long
/// values wrap under their label), ANSI colour only when asked (the CLI asks on a TTY).
public struct TextReportRenderer: Renderer {
    public let colour: Bool
    public let width: Int

    public init(colour: Bool = false, width: Int = 80) {
        self.colour = colour
        self.width = width
    }

    public func write(_ report: Report, to sink: (String) throws -> Void) throws {
        // Each piece is whole lines; one incident at a time.
        func emit(_ lines: [String]) throws {
            if !lines.isEmpty { try sink(lines.joined(separator: "\n") + "\n") }
        }
        var out: [String] = []
        let summary = report.summary
        let incidentsWord = summary.incidents == 1 ? "incident" : "incidents"
        out.append(style("ProxyClash: \(summary.incidents) \(incidentsWord)", .bold)
                   + " from \(summary.messages) message\(summary.messages == 1 ? "" : "s") in \(summary.files) file\(summary.files == 1 ? "" : "s")"
                   + " (\(Self.bytes(summary.bytes)), \(summary.records) line\(summary.records == 1 ? "" : "s"))")
        if let window = report.window {
            let since = window.since.map(Self.shortTime) ?? "the beginning"
            let until = window.until.map(Self.shortTime) ?? "now"
            out.append("Window \(since) to \(until): \(summary.outsideWindow) finding\(summary.outsideWindow == 1 ? "" : "s") outside it left out, "
                       + "\(summary.undated) without a date kept")
        }
        if summary.skipped > 0 { out.append("\(summary.skipped) input\(summary.skipped == 1 ? "" : "s") skipped or unreadable (see diagnostics)") }
        for kind in IncidentKind.allCases {
            let incidents = report.incidents.filter { $0.kind == kind.rawValue }
            guard !incidents.isEmpty else { continue }
            out.append("")
            out.append(style(Self.heading(kind) + " (\(incidents.count))", .bold))
            try emit(out)
            out = []
            for incident in incidents { try emit(lines(for: incident)) }
        }
        out += inputLines(report.inputs)
        if !report.diagnostics.isEmpty || !summary.diagnostics.isEmpty {
            out.append("")
            out.append(style("Diagnostics", .bold))
            for (category, count) in summary.diagnostics.sorted(by: { $0.key < $1.key }) {
                out.append("  \(category): \(count)")
            }
            let important = report.diagnostics.filter { $0.severity != "note" }
            for diagnostic in important.prefix(20) {
                let place = diagnostic.line.map { "\(diagnostic.path):\($0)" } ?? diagnostic.path
                out += wrap(label: "  " + diagnostic.severity, value: place + ": " + diagnostic.message, labelWidth: 11)
            }
            if important.count > 20 { out.append("  ... \(important.count - 20) more in the JSON report") }
        }
        try emit(out)
    }

    /// Each input with how it was read; past 20 inputs, counts per format and status instead.
    private func inputLines(_ inputs: [Report.InputEntry]) -> [String] {
        guard !inputs.isEmpty else { return [] }
        var out = ["", style("Inputs", .bold)]
        func describe(_ input: Report.InputEntry) -> String {
            var parts = [input.format ?? "-", input.encoding ?? "-"]
            if let compression = input.compression { parts.append(compression) } else if input.compressed { parts.append("compressed") }
            if input.status != "scanned" { parts.append(input.status) }
            return parts.joined(separator: ", ")
        }
        if inputs.count <= 20 {
            for input in inputs { out += wrap(label: "  " + describe(input), value: input.path, labelWidth: 26) }
        } else {
            let groups = Dictionary(grouping: inputs, by: describe).mapValues(\.count)
            for (description, count) in groups.sorted(by: { $0.key < $1.key }) {
                out.append("  \(count) × \(description)")
            }
        }
        return out
    }

    private func lines(for incident: IncidentEntry) -> [String] {
        var out: [String] = []
        out += wrap(label: "  " + incident.id, value: Self.title(of: incident), labelWidth: incident.id.count + 4, labelStyle: .yellow)
        var seen = "\(incident.occurrences)×"
        switch (incident.firstSeen, incident.lastSeen) {
        case let (first?, last?) where first == last: seen += "  " + Self.shortTime(first)
        case let (first?, last?): seen += "  " + Self.shortTime(first) + " → " + Self.shortTime(last)
        default: seen += "  (no timestamp in the log)"
        }
        out += wrap(label: "    seen", value: seen)
        if !incident.lookAlikes.isEmpty || incident.mixedScripts {
            let others = incident.lookAlikes.isEmpty ? "" : "reads like " + incident.lookAlikes.joined(separator: ", ")
            let mixed = incident.mixedScripts ? "mixes Latin with Cyrillic or Greek letters" : ""
            out += wrap(label: "    look-alike", value: [others, mixed].filter { !$0.isEmpty }.joined(separator: "; "))
        }
        if let attribute = incident.attribute, incident.kind != IncidentKind.proxyAddressInUse.rawValue {
            out += wrap(label: "    attribute", value: attribute + (incident.value.map { " = " + $0 } ?? ""))
        }
        if let address = Self.addressLine(of: incident) { out += wrap(label: "    address", value: address) }
        for owner in incident.owners { out += wrap(label: "    held by", value: owner) }
        if !incident.forests.isEmpty { out += wrap(label: "    forest", value: incident.forests.joined(separator: ", ")) }
        if !incident.tenants.isEmpty { out += wrap(label: "    tenant", value: incident.tenants.joined(separator: ", ")) }
        var sources = incident.sources.sample.map { "\($0.path):\($0.line)" }.joined(separator: ", ")
        let more = incident.sources.total - incident.sources.sample.count
        if more > 0 { sources += " (+\(more) more)" }
        out += wrap(label: "    source", value: sources)
        out += wrap(label: "    cause", value: incident.remediation.cause)
        if let command = incident.remediation.lookup {
            out += wrap(label: "    find", value: command)
        }
        return out
    }

    /// `label  value`, the value wrapped to the width and indented under itself.
    private func wrap(label: String, value: String, labelWidth: Int = 14, labelStyle: Style = .dim) -> [String] {
        let indent = max(labelWidth, label.count + 1)
        var lines = Self.lines(of: TerminalText.safe(value), room: max(width - indent, 20))
        if lines.isEmpty { lines = [""] }
        let pad = String(repeating: " ", count: indent)
        return lines.enumerated().map { index, line in
            index == 0 ? style(label, labelStyle) + String(repeating: " ", count: indent - label.count) + line : pad + line
        }
    }

    /// `text` cut into lines of at most `room` characters. A line that is not the last breaks
    /// after its last space, else after its last `/`, `|` or `,` (paths and pipelines), provided
    /// it keeps at least `room / 3` characters; spaces at the end of a line and at the start of
    /// the next are dropped. One pass over the UTF-8 bytes: each character is looked at once.
    static func lines(of text: String, room: Int) -> [String] {
        let bytes = text.utf8
        let marks = Array("/|,".utf8)
        var lines: [String] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            var end = start
            var lastSpace: String.Index?
            var lastMark: String.Index?
            for length in 0..<room {
                guard end < bytes.endIndex else { break }
                let next = characterEnd(in: text, at: end)
                if length >= room / 3, let byte = singleByte(in: text, from: end, to: next) {
                    if byte == UInt8(ascii: " ") { lastSpace = end } else if marks.contains(byte) { lastMark = end }
                }
                end = next
            }
            if end < bytes.endIndex, let cut = lastSpace ?? lastMark { end = bytes.index(after: cut) }
            var kept = end
            while kept > start, case let previous = text.index(before: kept), singleByte(in: text, from: previous, to: kept) == UInt8(ascii: " ") {
                kept = previous
            }
            lines.append(String(text[start..<kept]))
            start = end
            while start < bytes.endIndex, case let next = characterEnd(in: text, at: start), singleByte(in: text, from: start, to: next) == UInt8(ascii: " ") {
                start = next
            }
        }
        return lines
    }

    /// The end of the character that starts at `index`. An ASCII byte followed by another (or by
    /// the end) is a character of its own, save CR before LF; anything else takes `String`'s
    /// grapheme-cluster walk.
    private static func characterEnd(in text: String, at index: String.Index) -> String.Index {
        let bytes = text.utf8
        let byte = bytes[index]
        let next = bytes.index(after: index)
        if byte < 0x80, byte != UInt8(ascii: "\r"), next == bytes.endIndex || bytes[next] < 0x80 { return next }
        return text.index(after: index)
    }

    /// The byte of the character from `start` to `end` when it is a single byte.
    private static func singleByte(in text: String, from start: String.Index, to end: String.Index) -> UInt8? {
        let bytes = text.utf8
        return bytes.index(after: start) == end ? bytes[start] : nil
    }

    /// What the incident is about, in one line: the conflicting object of an `aad-object-conflict`,
    /// else the address, else the attribute value.
    static func title(of incident: IncidentEntry) -> String {
        if incident.kind == IncidentKind.aadObjectConflict.rawValue, let type = incident.objectType, let guid = incident.guid {
            return type + "_" + guid
        }
        if let address = incident.address { return address }
        if let type = incident.objectType, let guid = incident.guid { return type + "_" + guid }
        if let attribute = incident.attribute, let value = incident.value { return attribute + " " + value }
        return incident.key
    }

    /// The address of an `aad-object-conflict` and where it was read (the other kinds' title is
    /// their address, always from the message): `SMTP:x@contoso.com (from the log around the
    /// message)`, or that the log does not say.
    static func addressLine(of incident: IncidentEntry) -> String? {
        guard incident.kind == IncidentKind.aadObjectConflict.rawValue else { return nil }
        guard let address = incident.address else { return "not in the log" }
        return address + (incident.addressSource == AddressSource.context.rawValue ? " (from the log around the message)" : " (from the message)")
    }

    private enum Style: String {
        case bold = "1", dim = "2", yellow = "33"
    }

    private func style(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    static func heading(_ kind: IncidentKind) -> String {
        switch kind {
        case .proxyAddressInUse: "Proxy address already in use"
        case .aadObjectConflict: "Conflicting Entra ID object"
        case .syncDuplicateAttribute: "Duplicate attribute in directory sync"
        }
    }

    /// `2026-11-16 09:14 UTC` from `2026-11-16T09:14:03Z`.
    static func shortTime(_ iso: String) -> String {
        let parts = iso.split(separator: "T")
        guard parts.count == 2 else { return iso }
        return parts[0] + " " + parts[1].prefix(5) + " UTC"
    }

    static func bytes(_ count: Int) -> String {
        switch count {
        case ..<1000: "\(count) B"
        case ..<1_000_000: String(format: "%.1f kB", Double(count) / 1e3)
        case ..<1_000_000_000: String(format: "%.1f MB", Double(count) / 1e6)
        default: String(format: "%.2f GB", Double(count) / 1e9)
        }
    }
}
