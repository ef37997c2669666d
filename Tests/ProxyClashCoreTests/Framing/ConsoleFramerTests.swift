import Foundation
import Testing
@testable import ProxyClashCore

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
        // nora's error block carries the server's TimeStamp (wrapped inside the token); omar's has
        // none and takes the entry header's.
        #expect(incidents.map { $0.firstSeen.map(ISO8601.format) } == ["2026-11-19T07:02:12Z", "2026-11-19T07:02:11Z"])
    }

    /// PowerShell word-wraps before a long holder, leaving a line far shorter than the console:
    /// a line that stops at "is already being used by" is always continued, in a transcript and
    /// in a timestamped plain log; a line stopping elsewhere that short is not.
    @Test func aMessageCutRightBeforeItsHolderIsJoined() throws {
        let transcript = [
            "**********************", "Windows PowerShell transcript start", "Start time: 20261126081500", "**********************",
            "WARNING: The command completed successfully but no settings of 'Nina Sato' have been modified; the address book policy was not applied.",
            "PS C:\\> New-MailContact -Name 'Nina Sato' -ExternalEmailAddress nina.sato@partner.example",
            "New-MailContact : The proxy address \"SMTP:nina.sato@partner.example\" is already being used by",
            "\"corp.northwindtraders.com/Contacts/Nina Sato\". Please choose another proxy address.",
            "    + CategoryInfo          : NotSpecified: (0:Int32) [New-MailContact], ProxyAddressExistsException",
            "PS C:\\> Get-Date", "Short line that is not a message", "\"and a quoted line after it\"",
        ].joined(separator: "\r\n") + "\r\n"
        // The plain log's line is shorter than 80 characters.
        let plain = (0..<20).map { "2026-11-26T08:\(10 + $0):00Z INFO Contact batch step \($0)" }
            + ["2026-11-26T08:40:00Z The proxy address \"SMTP:ns@p.io\" is already being used by",
               "  \"corp.northwindtraders.com/Contacts/Nina Sato\". Please choose another proxy address."]
            + (0..<5).map { "2026-11-26T08:5\($0):00Z INFO Contact batch done \($0)" }
        #expect(plain[20].count < 80)
        // Wrapped inside the quoted holder too: every line short, the quote open until the last.
        var inside = plain
        inside[21...21] = ["  \"corp.northwindtraders.com/Contacts/Partners Europe", "  Nina Sato\". Please choose another proxy address."]
        let nina = "corp.northwindtraders.com/Contacts/Nina Sato"
        for (text, format, key, owner) in [(transcript, InputFormat.console, "smtp:nina.sato@partner.example", nina),
                                           (plain.joined(separator: "\n") + "\n", .lines, "smtp:ns@p.io", nina),
                                           (inside.joined(separator: "\n") + "\n", .lines, "smtp:ns@p.io", "corp.northwindtraders.com/Contacts/Partners Europe Nina Sato")] {
            let result = scanText(text, readSize: 64)
            #expect(result.inputs.first?.format == format)
            #expect(result.incidents.incidents.map(\.key) == [key])
            #expect(result.incidents.incidents.first?.owners == [owner])
            #expect(result.diagnostics.entries.isEmpty)
        }
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

/// Where a transcript's errors get their time (issue #14): the server's `TimeStamp=` in the
/// error's own block, wrapped inside the token or not, beats the entry header; the transcript's
/// `Start time:` (local time, `--timezone`) dates what has nothing better.
@Suite struct TranscriptDatingTests {
    static func transcript(fqid: [String]) -> String {
        ([
            "**********************", "Windows PowerShell transcript start", "Start time: 20261116091222", "**********************",
            "PS C:\\> New-Mailbox -Shared -Name Ann",
            "New-Mailbox : The proxy address \"SMTP:ann@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted",
            "Organizations/contoso.onmicrosoft.com/Ann Old\". Choose another proxy address.",
            "At line:1 char:1",
            "+ New-Mailbox -Shared -Name Ann",
            "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "    + CategoryInfo          : NotSpecified: (:) [New-Mailbox], ProxyAddressExistsException",
        ] + fqid + [
            "PS C:\\> Set-Mailbox bob -EmailAddresses @{add='smtp:bob@contoso.com'}",
            "Set-Mailbox : The proxy address \"SMTP:bob@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook.com/Bob\".",
            "",
        ]).joined(separator: "\r\n")
    }

    private func times(_ text: String, zone: TimeZone = .gmt) -> [String] {
        var options = ScanOptions()
        options.timeZone = zone
        return scanText(text, path: "PowerShell_transcript.ADM01.txt", options: options).incidents.incidents
            .sorted { $0.key < $1.key }.map { "\($0.key) \($0.firstSeen.map(ISO8601.format) ?? "-")" }
    }

    @Test func theServersTimeStampDatesItsError() {
        let text = Self.transcript(fqid: ["    + FullyQualifiedErrorId : [Server=SA1PR05MB8123,RequestId=0b1c2d3e,TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT] [FailureCategory=Cmdlet-ProxyAddressExistsException] 0,New-Mailbox"])
        #expect(times(text) == ["smtp:ann@contoso.com 2026-11-16T09:14:03Z", "smtp:bob@contoso.com 2026-11-16T09:12:22Z"])
    }

    @Test func aTimeStampWrappedInsideTheTokenStillDates() {
        let first = "    + FullyQualifiedErrorId : [Server=SA1PR05MB8123,RequestId=0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0,TimeStamp=Mon, 16 Nov"
        let text = Self.transcript(fqid: [first, "   2026 09:14:03 GMT],New-Mailbox"])
        #expect(first.count == 120)
        #expect(times(text).first == "smtp:ann@contoso.com 2026-11-16T09:14:03Z")
    }

    @Test func theStartTimeIsTheHostsLocalTime() {
        let text = Self.transcript(fqid: [])
        #expect(times(text, zone: TimeZone(identifier: "Europe/Berlin")!) == [
            "smtp:ann@contoso.com 2026-11-16T08:12:22Z", "smtp:bob@contoso.com 2026-11-16T08:12:22Z",
        ])
    }
}

/// The console may cut a `TimeStamp=` anywhere, and a wide line elsewhere in the block may stop
/// the framer from joining the pieces: the server's time is still read (a new user's sweep over
/// every cut position found 10 of 39 missed).
@Suite struct WrappedTimeStampTests {
    private static let fqid = "    + FullyQualifiedErrorId : [Server=SA1PR05MB8123,RequestId=3f1c2a77-9b1e-4d2a-8c1e-1a2b3c4d5e6f,TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT] [FailureCategory=Cmdlet-ProxyAddressExistsException] 1472D1,New-Mailbox"

    private func time(cutAt cut: Int, wideEcho: Bool) -> String? {
        let lines = [
            "Start time: 20261116091222",
            "New-Mailbox : The proxy address \"SMTP:ann@contoso.com\" is already being used by \"corp.example/Users/Ann\".",
            "At line:1 char:1",
            "+ New-Mailbox -Name Ann" + (wideEcho ? String(repeating: " -Alias x", count: 16) : ""),
            "    + CategoryInfo          : NotSpecified: (:) [New-Mailbox], ProxyAddressExistsException",
            String(Self.fqid.prefix(cut)), String(Self.fqid.dropFirst(cut)), "",
        ]
        var options = ScanOptions()
        options.forcedFormat = .console
        return scanText(lines.joined(separator: "\r\n"), options: options).incidents.incidents.first?.firstSeen.map(ISO8601.format)
    }

    @Test(arguments: [false, true])
    func everyCutPositionReadsTheServersTime(wideEcho: Bool) {
        let start = Self.fqid.range(of: "TimeStamp")!.lowerBound.utf16Offset(in: Self.fqid) - 2
        for cut in start..<(start + 40) {
            #expect(time(cutAt: cut, wideEcho: wideEcho) == "2026-11-16T09:14:03Z", "cut at \(cut)")
        }
    }

    @Test func aDayFirstServerLocaleIsRead() {
        #expect(ErrorBlock.serverTime(in: Array("+FullyQualifiedErrorId:[Server=S,TimeStamp=17/11/202614:05:01]".utf8))
            .map(ISO8601.format) == "2026-11-17T14:05:01Z")
        #expect(ErrorBlock.serverTime(in: Array("TimeStamp=11/17/20262:05:01PM]".utf8)).map(ISO8601.format) == "2026-11-17T14:05:01Z")
    }

    /// A cut at the console width right before a space keeps the space: owner paths stay whole.
    @Test func aSpaceAtTheCutIsKept() {
        let message = "New-Mailbox : The proxy address \"SMTP:dave@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Dave\". Choose another proxy address."
        let cut = message.range(of: " Exchange")!.lowerBound.utf16Offset(in: message)
        let lines = [String(repeating: "x", count: cut), String(message.prefix(cut)), String(message.dropFirst(cut)), ""]
        var options = ScanOptions()
        options.forcedFormat = .console
        let owners = scanText(lines.joined(separator: "\r\n"), options: options).incidents.incidents.first?.owners
        #expect(owners == ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Dave"])
    }
}
