import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct SaturatingCountTests {
    @Test(arguments: [(Int.max, 1), (Int.max, Int.max), (Int.max - 1, 1), (Int.min, -1), (5, -7), (0, 0)])
    func sumsStopAtTheLimitsInsteadOfTrapping(start: Int, other: Int) {
        var sum = start
        sum.addSaturating(other)
        let (exact, overflow) = start.addingReportingOverflow(other)
        #expect(sum == (overflow ? (other > 0 ? Int.max : Int.min) : exact))
    }

    private func incident(occurrences: Int) -> Incident {
        Incident(kind: .proxyAddressInUse, key: "smtp:a@contoso.com", occurrences: occurrences, firstSeen: nil, lastSeen: nil,
                 address: nil, owners: [], forests: [], tenants: [], objectType: nil, guid: nil, attribute: nil, value: nil,
                 sources: [], sourceTotal: occurrences, patternIDs: [])
    }

    @Test func mergingIncidentsAndDiagnosticsSaturates() {
        var aggregator = IncidentAggregator(limit: 1)
        aggregator.merge(incident(occurrences: Int.max))
        aggregator.merge(incident(occurrences: 3))
        #expect(aggregator.incidents.first?.occurrences == Int.max)
        #expect(aggregator.incidents.first?.sourceTotal == Int.max)
        var other = IncidentAggregator(limit: 0)
        other.merge(incident(occurrences: Int.max))
        other.merge(incident(occurrences: Int.max))
        #expect(other.droppedFindings == Int.max)

        var log = DiagnosticLog()
        log.merge(counts: [.decoding: Int.max], samples: [])
        log.merge(counts: [.decoding: 2], samples: [])
        log.record(Diagnostic(path: "a", category: .decoding, message: "x"))
        #expect(log.counts[.decoding] == Int.max)
    }
}
