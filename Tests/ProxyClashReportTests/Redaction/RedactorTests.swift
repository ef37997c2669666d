import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashReport

@Suite struct RedactorTests {
    private let incident = Incident(
        kind: .proxyAddressInUse, key: "smtp:jane.doe@contoso.com", occurrences: 3, firstSeen: nil, lastSeen: nil,
        address: "SMTP:jane.doe@contoso.com",
        owners: ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane Doe"],
        forests: ["nampr05a001.prod.outlook.com", "corp.contoso.com"], tenants: ["contoso.onmicrosoft.com"],
        objectType: nil, guid: nil, attribute: nil, value: nil, sources: [SourceRef(path: "a.log", line: 4)], sourceTotal: 3, patternIDs: ["p"])

    @Test func pseudonymsAreStablePerKeyAndHideTheValues() {
        let one = Redactor(key: Data("k1".utf8), mode: .full).redact(incident)
        let again = Redactor(key: Data("k1".utf8), mode: .full).redact(incident)
        let otherKey = Redactor(key: Data("k2".utf8), mode: .full).redact(incident)
        #expect(one == again)
        #expect(one.key != otherKey.key)
        #expect(one.id == Incident.id(kind: .proxyAddressInUse, key: one.key))
        let everything = "\(one)"
        for secret in ["jane", "contoso", "Jane Doe"] { #expect(!everything.lowercased().contains(secret.lowercased())) }
        #expect(one.forests.contains("nampr05a001.prod.outlook.com"))  // Microsoft's forest names nobody
        #expect(one.occurrences == 3 && one.sources == incident.sources)
    }

    @Test func localPartModeKeepsDomainsAndTenants() {
        let redacted = Redactor(key: Data("k".utf8), mode: .localPart).redact(incident)
        #expect(redacted.address?.hasPrefix("SMTP:u-") == true)
        #expect(redacted.address?.hasSuffix("@contoso.com") == true)
        #expect(redacted.tenants == ["contoso.onmicrosoft.com"])
        #expect(redacted.owners.allSatisfy { $0.hasPrefix("owner-") })
    }

    @Test func reportsCarryNoOriginalValueAnywhere() throws {
        var result = ScanResult()
        var finding = Finding(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", patternID: "p")
        finding.objectType = "PublicFolder"
        finding.guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        result.incidents.add(finding, source: SourceRef(path: "a.log", line: 1))
        result.diagnostics.record(Diagnostic(path: "a.log", line: 2, category: .unmatchedCandidate,
                                             message: "mentions a conflict keyword but matched no pattern: user jane@contoso.com object {3F2504E0-4F89-41D3-9A0C-0305E82C3301}"))
        let json = try JSONReportRenderer().render(Report(result: result, redactor: Redactor(key: Data("k".utf8), mode: .full)))
        #expect(!json.lowercased().contains("3f2504e0"))
        #expect(!json.contains("jane@contoso.com"))
        #expect(json.contains("publicfolder_"))
    }
}
