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

    /// Zero bytes after the last member (a padded block or tape image) are skipped, as `gzip -d`
    /// skips them; other bytes after them are still damage.
    @Test(arguments: [1, 7, 65_536])
    func zeroPaddingAfterTheLastMemberIsNotDamage(readSize: Int) throws {
        let raw = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture("two-members.log.gz"))))
        let padded = try drain(GzipByteSource(upstream: MemoryByteSource(raw + Array(repeating: 0, count: 10_240), readSize: readSize)), bufferSize: 16)
        #expect(String(decoding: padded, as: UTF8.self).split(separator: "\n").count == 2)
        #expect(throws: InputError.self) {
            try drain(GzipByteSource(upstream: MemoryByteSource(raw + [0, 0, 0x6A, 0x75, 0x6E, 0x6B], readSize: readSize)), bufferSize: 16)
        }
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
