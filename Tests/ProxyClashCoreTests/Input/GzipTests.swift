import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct GzipTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.path(forResource: "Fixtures/" + name, ofType: nil)!
    }

    @Test(arguments: [1, 7, 65_536])
    func concatenatedMembersAreAllRead(readSize: Int) throws {
        let raw = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("two-members.log.gz")))
        let output = try drain(GzipByteSource(upstream: MemoryByteSource(Array(raw), readSize: readSize)), bufferSize: 16)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("SMTP:first@contoso.com"))
        #expect(text.contains("SMTP:second@contoso.com"))
        #expect(text.split(separator: "\n").count == 2)
    }

    @Test func truncatedFileKeepsWhatWasReadAndSaysWhere() {
        let result = Scanner(catalog: shippedCatalog).scan(InputItem(path: Self.fixture("truncated.log.gz")))
        #expect(result.incidents.incidents.map(\.key) == ["smtp:first@contoso.com"])
        #expect(result.inputs.first?.status == .partial)
        let diagnostic = result.diagnostics.entries.first { $0.category == .damagedInput }
        #expect(diagnostic?.message == "gzip data ends early (truncated file); stopped reading at this line")
        #expect(diagnostic?.line == 2)
        #expect(result.diagnostics.hasErrors)
    }

    @Test func corruptFileIsADiagnosticNotACrash() {
        let result = Scanner(catalog: shippedCatalog).scan(InputItem(path: Self.fixture("corrupt.log.gz")))
        #expect(result.incidents.incidents.map(\.key) == ["smtp:first@contoso.com"])
        let diagnostic = result.diagnostics.entries.first { $0.category == .damagedInput }
        #expect(diagnostic?.message.hasPrefix("corrupt gzip data:") == true)
    }
}
