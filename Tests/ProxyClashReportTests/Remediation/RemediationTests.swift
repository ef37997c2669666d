import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct RemediationTests {
    @Test func valuesAreQuotedForPowerShell() {
        #expect(PowerShell.quote("o'brien@contoso.com") == "'o''brien@contoso.com'")
        #expect(PowerShell.quote("a’b") == "'a’’b'")
        #expect(PowerShell.quote("$(Remove-Item C:\\ -Recurse)") == "'$(Remove-Item C:\\ -Recurse)'")
        #expect(PowerShell.ldapValue("a*(b)\\c") == "a\\2a\\28b\\29\\5cc")
    }

    @Test func proxyAddressFixUsesAnExactComparison() throws {
        var result = ScanResult()
        var finding = Finding(kind: .proxyAddressInUse, key: "smtp:o'neil@contoso.com", patternID: "p")
        finding.address = "SMTP:o'neil@contoso.com"
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        let remediation = try #require(Report(result: result).incidents.first?.remediation)
        #expect(remediation.commands.first == "Get-EXORecipient -ResultSize Unlimited | Where-Object { $_.EmailAddresses -contains 'smtp:o''neil@contoso.com' } | Format-List Name, RecipientType, EmailAddresses")
    }

    @Test func publicFolderConflictGetsTheADSyncToolsSteps() throws {
        var result = ScanResult()
        var finding = Finding(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", patternID: "p")
        finding.objectType = "PublicFolder"
        finding.guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        let commands = try #require(Report(result: result).incidents.first?.remediation.commands)
        #expect(commands.contains("Import-Module ADSyncTools"))
        #expect(commands.contains { $0.hasPrefix("Get-ADSyncToolsAadObject -SyncObjectType PublicFolder") })
        #expect(commands.contains { $0.hasPrefix("Remove-ADSyncToolsAadObject") && $0.hasSuffix("-Confirm") })
    }
}
