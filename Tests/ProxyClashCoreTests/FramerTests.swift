import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct FormatDetectionTests {
    private func detect(_ text: String, path: String = "x.log") -> InputFormat {
        Array(text.utf8).withUnsafeBytes { InputFormat.detect(head: $0, path: path) }
    }

    @Test func detectsByContent() {
        #expect(detect("#TYPE System.Management.Automation.PSCustomObject\n\"a\",\"b\"\n") == .csv)
        #expect(detect("\"Identity\";\"Timestamp\";\"Result\"\r\n") == .csv)
        #expect(detect("Identity,Result\nx,y\n", path: "export.CSV") == .csv)
        #expect(detect("Identity,Result\nx,y\n", path: "export.log") == .lines)
        #expect(detect("**********************\nWindows PowerShell transcript start\n") == .console)
        #expect(detect("x\n    + CategoryInfo          : NotSpecified: (:) [Set-Mailbox]\n") == .console)
        #expect(detect("2026-11-16T08:00:00Z INFO start\n") == .lines)
        #expect(detect("  {\"value\": []}") == .json)
        #expect(detect("[{\"Key\":\"ObjectId\"}]") == .json)
        #expect(detect("[11/17/2026 9:40:12 AM] Creating mailbox\n") == .lines)
        #expect(detect("[15:52:17.674] [ 13] [ERROR] x\n") == .lines)
        // Markers far into the head, CRLF line ends, mail headers.
        #expect(detect(String(repeating: "2026-11-16T08:00:00Z INFO step\r\n", count: 900) + "PS C:\\> Get-Mailbox\r\n") == .console)
        #expect(detect(String(repeating: "2026-11-16T08:00:00Z INFO step\n", count: 900) + "PS C:\\> Get-Mailbox\n") == .console)
        #expect(detect("From: ops@contoso.com\r\nSubject: sync errors\r\n\r\nbody\r\n") == .email)
        #expect(detect("From: ops@contoso.com\r\nnot a header line\r\n\r\nSubject: x\r\n") == .lines)
    }
}

@Suite struct ConsoleFramerTests {
    /// A message word-wrapped at 120 columns, a hard wrap inside a word, and an entry header.
    static let transcript = [
        "PS C:\\> .\\Fix.ps1",
        "[11/19/2026 7:02:11 AM] Adding alias",
        "Write-ErrorMessage : ExB10BE9|Microsoft.Exchange.Management.Tasks.WLCDManagedMemberExistsException|The proxy address",
        "\"SMTP:nora.diaz@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted",
        "Organizations/contoso.onmicrosoft.com/Nora Diaz (archive)\". Please choose another proxy address.",
        "    + FullyQualifiedErrorId : [Server=SA1PR05MB8123,RequestId=0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0,TimeStamp=Thu, 19 Nov",
        "   2026 07:02:12 GMT],Write-ErrorMessage",
        "Set-Mailbox : Ex1472D1|Microsoft.Exchange.Data.ProxyAddressExistsException|The proxy address \"SMTP:omar.haddad@contoso.c",
        "om\" is already being used by \"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.c",
        "om/Omar Haddad\". Please choose another proxy address.",
    ].joined(separator: "\r\n") + "\r\n"

    @Test(arguments: [1, 7, 65_536])
    func wrappedMessagesAreJoinedWhateverTheReadSize(readSize: Int) throws {
        var options = ScanOptions()
        options.forcedFormat = .console
        let result = scanText(Self.transcript, readSize: readSize, options: options)
        let incidents = result.incidents.incidents.sorted { $0.key < $1.key }
        #expect(incidents.map(\.key) == ["smtp:nora.diaz@contoso.com", "smtp:omar.haddad@contoso.com"])
        #expect(incidents.map(\.owners) == [
            ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Nora Diaz (archive)"],
            ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Omar Haddad"],
        ])
        #expect(incidents.map { $0.sources.map(\.line) } == [[3], [8]])
        #expect(incidents.allSatisfy { $0.firstSeen.map(ISO8601.format) == "2026-11-19T07:02:11Z" })
    }

    @Test func detectionPicksConsoleForTranscripts() {
        let result = scanText("**********************\r\nWindows PowerShell transcript start\r\n" + Self.transcript)
        #expect(result.inputs.first?.format == .console)
        #expect(result.incidents.count == 2)
    }

    @Test func theSameTextReadAsLinesMissesTheWrappedMessage() {
        var options = ScanOptions()
        options.forcedFormat = .lines
        // Proves the framer matters: a transcript's lines do not start with timestamps, so read
        // as plain lines nothing tells a wrap from the next entry, and the wrapped address and
        // owner are cut.
        let keys = scanText(Self.transcript, options: options).incidents.incidents.map(\.key)
        #expect(!keys.contains("smtp:omar.haddad@contoso.com"))
    }
}

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
        #expect(result.statistics.records == 8)
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

@Suite struct OperationSummaryCSVTests {
    /// `Sync-MailPublicFolders.ps1` writes its summary with a `#`-prefixed header and quotes cells
    /// only when needed (`EscapeCsvColumn`).
    @Test func hashHeaderAndUnquotedCells() throws {
        let text = """
        #Timestamp,Identity,Operation,Result,Command
        11/22/2026 3:04:05 AM,,Update,"The proxy address ""SMTP:hr@contoso.com"" is already being used by the proxy addresses or LegacyExchangeDN of ""HR"". Please choose another proxy address.","Set-MailPublicFolder -Identity HR"
        11/22/2026 3:04:09 AM,8f1c0d2e-1111-4a2b-9c3d-5e6f7a8b9c0d,Update,Succeeded,Set-MailPublicFolder -Identity Sales

        """
        let result = scanText(text, path: "SyncMailPublicFolders_summary.csv")
        #expect(result.inputs.first?.format == .csv)
        let incident = try #require(result.incidents.incidents.first)
        #expect(incident.key == "smtp:hr@contoso.com")
        #expect(incident.owners == ["HR"])
        #expect(incident.firstSeen.map(ISO8601.format) == "2026-11-22T03:04:05Z")
        #expect(incident.sources.map(\.line) == [2])
    }
}
