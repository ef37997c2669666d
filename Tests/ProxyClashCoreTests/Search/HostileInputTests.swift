import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct HostileInputTests {
    @Test func aPatternThatMatchesTheEmptyStringDoesNotHang() throws {
        let yaml = """
        patterns:
          - id: empty
            kind: proxy-address-in-use
            title: Matches nothing at every position
            prefilter: ["x"]
            regex: '(?<address>y*)'
            samples:
              - text: 'x'
                expect: []
        """
        let catalog = try PatternCatalog.load(sources: [("empty.yaml", yaml)])
        let result = scanText(String(repeating: "x", count: 100_000) + "\n", catalog: catalog)
        #expect(result.incidents.count == 0)
        #expect(result.diagnostics.counts[.placeholder] == 1)
    }

    @Test func aHugeLineWithoutNewlineIsCutAndTheScanEnds() {
        var options = ScanOptions()
        options.maxRecordLength = 64 * 1024
        options.readSize = 64 * 1024
        let conflict = #"The proxy address "SMTP:late@contoso.com" is already being used by "x/y". Choose another proxy address."#
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 32 << 20) + Array(("\n" + conflict + "\n").utf8)
        let result = Scanner(catalog: shippedCatalog, options: options).scan(source: MemoryByteSource(bytes, readSize: 1 << 20), path: "huge.log")
        #expect(result.diagnostics.counts[.overlongRecord] == 1)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:late@contoso.com"])
        #expect(result.incidents.incidents.first?.sources.map(\.line) == [2])
    }
}
