import Foundation
import ProxyClashCore
import ProxyClashSummary
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct SummaryControlCharacterTests {
    /// ESC starting a colour sequence, BEL, and the C1 CSI (U+009B).
    static let hostile = "\u{1B}[31mred\u{07}bell\u{9B}2J"

    private func render(_ format: SummaryFormat) throws -> String {
        let incident = Incident(kind: .proxyAddressInUse, key: "smtp:x@contoso.com", occurrences: 1, firstSeen: nil, lastSeen: nil,
                                address: "SMTP:x" + Self.hostile + "@contoso.com", owners: ["Owner " + Self.hostile],
                                forests: [], tenants: [], objectType: nil, guid: nil, attribute: nil, value: nil, sources: [], sourceTotal: 1, patternIDs: [])
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        let summary = WeeklySummary(label: "2026-W47", window: week,
                                    incidents: [SummaryIncident(incident: incident, status: .new, undated: 1, weeksSeen: 1, perDay: [1, 0, 0, 0, 0, 0, 0])],
                                    perDay: [1, 0, 0, 0, 0, 0, 0], runs: 1)
        return try format.renderer.render(SummaryReport(summary, generatedAt: Date(timeIntervalSince1970: 0)))
    }

    private func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
    }

    @Test(arguments: [SummaryFormat.markdown, .html, .text])
    func controlCharactersAreShownAsTheTextReportShowsThem(format: SummaryFormat) throws {
        let output = try render(format)
        #expect(!hasControlCharacters(output))
        let visible = TerminalText.safe(Self.hostile)
        #expect(visible.contains("\\u{1B}") && visible.contains("\\u{7}") && visible.contains("\\u{9B}"))
        // The address is in a code span (Markdown) or an HTML-escaped cell (in parts that do not
        // break inside, joined by break opportunities), so it reads exactly as on a terminal.
        let shown = format != .html ? output : output.replacingOccurrences(of: #"<span class="np">"#, with: "")
            .replacingOccurrences(of: "</span>", with: "").replacingOccurrences(of: "<wbr>", with: "")
        #expect(shown.contains("SMTP:x" + visible + "@contoso.com"))
    }

    @Test func markdownCellsEscapeTheBackslashOfTheVisibleForm() {
        #expect(Markdown.cell(Self.hostile) == Markdown.cell(TerminalText.safe(Self.hostile)))
        #expect(Markdown.cell("\u{1B}").hasPrefix("\\\\u{1B}"))
        #expect(Markdown.code("a\u{07}b") == "`" + TerminalText.safe("a\u{07}b") + "`")
    }
}
