import Foundation
import Testing
@testable import ProxyClashCore

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
