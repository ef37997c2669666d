import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct TimestampParserTests {
    private func parse(_ text: String, zone: TimeZone = .gmt, fileName: String? = nil) -> String? {
        let parser = TimestampParser(timeZone: zone, context: MatchContext())
        if let fileName { parser.useFileName(fileName) }
        return Array(text.utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) }.map { ISO8601.format($0.date) }
    }

    @Test(arguments: [
        ("2022-06-27T10:29:29.0922053Z x", "2022-06-27T10:29:29.092Z"),
        ("at 2026-11-16 09:14:03 UTC", "2026-11-16T09:14:03Z"),
        ("2026-11-16T09:14:03+02:00", "2026-11-16T07:14:03Z"),
        ("TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT]", "2026-11-16T09:14:03Z"),
        ("[11/17/2026 9:40:12 AM] Creating", "2026-11-17T09:40:12Z"),
        ("[11/17/2026 12:05:00 AM]", "2026-11-17T00:05:00Z"),
        ("[11/17/2026 1:55:05 PM]", "2026-11-17T13:55:05Z"),
        ("TimeStamp=17/12/2015 09:17:09]", "2015-12-17T09:17:09Z"),
        ("LastDirSyncTime    : 2017/10/20 5:02:43", "2017-10-20T05:02:43Z"),
    ])
    func recognisedFormats(text: String, expected: String) {
        #expect(parse(text) == expected)
    }

    @Test func traceLinesTakeTheirDateFromTheFileName() {
        #expect(parse("[15:52:17.674] [ 13] [ERROR] x", fileName: "C:/AADConnect/trace-20261116-155217.log") == "2026-11-16T15:52:17.674Z")
        #expect(parse("[15:52:17.674] [ 13] [ERROR] x", fileName: "trace.log") == nil)
    }

    @Test func invalidDatesAreSkipped() {
        #expect(parse("2026-13-45T99:00:00Z then 2026-11-16T09:14:03Z") == "2026-11-16T09:14:03Z")
        #expect(parse("version 10.0.20348.2849 build 1/2") == nil)
    }

    @Test func zonelessTimesUseTheGivenZone() {
        #expect(parse("2026-07-01 12:00:00", zone: TimeZone(identifier: "America/New_York")!) == "2026-07-01T16:00:00Z")
    }

    @Test func isoRoundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.25)
        #expect(ISO8601.format(date) == "2026-11-18T11:06:40.250Z")
        #expect(ISO8601.parse("2026-11-18T11:06:40.250Z") == date)
        #expect(ISO8601.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}

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

@Suite struct AggregatorTests {
    private func finding(_ key: String, owner: String? = nil, at seconds: TimeInterval? = nil) -> Finding {
        var finding = Finding(kind: .proxyAddressInUse, key: key, patternID: "p")
        finding.address = key.uppercased()
        finding.owner = owner
        finding.timestamp = seconds.map { Date(timeIntervalSince1970: $0) }
        return finding
    }

    @Test func occurrencesTimesOwnersAndBoundedSources() throws {
        var aggregator = IncidentAggregator()
        for line in (1...8).reversed() {
            aggregator.add(finding("smtp:a@x.com", owner: line.isMultiple(of: 2) ? "Jane" : "JANE", at: TimeInterval(line * 60)), source: SourceRef(path: "f.log", line: line))
        }
        aggregator.add(finding("smtp:a@x.com"), source: SourceRef(path: "e.log", line: 99))
        let incident = try #require(aggregator.incidents.first)
        #expect(incident.occurrences == 9)
        #expect(incident.sourceTotal == 9)
        #expect(incident.sources.map(\.description) == ["e.log:99", "f.log:1", "f.log:2", "f.log:3", "f.log:4"])
        #expect(incident.owners == ["JANE"])
        #expect(incident.firstSeen == Date(timeIntervalSince1970: 60))
        #expect(incident.lastSeen == Date(timeIntervalSince1970: 480))
        #expect(incident.id == Incident.id(kind: .proxyAddressInUse, key: "smtp:a@x.com"))
        #expect(incident.id.hasPrefix("pa-") && incident.id.count == 19)
    }

    @Test func mergeIsOrderIndependent() {
        var left = IncidentAggregator()
        var right = IncidentAggregator()
        left.add(finding("smtp:a@x.com", owner: "B", at: 100), source: SourceRef(path: "l.log", line: 1))
        right.add(finding("smtp:a@x.com", owner: "A", at: 50), source: SourceRef(path: "r.log", line: 2))
        right.add(finding("smtp:b@x.com"), source: SourceRef(path: "r.log", line: 3))
        var leftFirst = left
        leftFirst.merge(right)
        var rightFirst = right
        rightFirst.merge(left)
        #expect(leftFirst.incidents == rightFirst.incidents)
        #expect(leftFirst.incidents.first?.owners == ["A", "B"])
        #expect(leftFirst.incidents.first?.occurrences == 2)
    }

    /// Adding a finding in place is the same as merging an aggregator holding only it, with every
    /// field in play (owners, forests, tenants, patterns, times, sources) and past the limit.
    @Test func addingInPlaceEqualsMergingOneByOne() {
        var findings: [(Finding, SourceRef)] = []
        for index in 0..<40 {
            var found = Finding(kind: .proxyAddressInUse, key: "smtp:\(index % 3)@x.com", patternID: "p\(index % 2)")
            found.address = index.isMultiple(of: 2) ? found.key.uppercased() : found.key
            found.owner = index % 4 == 0 ? nil : ["Jane", "JANE", "Bob"][index % 3]
            found.timestamp = index % 6 == 0 ? nil : Date(timeIntervalSince1970: TimeInterval((index * 37) % 11))
            found.forest = index % 5 == 0 ? nil : "forest\(index % 2)"
            found.tenant = index % 7 == 0 ? nil : "tenant\(index % 3)"
            findings.append((found, SourceRef(path: "f\(index % 2).log", line: 100 - index)))
        }
        var inPlace = IncidentAggregator(limit: 2)
        var merged = IncidentAggregator(limit: 2)
        for (found, source) in findings {
            inPlace.add(found, source: source)
            var single = IncidentAggregator(limit: 2)
            single.add(found, source: source)
            merged.merge(single)
        }
        #expect(inPlace.incidents == merged.incidents)
        #expect(inPlace.droppedFindings == merged.droppedFindings)
        #expect(inPlace.droppedFindings == 13)
        #expect(inPlace.incidents.map(\.forests) == [["forest0", "forest1"], ["forest0", "forest1"]])
    }
}
