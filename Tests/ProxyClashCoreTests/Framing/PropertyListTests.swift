import Foundation
import Testing
@testable import ProxyClashCore

/// PowerShell Format-List output: `Get-MgUser ... | Select-Object -ExpandProperty
/// OnPremisesProvisioningErrors` written with `>`, and object listings inside transcripts.
@Suite struct PropertyListTests {
    /// Two Graph errors as Windows PowerShell 5.1 prints them (blank lines around, CRLF).
    static let listing = [
        "", "",
        "Category             : PropertyConflict",
        "OccurredDateTime     : 11/26/2026 2:10:00 AM",
        "PropertyCausingError : ProxyAddresses",
        "Value                : SMTP:dana.fox@contoso.com",
        "AdditionalProperties : {}",
        "",
        "Category             : PropertyConflict",
        "OccurredDateTime     : 11/27/2026 9:45:12 PM",
        "PropertyCausingError : UserPrincipalName",
        "Value                : eli.moss@contoso.com",
        "AdditionalProperties : {}",
        "", "", "",
    ].joined(separator: "\r\n")

    private func summary(_ result: ScanResult) -> [String] {
        result.incidents.incidents.sorted { $0.key < $1.key }.map { incident in
            "\(incident.key) \(incident.firstSeen.map(ISO8601.format) ?? "-") line \(incident.sources.first?.line ?? 0)"
        }
    }

    @Test(arguments: [1, 7, 65_536])
    func graphErrorsListedGiveTheJSONFormsIncidents(readSize: Int) {
        let result = scanText(Self.listing, path: "errors.txt", readSize: readSize)
        #expect(result.inputs.map(\.format) == [.console])
        #expect(summary(result) == [
            "proxyaddresses|smtp:dana.fox@contoso.com 2026-11-26T02:10:00Z line 3",
            "userprincipalname|eli.moss@contoso.com 2026-11-27T21:45:12Z line 9",
        ])
        #expect(result.diagnostics.entries.isEmpty)
    }

    @Test func writtenWithRedirectionInWindowsPowerShellIsUTF16() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Self.listing.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes, readSize: 7), path: "errors.txt")
        #expect(result.inputs.map(\.encoding) == [.utf16LE])
        #expect(summary(result) == summary(scanText(Self.listing, path: "errors.txt")))
    }

    /// A cmdlet error as the console wraps it at 120 columns (cut inside `Microsoft`).
    static let error = "Set-Mailbox : The proxy address \"SMTP:gus@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook.com/"
        + "Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Gus Old\". Choose another proxy address."

    /// Inside a transcript, between a command and a cmdlet error: the list is one record dated by
    /// its own property, the error after it is still its own record, dated by the transcript's
    /// `Start time:` (no entry header, no server time).
    @Test func listingInsideATranscript() {
        let transcript = [
            "**********************",
            "Windows PowerShell transcript start",
            "Start time: 20261128090000",
            "**********************",
            "PS C:\\> Get-MgUser -UserId gus.lee@contoso.com -Property OnPremisesProvisioningErrors | Select-Object -ExpandProperty OnPremisesProvisioningErrors",
            "",
            "Category             : PropertyConflict",
            "OccurredDateTime     : 11/25/2026 6:00:00 AM",
            "PropertyCausingError : ProxyAddresses",
            "Value                : smtp:gus.lee@contoso.com",
            "AdditionalProperties : {}",
            "",
            "PS C:\\> Set-Mailbox gus.lee -EmailAddresses @{add='smtp:gus@contoso.com'}",
            String(Self.error.prefix(120)),
            String(Self.error.dropFirst(120)),
            "",
        ].joined(separator: "\r\n")
        let result = scanText(transcript, path: "PowerShell_transcript.HOST.txt")
        #expect(summary(result) == [
            "proxyaddresses|smtp:gus.lee@contoso.com 2026-11-25T06:00:00Z line 7",
            "smtp:gus@contoso.com 2026-11-28T09:00:00Z line 14",
        ])
        #expect(result.incidents.incidents.first { $0.key == "smtp:gus@contoso.com" }?.owners
            == ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Gus Old"])
    }

    /// A long value goes on over lines indented to the value's column; Format-List breaks at a
    /// space when it can, else inside a word, even right before a `.`.
    @Test func longValuesAreJoinedAcrossTheirContinuationLines() {
        var framer = ConsoleFramer(timestamps: TimestampParser(context: .init()), maxRecordLength: 1 << 20)
        let name = { (name: String) in name.padding(toLength: 21, withPad: " ", startingAt: 0) + ": " }
        let indent = String(repeating: " ", count: 23)
        let lines = [
            name("TimeCreated") + "11/28/2026 10:15:00 AM",
            name("Id") + "6941",
            name("Message") + "The proxy address \"SMTP:quinn.ray@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook",
            indent + ".com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Quinn Ray\". Choose another",
            indent + "proxy address.",
            name("LevelDisplayName") + "Error",
        ]
        #expect(lines[2].count == 120, "cut inside a word at the console width")
        let framed = frame(&framer, lines.joined(separator: "\n"))
        #expect(framed.records.map { $0.0 } == [
            "TimeCreated: 11/28/2026 10:15:00 AM\nId: 6941\nMessage: The proxy address \"SMTP:quinn.ray@contoso.com\" is already being used by "
                + "\"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Quinn Ray\". Choose another proxy address.\n"
                + "LevelDisplayName: Error\n",
        ])
        #expect(framed.records.map { $0.2 } == ["2026-11-28T10:15:00Z"])
        #expect(framed.records.map { $0.1 } == [1])
    }

    @Test func cmdletErrorsAndTranscriptHeadersAreNotProperties() {
        for line in ["New-Mailbox : The proxy address", "Start time: 20261128090000", "Username: CONTOSO\\admin", "  Indented : no", "x", ""] {
            #expect(Array(line.utf8).withUnsafeBytes { PropertyListBlock.colon(of: $0) } == nil, "\(line)")
        }
        #expect(Array("Value                : SMTP:x".utf8).withUnsafeBytes { PropertyListBlock.colon(of: $0) } == 21)
        #expect(Array("AdditionalProperties :".utf8).withUnsafeBytes { PropertyListBlock.colon(of: $0) } == 21)
    }

    @Test func aListingIsDetectedAndALogWithSomeColonsIsNot() {
        #expect(Array(Self.listing.utf8).withUnsafeBytes { InputFormat.detect(head: $0, path: "errors.txt") } == .console)
        let log = (0..<30).map { "2026-11-28T09:00:\(String(format: "%02d", $0))Z INFO step \($0) : done" }.joined(separator: "\n")
        #expect(Array(log.utf8).withUnsafeBytes { InputFormat.detect(head: $0, path: "run.log") } == .lines)
        // Level-padded lines repeat a few names: not an object listing.
        let padded = (0..<30).map { ["ERROR   : step \($0) failed", "INFO    : step \($0) done", "WARNING : slow"][$0 % 3] }.joined(separator: "\n")
        #expect(Array(padded.utf8).withUnsafeBytes { InputFormat.detect(head: $0, path: "run.log") } == .lines)
    }

    @Test func objectsWithoutAConflictGiveNothing() {
        let text = Self.listing.replacingOccurrences(of: "PropertyConflict", with: "Other")
        let result = scanText(text, path: "errors.txt")
        #expect(result.incidents.count == 0)
    }

    @Test func anOverlongListIsSplitAndSaid() {
        var framer = ConsoleFramer(timestamps: TimestampParser(context: .init()), maxRecordLength: 64)
        let framed = frame(&framer, (1...6).map { "Name\($0)  : value number \($0) of a long listing" }.joined(separator: "\n"))
        #expect(framed.problems == ["1: property list longer than 64 bytes: split at line 2", "3: property list longer than 64 bytes: split at line 4",
                                    "5: property list longer than 64 bytes: split at line 6"])
        #expect(framed.records.count == 3)
    }

    /// Whatever the console width (here 90, 103, 119), a value cut at it joins without a space.
    @Test(arguments: [79, 90, 103, 119, 121])
    func aValueCutAtAnyWidthIsJoinedWhole(width: Int) {
        let value = "Value                : SMTP:w\(width)." + String(repeating: "x", count: 70) + ".end@contoso.com"
        let text = ["", "Category             : PropertyConflict", "OccurredDateTime     : 11/26/2026 3:15:30 PM",
                    "PropertyCausingError : ProxyAddresses", String(value.prefix(width)),
                    String(repeating: " ", count: 23) + String(value.dropFirst(width)), "AdditionalProperties : {}", ""].joined(separator: "\r\n")
        let result = scanText(text, path: "errors.txt")
        #expect(result.incidents.incidents.map(\.key) == ["proxyaddresses|smtp:w\(width)." + String(repeating: "x", count: 70) + ".end@contoso.com"])
        #expect(result.diagnostics.entries.isEmpty)
    }

    /// A cut that falls on a space keeps it: it ends the line above or starts the continuation.
    @Test func aCutOnASpaceKeepsTheSpace() {
        var framer = ConsoleFramer(timestamps: TimestampParser(context: .init()), maxRecordLength: 1 << 20)
        let framed = frame(&framer, ["Owner : corp.example/Users/Jane", "         Doe", "Name  : x"].joined(separator: "\n"))
        #expect(framed.records.map { $0.0 } == ["Owner: corp.example/Users/Jane Doe\nName: x\n"])
    }

    /// A name seen again starts the next object (two objects without a blank line between).
    @Test func aRepeatedNameStartsTheNextObject() {
        var framer = ConsoleFramer(timestamps: TimestampParser(context: .init()), maxRecordLength: 1 << 20)
        let framed = frame(&framer, ["Name  : a", "Value : 1", "Name  : b", "Value : 2"].joined(separator: "\n"))
        #expect(framed.records.map { $0.0 } == ["Name: a\nValue: 1\n", "Name: b\nValue: 2\n"])
    }
}
