import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct AggregatorTests {
    private func finding(_ key: String, owner: String? = nil, at seconds: TimeInterval? = nil) -> Finding {
        var finding = Finding(kind: .proxyAddressInUse, key: key, patternID: "p")
        finding.address = key.uppercased()
        finding.owner = owner
        finding.timestamp = seconds.map { Date(timeIntervalSince1970: $0) }
        return finding
    }

    /// Owners are listed in the order of their bytes, the same whatever order they came in:
    /// `String`'s `<` holds neither `é` + newline below `e` + combining acute nor above it, so a
    /// set sorted with it could list them either way from one run to the next.
    @Test func ownersAreListedInOneOrder() {
        let owners = ["e\u{301}", "é\n", "Zoë", "zoe", "Ängel", "A"]
        var orders: Set<[String]> = []
        for rotation in owners.indices {
            var aggregator = IncidentAggregator()
            for (index, owner) in (owners[rotation...] + owners[..<rotation]).enumerated() {
                aggregator.add(finding("smtp:x@contoso.com", owner: owner), source: SourceRef(path: "t.txt", line: index))
            }
            orders.insert(aggregator.incidents.first?.owners ?? [])
        }
        #expect(orders.count == 1)
        #expect(orders.first?.first == "A")
    }

    /// An address from a message beats one read from context, whichever is seen first or merged
    /// in; the incident's key and id stay those of the conflicting object.
    @Test func anAddressFromTheMessageBeatsOneFromContextInAnyOrder() throws {
        func conflict(_ address: String?, _ source: AddressSource?) -> Finding {
            var finding = Finding(kind: .aadObjectConflict, key: "publicfolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f", patternID: "p")
            finding.address = address
            finding.addressSource = source
            return finding
        }
        let findings = [conflict(nil, nil), conflict("SMTP:typed@contoso.com", .context), conflict("SMTP:said@contoso.com", .message),
                        conflict("SMTP:another@contoso.com", .context)]
        for order in [findings, findings.reversed()] {
            var whole = IncidentAggregator()
            var halves = (IncidentAggregator(), IncidentAggregator())
            for (index, finding) in order.enumerated() {
                whole.add(finding, source: SourceRef(path: "t.txt", line: index))
                if index < 2 { halves.0.add(finding, source: SourceRef(path: "t.txt", line: index)) } else { halves.1.add(finding, source: SourceRef(path: "t.txt", line: index)) }
            }
            halves.1.merge(halves.0)
            for incident in [whole.incidents.first, halves.1.incidents.first] {
                #expect(incident?.address == "SMTP:said@contoso.com")
                #expect(incident?.addressSource == .message)
                #expect(incident?.id == Incident.id(kind: .aadObjectConflict, key: "publicfolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f"))
            }
        }
        var contextOnly = IncidentAggregator()
        contextOnly.add(findings[3], source: SourceRef(path: "t.txt", line: 1))
        contextOnly.add(findings[1], source: SourceRef(path: "t.txt", line: 2))
        contextOnly.add(findings[0], source: SourceRef(path: "t.txt", line: 3))
        #expect(contextOnly.incidents.first?.address == "SMTP:another@contoso.com")
        #expect(contextOnly.incidents.first?.addressSource == .context)
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
