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
        #expect(PowerShell.ldapValue("nul\0") == "nul\\00")
    }

    @Test func proxyAddressFixUsesAnExactComparison() throws {
        var result = ScanResult()
        var finding = Finding(kind: .proxyAddressInUse, key: "smtp:o'neil@contoso.com", patternID: "p")
        finding.address = "SMTP:o'neil@contoso.com"
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        let remediation = try #require(Report(result: result).incidents.first?.remediation)
        #expect(remediation.commands.first == "Get-EXORecipient -ResultSize Unlimited | Where-Object { $_.EmailAddresses -contains 'smtp:o''neil@contoso.com' } | Format-List Name, RecipientType, EmailAddresses")
    }

    private func publicFolderReport(address: String?, source: AddressSource?) throws -> IncidentEntry {
        var result = ScanResult()
        var finding = Finding(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", patternID: "p")
        finding.objectType = "PublicFolder"
        finding.guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        finding.address = address
        finding.addressSource = source
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        return try #require(Report(result: result).incidents.first)
    }

    @Test func publicFolderConflictFollowsTheArticlesSteps() throws {
        let entry = try publicFolderReport(address: "SMTP:hr@contoso.com", source: .context)
        #expect(entry.addressSource == "context")
        #expect(entry.remediation.steps.map { String($0.prefix { $0 != ":" }) } == [
            "On-premises Exchange Management Shell", "Entra Connect server", "Entra Connect server", "Entra Connect server",
            "Entra Connect server", "Exchange Online",
        ])
        let commands = entry.remediation.commands
        #expect(commands.first?.hasPrefix("Get-MailPublicFolder -ResultSize Unlimited") == true)
        #expect(commands.contains("Start-ADSyncSyncCycle -PolicyType Delta"))
        #expect(commands.contains { $0.hasPrefix("Get-ADSyncToolsAadObject -SyncObjectType PublicFolder") && $0.contains("-icontains 'smtp:hr@contoso.com'") })
        #expect(commands.contains { $0.contains("Remove-ADSyncToolsAadObject") && $0.hasSuffix("-Confirm }") })
    }

    @Test func withoutAnAddressTheCommandsAskForIt() throws {
        let entry = try publicFolderReport(address: nil, source: nil)
        #expect(entry.addressSource == "none")
        #expect(Array(entry.remediation.commands.prefix(2)) == RemediationAddress.askCommands)
        #expect(entry.remediation.commands.dropFirst(2).allSatisfy { !$0.contains("<") })
        #expect(entry.remediation.commands.contains { $0.contains("-icontains $address") })
    }

    /// The "find" one-liner of the summaries runs pasted alone: the variables it uses are set,
    /// and the address checked, before it on the same line; a lookup without variables is alone.
    @Test func theFindLineSetsWhatItUses() throws {
        let asked = try #require(try publicFolderReport(address: nil, source: nil).remediation.lookup)
        let parts = asked.components(separatedBy: "; ")
        #expect(parts.count == 4)
        #expect(Array(parts.prefix(2)) == RemediationAddress.askCommands)
        #expect(parts[2] == "$cred = Get-Credential")
        #expect(parts[3].hasPrefix("Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred") && parts[3].contains("-icontains $address"))
        let known = try #require(try publicFolderReport(address: "SMTP:hr@contoso.com", source: .context).remediation.lookup)
        #expect(known.hasPrefix("$cred = Get-Credential; Get-ADSyncToolsAadObject") && !known.contains("Read-Host"))

        var result = ScanResult()
        var finding = Finding(kind: .proxyAddressInUse, key: "smtp:lee@contoso.com", patternID: "p")
        finding.address = "SMTP:lee@contoso.com"
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        let plain = try #require(Report(result: result).incidents.first?.remediation.lookup)
        #expect(plain.hasPrefix("Get-EXORecipient") && !plain.contains("; "))
    }
}
