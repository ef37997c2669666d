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
        #expect(html.contains(#"<span class="np">SMTP:&lt;script&gt;alert(1)&lt;/</span><wbr><span class="np">script&gt;@</span><wbr>"#))
        #expect(html.contains(#"<span class="np">&quot;&gt;&lt;img</span> <span class="np">src=x</span> <span class="np">onerror=alert(2)&gt;;</span><wbr> <span class="np">a&amp;b</span>"#))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#))
        // Self-contained: nothing is fetched.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    }

    @Test func chartHasOneBarPerDay() throws {
        let html = try hostileSummary()
        #expect(html.components(separatedBy: "fill=\"#0969da\"").count - 1 == 7)
        #expect(html.contains("<title>Mon: 1</title>"))
    }

    /// Addresses and owner paths may wrap only between their parts (after `@`, `.`, `/`, `;`).
    @Test func addressesBreakOnlyBetweenTheirParts() {
        #expect(SummaryHTMLRenderer.breakable("SMTP:lee.chen@contoso.com")
            == #"<span class="np">SMTP:lee.</span><wbr><span class="np">chen@</span><wbr><span class="np">contoso.</span><wbr><span class="np">com</span>"#)
        #expect(SummaryHTMLRenderer.breakable("PublicFolder_3f25-04e0")
            == #"<span class="np">PublicFolder_</span><wbr><span class="np">3f25-04e0</span>"#)
    }
}
