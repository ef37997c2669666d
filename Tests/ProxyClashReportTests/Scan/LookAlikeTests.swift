import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashReport

@Suite struct LookAlikeTests {
    private func incident(_ address: String) -> Incident {
        Incident(kind: .proxyAddressInUse, key: address.lowercased(), occurrences: 1, firstSeen: nil, lastSeen: nil, address: address,
                 owners: [], forests: [], tenants: [], objectType: nil, guid: nil, attribute: nil, value: nil, sources: [], sourceTotal: 1, patternIDs: [])
    }

    @Test func homoglyphAddressesStayDistinctButAreFlagged() {
        let latin = incident("SMTP:jane@contoso.com")
        let cyrillic = incident("SMTP:jane@c\u{043E}ntoso.com")  // Cyrillic о
        let other = incident("SMTP:joe@contoso.com")
        let entries = IncidentEntry.entries([latin, cyrillic, other])
        #expect(entries.count == 3)
        #expect(entries[0].lookAlikes == [cyrillic.id])
        #expect(entries[1].lookAlikes == [latin.id])
        #expect(entries[1].mixedScripts)
        #expect(!entries[0].mixedScripts)
        #expect(entries[2].lookAlikes.isEmpty)
    }

    @Test func fullWidthAndGreekLettersAreConfusables() {
        #expect(LookAlikes.skeleton("ｃontoso") == "contoso")
        #expect(LookAlikes.skeleton("c\u{03BF}ntoso") == "contoso")
    }
}
