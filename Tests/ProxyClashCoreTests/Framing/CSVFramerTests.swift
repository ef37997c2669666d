import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct CSVFramerTests {
    static let export = [
        "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord",
        "\"Id\",\"TimeCreated\",\"Message\"",
        "\"6941\",\"11/18/2026 2:30:11 AM\",\"ECMA2 MA export run caused an error.",
        "",
        "Error Name: AttributeValueMustBeUnique",
        "Error Detail: Unable to update this object because the following attributes associated with this object have values that may already be associated with another object in your local directory services: [ProxyAddresses SMTP:john@contoso.com;]. Correct it.\"",
        "\"6100\",\"11/18/2026 2:31:00 AM\",\"Export done, 1 error\"",
        "\"1\",\"11/18/2026 2:40:00 AM\",\"Quoted \"\"proxy\"\" text; The proxy address \"\"SMTP:ann@contoso.com\"\" is already being used by \"\"corp.example/Users/Ann\"\". Choose another proxy address.\"",
    ].joined(separator: "\r\n") + "\r\n"

    @Test(arguments: [1, 7, 65_536])
    func rowsWithLineBreaksAndDoubledQuotesAreOneRecord(readSize: Int) throws {
        let result = scanText(Self.export, path: "events.csv", readSize: readSize)
        #expect(result.inputs.first?.format == .csv)
        let incidents = result.incidents.incidents.sorted { $0.key < $1.key }
        #expect(incidents.map(\.key) == ["proxyaddresses|smtp:john@contoso.com", "smtp:ann@contoso.com"])
        #expect(incidents.map { $0.sources.map(\.line) } == [[3], [8]])
        #expect(incidents.map { $0.firstSeen.map(ISO8601.format) } == ["2026-11-18T02:30:11Z", "2026-11-18T02:40:00Z"])
        #expect(incidents.last?.owners == ["corp.example/Users/Ann"])
        #expect(result.statistics.lines == 8)
    }

    @Test func semicolonSeparatedWithTimestampColumn() throws {
        let text = "\"Identity\";\"Timestamp\";\"Result\"\n\"a\";\"2026-11-20 09:12:44\";\"The proxy address \"\"SMTP:a@contoso.com\"\" is already being used by \"\"x/y\"\". Choose another proxy address.\"\n"
        let incident = try #require(scanText(text).incidents.incidents.first)
        #expect(incident.key == "smtp:a@contoso.com")
        #expect(incident.firstSeen.map(ISO8601.format) == "2026-11-20T09:12:44Z")
    }

    @Test func unterminatedQuoteKeepsEarlierRowsAndSaysWhere() throws {
        let text = Self.export + "\"2\",\"11/18/2026 2:50:00 AM\",\"never closed\r\nmore text\r\n"
        let result = scanText(text, path: "events.csv")
        #expect(result.incidents.count == 2)
        let problem = try #require(result.diagnostics.entries.first { $0.category == .damagedInput })
        #expect(problem.line == 9)
        #expect(problem.message.hasPrefix("CSV quoted cell opened in the row starting here is never closed"))
    }

    @Test func overlongRowIsCutAndReported() throws {
        var options = ScanOptions()
        options.maxRecordLength = 1024
        let long = String(repeating: "x", count: 3000)
        let text = "\"Id\",\"Message\"\n\"1\",\"\(long)\"\n\"2\",\"The proxy address \"\"SMTP:b@contoso.com\"\" is already being used by \"\"x/y\"\".\"\n"
        let result = scanText(text, path: "rows.csv", options: options)
        #expect(result.diagnostics.counts[.overlongRecord] == 1)
        #expect(result.diagnostics.entries.first?.line == 2)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:b@contoso.com"])
        #expect(result.incidents.incidents.first?.sources.map(\.line) == [3])
    }
}
