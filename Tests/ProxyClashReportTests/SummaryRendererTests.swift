import Testing
@testable import ProxyClashReport

@Suite struct MarkdownEscapingTests {
    @Test func valuesCannotBreakTheTableOrMakeLinks() {
        #expect(Markdown.cell("a|b [x](http://evil) <img> *y*\nz") == "a\\|b \\[x\\]\\(http://evil\\) \\<img\\> \\*y\\* z")
        #expect(Markdown.code("Where-Object { $_ -contains 'a' } | Format-List `x`") == "`Where-Object { $_ -contains 'a' } \\| Format-List 'x'`")
    }
}

import Foundation
import ProxyClashCore
import ProxyClashHistory

@Suite struct RemediationScriptTests {
    private func incident(kind: IncidentKind, key: String, address: String? = nil, objectType: String? = nil, guid: String? = nil) -> Incident {
        Incident(kind: kind, key: key, occurrences: 2, firstSeen: nil, lastSeen: nil, address: address, owners: ["Evil $(Remove-Item C:\\)"],
                 forests: [], tenants: [], objectType: objectType, guid: guid, attribute: nil, value: nil, sources: [], sourceTotal: 2, patternIDs: [])
    }

    @Test func valuesFromLogsCannotRunCommands() {
        let script = RemediationScript.script(for: [incident(kind: .proxyAddressInUse, key: "smtp:o'neil$(whoami)@contoso.com", address: "SMTP:o'neil$(whoami)@contoso.com")],
                                              source: "ops.sqlite", generatedAt: Date(timeIntervalSince1970: 0))
        // Every use of the address is a single-quoted literal with the quote doubled.
        #expect(script.contains("-contains 'smtp:o''neil$(whoami)@contoso.com'"))
        #expect(script.contains("Confirm-Change ('Remove ' + 'smtp:o''neil$(whoami)@contoso.com' + ' from ' + $holder)"))
        #expect(!script.contains("\"smtp:o'neil"))
        // The owner only ever appears in a comment.
        let ownerLines = script.split(separator: "\n").filter { $0.contains("Remove-Item") }
        #expect(ownerLines.allSatisfy { $0.hasPrefix("#") })
    }

    @Test func changesWaitForYes() {
        let script = RemediationScript.script(for: [
            incident(kind: .proxyAddressInUse, key: "smtp:a@contoso.com", address: "SMTP:a@contoso.com"),
            incident(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", objectType: "PublicFolder", guid: "3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
        ], source: "ops.sqlite", generatedAt: Date(timeIntervalSince1970: 0))
        let lines = script.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.contains("Set-Mailbox ") || line.contains("Remove-ADSyncToolsAadObject ") {
            #expect(!line.hasPrefix("#"))
            // Inside an `if (... Confirm-Change ...)` block opened above it.
            #expect(lines[..<index].last { $0.hasPrefix("if (") }?.contains("Confirm-Change") == true)
        }
        #expect(script.contains("Import-Module ADSyncTools"))
        #expect(script.contains("Get-ADSyncToolsAadObject -SyncObjectType PublicFolder"))
    }
}

@Suite struct SummaryCSVTests {
    @Test func cellsAreQuotedAndFormulasNeutralised() {
        #expect(SummaryCSV.cell("plain") == "\"plain\"")
        #expect(SummaryCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SummaryCSV.cell("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"")
        #expect(SummaryCSV.cell("+1") == "\"'+1\"")
        #expect(SummaryCSV.cell("-2") == "\"'-2\"")
        #expect(SummaryCSV.cell("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(SummaryCSV.cell("a,b\r\nc") == "\"a,b\r\nc\"")
    }
}

@Suite struct SummaryHTMLTests {
    private func hostileSummary() throws -> String {
        let incident = Incident(kind: .proxyAddressInUse, key: "smtp:x@contoso.com", occurrences: 1, firstSeen: nil, lastSeen: nil,
                                address: "SMTP:<script>alert(1)</script>@contoso.com", owners: ["\"><img src=x onerror=alert(2)>", "a&b"],
                                forests: [], tenants: [], objectType: nil, guid: nil, attribute: nil, value: nil, sources: [], sourceTotal: 1, patternIDs: [])
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        let summary = WeeklySummary(label: "2026-W47", window: week,
                                    incidents: [SummaryIncident(incident: incident, status: .new, undated: 1, weeksSeen: 1, perDay: [1, 0, 0, 0, 0, 0, 0])],
                                    perDay: [1, 0, 0, 0, 0, 0, 0], runs: 1)
        return try SummaryFormat.html.render(SummaryReport(summary, generatedAt: Date(timeIntervalSince1970: 0)))
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
