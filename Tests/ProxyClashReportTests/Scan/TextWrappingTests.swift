import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashReport

@Suite struct TextWrappingTests {
    /// The wrapping as it was before it was made linear (quadratic: `count` of the rest per
    /// line), kept as the reference the fast one must equal.
    private func referenceLines(_ text: String, room: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            var piece = rest.prefix(room)
            if piece.count < rest.count {
                for separators in [" ", "/|,"] {
                    if let index = piece.lastIndex(where: { separators.contains($0) }),
                       piece.distance(from: piece.startIndex, to: index) >= room / 3 {
                        piece = rest[...index]
                        break
                    }
                }
            }
            var line = piece
            while line.last == " " { line = line.dropLast() }
            lines.append(String(line))
            rest = rest[piece.endIndex...].drop { $0 == " " }
        }
        return lines
    }

    /// Text of words, paths, long runs without a break, runs of spaces, and characters of
    /// several scalars (combining accents, also on a space or a slash; flags; a family emoji;
    /// CR LF; a prepended Arabic sign that joins the space after it).
    private func randomText<G: RandomNumberGenerator>(length: Int, using generator: inout G) -> String {
        let pieces = ["a", "bc", "def", " ", "  ", "/", "|", ",", "é", "e\u{301}", "🇫🇷", "👨‍👩‍👧", "Жо", "x", "yz", " \u{301}", "/\u{308}", "\r\n", "\u{600} ",
                      String(repeating: "w", count: 90), String(repeating: " ", count: 25)]
        var text = ""
        while text.count < length { text += pieces.randomElement(using: &generator)! }
        return text
    }

    @Test(arguments: [20, 23, 66])
    func linesEqualTheReferenceWrapping(room: Int) {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, room - 1, room, room + 1, 500, 3000] {
            let text = randomText(length: length, using: &generator)
            #expect(TextReportRenderer.lines(of: text, room: room) == referenceLines(text, room: room), "\(text.debugDescription)")
        }
    }

    /// An incident held by `owner`, as the only content of a report.
    private func report(owner: String) -> Report {
        let incident = Incident(kind: .proxyAddressInUse, key: "smtp:lee@contoso.com", occurrences: 1, firstSeen: nil, lastSeen: nil,
                                address: "SMTP:lee@contoso.com", owners: [owner], forests: [], tenants: [], objectType: nil, guid: nil,
                                attribute: nil, value: nil, sources: [SourceRef(path: "a.log", line: 1)], sourceTotal: 1, patternIDs: [])
        return Report(schema: Report.schemaIdentifier, generatedAt: "2026-11-16T09:00:00Z", window: nil,
                      summary: Report.Summary(files: 1, bytes: 1, records: 1, messages: 1, incidents: 1, skipped: 0,
                                              outsideWindow: 0, undated: 0, diagnostics: [:]),
                      inputs: [], incidents: IncidentEntry.entries([incident]), diagnostics: [])
    }

    @Test func oneMebibyteOwnerWrapsIntoWholeLines() throws {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<2000).map { _ in String((0..<Int.random(in: 1...12, using: &generator)).map { _ in "abcdefghij/,".randomElement(using: &generator)! }) }
        var owner = ""
        while owner.utf8.count < 1 << 20 {
            for _ in 0..<1000 { owner += words.randomElement(using: &generator)! + (Bool.random(using: &generator) ? " " : "") }
        }
        owner += String(repeating: "z", count: 300)  // a run longer than a line: cut at the width
        let text = try TextReportRenderer(colour: false, width: 80).render(report(owner: owner))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix("    held by") })
        let held = lines[first...].prefix { $0 == lines[first] || $0.hasPrefix(String(repeating: " ", count: 14)) }
        #expect(held.allSatisfy { $0.count <= 80 })
        // The lines are the owner in order: each continues where the one before stopped, after
        // the spaces dropped at the break.
        var rest = Substring(owner)
        for line in held {
            let content = line.dropFirst(14)
            #expect(rest.hasPrefix(content))
            rest = rest.dropFirst(content.count).drop { $0 == " " }
        }
        #expect(rest.isEmpty)
    }
}
