import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct TextRendererTests {
    private func report(address: String, owner: String) -> Report {
        var result = ScanResult()
        var finding = Finding(kind: .proxyAddressInUse, key: address.lowercased(), patternID: "p")
        finding.address = address
        finding.owner = owner
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        return Report(result: result, generatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func linesFitEightyColumns() throws {
        let text = try TextReportRenderer().render(report(address: "SMTP:" + String(repeating: "long", count: 40) + "@contoso.com",
                                                         owner: String(repeating: "Segment/", count: 30)))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func controlSequencesFromLogsAreNeutralised() throws {
        let text = try TextReportRenderer(colour: true).render(report(address: "SMTP:a@b.com", owner: "Evil\u{1B}]8;;http://x\u{7}link\u{1B}[2J \u{202E}txt.exe"))
        #expect(text.contains("Evil\\u{1B}]8;;http://x\\u{7}link\\u{1B}[2J \\u{202E}txt.exe"))
        // The only escapes left are the renderer's own colour codes.
        let escapes = text.components(separatedBy: "\u{1B}[").count - 1
        let colourCodes = text.components(separatedBy: "\u{1B}[0m").count - 1
        #expect(escapes == 2 * colourCodes)
        #expect(!text.contains("\u{202E}"))
    }

    @Test func noColourMeansNoEscapes() throws {
        let text = try TextReportRenderer(colour: false).render(report(address: "SMTP:a@b.com", owner: "x"))
        #expect(!text.contains("\u{1B}"))
    }
}
