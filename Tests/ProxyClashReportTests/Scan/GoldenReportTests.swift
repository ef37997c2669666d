import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite(.serialized) struct GoldenReportTests {
    @Test func jsonReportOfSampleLogs() throws {
        try assertGolden(try JSONReportRenderer().render(try sampleReport()), "samplelogs.json")
    }

    @Test func textReportOfSampleLogs() throws {
        try assertGolden(try TextReportRenderer(colour: false).render(try sampleReport()), "samplelogs.txt")
    }

    /// The renderer encodes incidents one at a time; the bytes must be JSONEncoder's for the
    /// whole document, with incidents and without.
    @Test func streamedJSONIsTheWholeDocumentEncodedAtOnce() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var report = try sampleReport()
        for incidents in [report.incidents, [], Array(report.incidents.prefix(1))] {
            report.incidents = incidents
            let whole = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            #expect(try JSONReportRenderer().render(report) == whole, "\(incidents.count) incidents")
        }
    }

    /// Incidents encoded on several cores, in batches, are written in report order: the bytes
    /// are the single-threaded ones for every number of jobs, across batch boundaries.
    @Test func jsonFromSeveralCoresIsTheSameDocument() throws {
        var report = try sampleReport()
        let sample = report.incidents
        report.incidents = (0..<(2 * JSONReportRenderer.batchSize + 37)).map { index in
            var incident = sample[index % sample.count]
            incident.id += "-\(index)"
            incident.occurrences = index
            return incident
        }
        let single = try JSONReportRenderer(jobs: 1).render(report)
        for jobs in [2, 3, 8] {
            #expect(try JSONReportRenderer(jobs: jobs).render(report) == single, "\(jobs) jobs")
        }
        #expect(try JSONReportRenderer.decode(Data(single.utf8)) == report)
    }

    @Test func jsonRoundTrips() throws {
        let report = try sampleReport()
        let decoded = try JSONReportRenderer.decode(Data(try JSONReportRenderer().render(report).utf8))
        #expect(decoded == report)
    }
}

