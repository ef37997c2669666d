import Foundation
import ProxyClashCore
import ProxyClashSummary
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct SummaryHTMLTests {
    private func hostileSummary() throws -> String {
        let incident = Incident(kind: .proxyAddressInUse, key: "smtp:x@contoso.com", occurrences: 1, firstSeen: nil, lastSeen: nil,
                                address: "SMTP:<script>alert(1)</script>@contoso.com", owners: ["\"><img src=x onerror=alert(2)>", "a&b"],
                                forests: [], tenants: [], objectType: nil, guid: nil, attribute: nil, value: nil, sources: [], sourceTotal: 1, patternIDs: [])
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        let summary = WeeklySummary(label: "2026-W47", window: week,
                                    incidents: [SummaryIncident(incident: incident, status: .new, undated: 1, weeksSeen: 1, perDay: [1, 0, 0, 0, 0, 0, 0])],
                                    perDay: [1, 0, 0, 0, 0, 0, 0], runs: 1)
        return try SummaryFormat.html.renderer.render(SummaryReport(summary, generatedAt: Date(timeIntervalSince1970: 0)))
    }

    @Test func everyValueIsEscapedAndNothingRuns() throws {
        let html = try hostileSummary()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;; a&amp;b"))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#))
        // Self-contained: nothing is fetched.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    }

    @Test func chartHasOneBarPerDay() throws {
        let html = try hostileSummary()
        #expect(html.components(separatedBy: "fill=\"#0969da\"").count - 1 == 7)
        #expect(html.contains("<title>Mon: 1</title>"))
    }
}
