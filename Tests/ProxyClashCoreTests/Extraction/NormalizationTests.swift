import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct NormalizationTests {
    @Test func addressesCompareCaseInsensitivelyWithinTheirType() throws {
        let upper = try FieldNormalizer.proxyAddress("SMTP:Jane@X.com").get()
        let lower = try FieldNormalizer.proxyAddress(" smtp:jane@x.com ").get()
        #expect(upper.key == lower.key)
        #expect(upper.key == "smtp:jane@x.com")
        let x500 = try FieldNormalizer.proxyAddress("X500:/o=Org/cn=Recipients/cn=jane").get()
        #expect(x500.key != upper.key)
        #expect(x500.type == "x500")
    }

    /// The fast lower-casing gives exactly what the standard library gives, for ASCII, accented
    /// Latin, characters whose lower case is longer (İ) or shorter, Greek, CJK and emoji.
    @Test(arguments: ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane Doe",
                      "corp.example/Users/Zoë MÜLLER", "İSTANBUL-Şube/ÇAĞLA", "ΣΟΦΊΑ Παπαδοπούλου", "田中 太郎 TARO", "Ǆemal ǅ ǆ",
                      "ÅSA ŁUKASZ Ø e\u{301}", "😀 MiXeD", "", "ẞ straße"])
    func lowerCasingMatchesTheStandardLibrary(text: String) {
        #expect(FieldNormalizer.lowercased(text) == text.lowercased())
        #expect(Array(FieldNormalizer.lowercased(text).utf8) == Array(text.lowercased().utf8))
    }

    @Test func forestAndTenantComeFromOwnersWithAccents() {
        let hosted = FieldNormalizer.forestAndTenant(ofOwner: "NAMPR05A001.PROD.outlook.com/Microsoft Exchange Hosted Organizations/Contoso.onmicrosoft.com/Zoë Müller")
        #expect(hosted.forest == "nampr05a001.prod.outlook.com")
        #expect(hosted.tenant == "contoso.onmicrosoft.com")
        let onPremises = FieldNormalizer.forestAndTenant(ofOwner: "Corp.Example/Data/Contacts/Çağla")
        #expect(onPremises.forest == "corp.example")
        #expect(onPremises.tenant == nil)
        #expect(FieldNormalizer.forestAndTenant(ofOwner: "Jane Doe/x").forest == nil)
    }

    @Test(arguments: ["SMTP:<conflicting SMTP address>", "SMTP:<user>@contoso.com", "", "smtp:[email protected]", "SMTP:jane@…"])
    func placeholdersAreRejected(text: String) {
        guard case .failure(.placeholder) = FieldNormalizer.proxyAddress(text) else {
            Issue.record("\(text) was not rejected as a placeholder")
            return
        }
    }

    @Test(arguments: ["SMTP:not an address", "SMTP:jane@localhost", "SMTP:@contoso.com"])
    func malformedAddressesAreRejected(text: String) {
        guard case .failure(.malformed) = FieldNormalizer.proxyAddress(text) else {
            Issue.record("\(text) was accepted")
            return
        }
    }

    @Test func guidsAreLowerCaseWithoutBraces() throws {
        #expect(try FieldNormalizer.guid("{2819A5C8-BE27-EC11-A970-000D3A1B4EEE}").get() == "2819a5c8-be27-ec11-a970-000d3a1b4eee")
        #expect(throws: FieldNormalizer.Rejection.placeholder("<GUID value>")) { try FieldNormalizer.guid("<GUID value>").get() }
        #expect(throws: FieldNormalizer.Rejection.malformed("2819A5C8-BE27")) { try FieldNormalizer.guid("2819A5C8-BE27").get() }
        // Right length, dash or digit out of place.
        #expect(throws: FieldNormalizer.Rejection.malformed("2819a5c8-be27-ec11-a970000d-3a1b4eee")) { try FieldNormalizer.guid("2819a5c8-be27-ec11-a970000d-3a1b4eee").get() }
        #expect(throws: FieldNormalizer.Rejection.malformed("2819a5c8-be27-ec11-a970-000d3a1b4eeg")) { try FieldNormalizer.guid("2819a5c8-be27-ec11-a970-000d3a1b4eeg").get() }
    }

    /// Value lists (`valueSeparator`) are split as Foundation's `components(separatedBy:)` does,
    /// and list items lose the quotes around them.
    @Test(arguments: ["smtp:a@x.com;smtp:b@x.com", ";a;;b;", "", "a", "a, b, c", "Zoë;Jürgen", "one::two"])
    func valueListsSplitLikeFoundation(text: String) {
        for separator in [";", ", ", "::"] {
            #expect(FieldNormalizer.components(of: text, separatedBy: separator) == text.components(separatedBy: separator))
        }
        #expect(FieldNormalizer.trimming(UInt8(ascii: "\""), from: "\"" + text + "\"\"") == text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
    }

    @Test(arguments: [
        ("NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane", "nampr05a001.prod.outlook.com", "contoso.onmicrosoft.com"),
        ("namsr01a002.sdf.exchangelabs.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com", "namsr01a002.sdf.exchangelabs.com", "contoso.onmicrosoft.com"),
        ("CN=Marketing,OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,DC=APCPR04A003,DC=prod,DC=outlook,DC=com", "apcpr04a003.prod.outlook.com", "contoso.onmicrosoft.com"),
        ("my.fqdn/Data/Contacts/Doe John", "my.fqdn", nil),
        ("Shared Box", nil, nil),
    ] as [(String, String?, String?)])
    func forestAndTenantComeFromTheOwnerPath(owner: String, forest: String?, tenant: String?) {
        let derived = FieldNormalizer.forestAndTenant(ofOwner: owner)
        #expect(derived.forest == forest)
        #expect(derived.tenant == tenant)
    }
}
