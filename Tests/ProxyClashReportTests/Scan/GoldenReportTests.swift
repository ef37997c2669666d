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

    /// Incidents are written by ``PrettyJSONWriter``, not JSONEncoder: the bytes must still be
    /// JSONEncoder's for strings that need every kind of escape (each control character, quotes,
    /// backslashes, slashes, non-ASCII, a combining mark, an emoji), empty and full arrays, both
    /// booleans, null and present optionals, and `dating` names whose UTF-8 order differs from a
    /// case-insensitive or numeric one; 300 entries made from a seeded generator.
    @Test func writtenIncidentsAreJSONEncoderBytes() throws {
        var report = try sampleReport()
        let sample = report.incidents
        let pieces = ["a", "Z", "\"", "\\", "/", "\u{0}", "\u{7}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r", "\u{1B}[31m", "\u{1F}",
                      "\u{7F}", "é", "e\u{301}", "李", "😀", "\u{2028}", " ", ":", "{", "]", "10", "9", "line-above", ""]
        var generator = SplitMix64(seed: 2026)
        func text() -> String {
            (0..<Int(generator.next() % 6)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        func texts() -> [String] { (0..<Int(generator.next() % 4)).map { _ in text() } }
        func optional() -> String? { generator.next() % 3 == 0 ? nil : text() }
        report.incidents = (0..<300).map { index in
            var incident = sample[index % sample.count]
            incident.id = text()
            incident.key = text()
            incident.occurrences = Int(Int64(bitPattern: generator.next()) >> Int(generator.next() % 64))
            (incident.firstSeen, incident.address, incident.guid, incident.value) = (optional(), optional(), optional(), optional())
            (incident.owners, incident.forests, incident.lookAlikes, incident.patterns) = (texts(), texts(), texts(), texts())
            incident.mixedScripts = generator.next() % 2 == 0
            incident.dating = Dictionary(texts().map { ($0, Int(generator.next() % 1000)) }, uniquingKeysWith: +)
            incident.remediation = Remediation(cause: text(), steps: texts(), commands: texts())
            incident.sources = .init(total: index, sample: (0..<Int(generator.next() % 3)).map { .init(path: text(), line: $0) })
            return incident
        }
        report.incidents[0].dating = ["line-above": 1, "Zeta": 2, "alpha": 3, "line": 4, "10": 5, "9": 6, "é": 7, "e": 8]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let whole = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        #expect(try JSONReportRenderer().render(report) == whole)
        #expect(try JSONReportRenderer.decode(Data(whole.utf8)) == report)
    }

    @Test func jsonRoundTrips() throws {
        let report = try sampleReport()
        let decoded = try JSONReportRenderer.decode(Data(try JSONReportRenderer().render(report).utf8))
        #expect(decoded == report)
    }
}

/// A small seeded generator (SplitMix64), so the generated entries are the same on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
