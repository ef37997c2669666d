import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct ScannerTests {
    static let log = [
        "2026-11-16T08:00:00Z INFO start",                                                                   // 1
        "2026-11-16T08:01:00Z INFO proxy address smtp:jane@contoso.com added",                               // 2
        #"2026-11-16T08:02:00Z ERROR The proxy address "SMTP:Jane@Contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane Old". Choose another proxy address."#, // 3
        "2026-11-16T08:03:00Z INFO object 0f8fad5b-d9cb-469f-a165-70867728950e updated",                     // 4
        #"2026-11-16T09:00:00Z ERROR The proxy address "smtp:jane@contoso.com" is already being used by "nampr05a001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane Old". Choose another proxy address."#, // 5
        "2026-11-16T09:30:00Z ERROR ConflictingObject: PublicFolder_3F2504E0-4F89-41D3-9A0C-0305E82C3301.", // 6
    ].joined(separator: "\r\n") + "\r\n"

    @Test(arguments: [1, 7, 65_536])
    func findsEveryConflictOnceWithItsLinesWhateverTheReadSize(readSize: Int) throws {
        let result = scanText(Self.log, readSize: readSize)
        let incidents = result.incidents.incidents
        #expect(incidents.map(\.key) == ["smtp:jane@contoso.com", "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301"])
        let jane = try #require(incidents.first)
        #expect(jane.occurrences == 2)
        #expect(jane.sources.map(\.line) == [3, 5])
        #expect(jane.firstSeen.map(ISO8601.format) == "2026-11-16T08:02:00Z")
        #expect(jane.lastSeen.map(ISO8601.format) == "2026-11-16T09:00:00Z")
        #expect(jane.owners == ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane Old"])
        #expect(jane.forests == ["nampr05a001.prod.outlook.com"])
        #expect(incidents.last?.sources.map(\.line) == [6])
        #expect(result.statistics.lines == 6)
        #expect(result.statistics.messages == 3)
    }

    @Test func smallReadSizeAndSmallRecordLimitGiveTheSameAnswer() {
        var options = ScanOptions()
        options.readSize = 64
        let small = scanText(Self.log, options: options)
        let large = scanText(Self.log)
        #expect(small.incidents.incidents == large.incidents.incidents)
    }

    @Test func overlongLineIsReportedAndTheScanGoesOn() throws {
        var options = ScanOptions()
        options.maxRecordLength = 1024
        options.readSize = 700  // the line does not fit in the buffer: it must be cut
        let text = "start\n" + String(repeating: "z", count: 5000) + "\n" + Self.log
        let result = scanText(text, readSize: 700, options: options)
        let diagnostic = try #require(result.diagnostics.entries.first { $0.category == .overlongRecord })
        #expect(diagnostic.line == 2)
        #expect(result.incidents.incidents.first?.sources.map(\.line) == [5, 7])
    }

    /// One scanner reads input after input through the same buffer: nothing of an input is seen
    /// with the next (here a header time the second input's untimed error would otherwise take).
    @Test func inputsScannedOneAfterAnotherShareNothing() {
        let scanner = Scanner(catalog: shippedCatalog)
        let first = scanner.scan(source: MemoryByteSource(Self.log + "[11/17/2026 9:40:12 AM] Creating mailbox\n"), path: "a.log")
        let second = scanner.scan(source: MemoryByteSource(#"The proxy address "SMTP:kim@contoso.com" is already being used by "Kim". Choose another proxy address."# + "\n"), path: "b.log")
        #expect(first.incidents.count == 2)
        #expect(second.incidents.incidents.map(\.key) == ["smtp:kim@contoso.com"])
        #expect(second.incidents.incidents.first?.firstSeen == nil)
        #expect(second.statistics.lines == 1)
    }

    @Test func binaryFileIsSkippedWithADiagnostic() {
        let result = scanText("\u{0}\u{1}\u{2}binary" + Self.log)
        #expect(result.incidents.count == 0)
        #expect(result.inputs.first?.status == .skipped)
        #expect(result.statistics.skipped == 1)
        #expect(result.diagnostics.entries.map(\.category) == [.skippedInput])
    }

    /// A script's own progress lines use Exchange's words without a holder: no incident, only
    /// an `unmatched-candidate` note, while Exchange's message next to them is found.
    @Test func lookAlikeProgressLinesAreNotConflicts() {
        let text = [
            #"2026-11-16T08:00:00Z INFO Checking whether the proxy address "SMTP:lee.chen@contoso.com" is already being used by another recipient: no"#,
            #"2026-11-16T08:00:01Z INFO The proxy address "SMTP:lee.chen@contoso.com" is already being used by this object; no change required"#,
            #"2026-11-16T08:00:02Z ERROR The proxy address "SMTP:ann@contoso.com" is already being used by "corp.example/Users/Ann". Choose another proxy address."#,
        ].joined(separator: "\n") + "\n"
        let result = scanText(text)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:ann@contoso.com"])
        #expect(result.diagnostics.entries.map(\.category) == [.unmatchedCandidate, .unmatchedCandidate])
    }

    /// PowerShell 7's coloured error view written to a file: the escape sequences never break the
    /// match nor reach the incident.
    @Test func colourSequencesAreTakenOutBeforeMatching() {
        let line = "\u{1B}[31;1mNew-MailUser: \u{1B}[31;1mThe proxy address \"SMTP:\u{1B}[1mivy@contoso.com\u{1B}[0m\" is already being used by \"corp.example/Users/Ivy\u{1B}]8;;http://x\u{7}\". Choose another proxy address.\u{1B}[0m\n"
        let result = scanText(line)
        let incident = result.incidents.incidents.first
        #expect(incident?.key == "smtp:ivy@contoso.com")
        #expect(incident?.owners == ["corp.example/Users/Ivy"])
    }

    @Test func placeholdersAndDecoysMakeNoIncidents() {
        let text = """
        The proxy address "SMTP:<conflicting SMTP address>" is already being used by "<domain>.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/<forest>". Choose another proxy address.
        Detailed error message: Another object with the same value for property proxyAddresses already exists. ConflictingObject: PublicFolder_<GUID value>
        Set-Mailbox jane -EmailAddresses @{add="smtp:jane@contoso.com"}
        User 0f8fad5b-d9cb-469f-a165-70867728950e has proxy address SMTP:jane@contoso.com
        The alias "sales" is already being used by another recipient.
        """
        let result = scanText(text)
        #expect(result.incidents.count == 0)
        #expect(result.diagnostics.counts == [.placeholder: 2, .unmatchedCandidate: 1])
        #expect(result.diagnostics.entries.first { $0.category == .unmatchedCandidate }?.line == 5)
    }

    @Test func recordWithoutTimeTakesItFromTheEntryHeaderAbove() throws {
        let text = """
        [11/17/2026 9:40:12 AM] Creating mailbox for Kim
        New-Mailbox : The proxy address "SMTP:kim@contoso.com" is already being used by "corp.example/Users/Kim". Please choose another proxy address.
            + CategoryInfo          : NotSpecified: (:) [New-Mailbox], ProxyAddressExistsException
        """
        let incident = try #require(scanText(text).incidents.incidents.first)
        #expect(incident.firstSeen.map(ISO8601.format) == "2026-11-17T09:40:12Z")
    }

    @Test func zonelessTimesUseTheConfiguredZone() throws {
        var options = ScanOptions()
        options.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let text = #"2026-11-16 10:00:00 The proxy address "SMTP:a@contoso.com" is already being used by "x/y". Choose another proxy address."#
        let incident = try #require(scanText(text, options: options).incidents.incidents.first)
        #expect(incident.firstSeen.map(ISO8601.format) == "2026-11-16T09:00:00Z")
    }

    @Test func separateScansMergeToTheSameIncidents() {
        let lines = Self.log.split(separator: "\r\n").map(String.init)
        var merged = scanText(lines[3...].joined(separator: "\n"), path: "b.log")
        merged.merge(scanText(lines[..<3].joined(separator: "\n"), path: "a.log"))
        var reversed = scanText(lines[..<3].joined(separator: "\n"), path: "a.log")
        reversed.merge(scanText(lines[3...].joined(separator: "\n"), path: "b.log"))
        #expect(merged.incidents.incidents == reversed.incidents.incidents)
        #expect(merged.incidents.incidents.first?.sources.map(\.description) == ["a.log:3", "b.log:2"])
    }

    @Test func missingPathIsAnUnreadableInput() {
        let result = Scanner(catalog: shippedCatalog).scan(InputItem(path: "/nonexistent/sync.log"))
        #expect(result.diagnostics.entries.map(\.description) == ["/nonexistent/sync.log: no such file or directory"])
        #expect(result.diagnostics.hasErrors)
        #expect(result.inputs.first?.status == .unreadable)
    }

    @Test func matchLimitFailureIsReportedForTheRecordOnly() throws {
        let yaml = """
        patterns:
          - id: slow
            kind: proxy-address-in-use
            title: Catastrophic
            prefilter: ["aaaa"]
            regex: '^(a+)+$(?<address>x)?'
            samples:
              - text: 'noise aaaa'
                expect: []
        """
        let catalog = try PatternCatalog.load(sources: [("slow.yaml", yaml)])
        var options = ScanOptions()
        options.matchLimit = 10_000
        let result = scanText(String(repeating: "a", count: 40) + "b\nok\n", options: options, catalog: catalog)
        #expect(result.diagnostics.counts[.matchLimit] == 1)
        #expect(result.statistics.lines == 2)
    }
}
