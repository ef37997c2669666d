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
