import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashReport

@Suite struct JSONValidityTests {
    @Test func invalidBytesInLogsStillGiveValidUTF8JSON() throws {
        let catalog = try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
        final class Bytes: ByteSource {
            var data: [UInt8]
            init(_ data: [UInt8]) { self.data = data }
            func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
                let count = min(buffer.count, data.count)
                data.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                data.removeFirst(count)
                return count
            }
        }
        let line = Array(#"The proxy address "SMTP:a@contoso.com" is already being used by "x/"#.utf8) + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80]
            + Array(#"". Choose another proxy address."#.utf8) + [0x0A, 0x41, 0xFE, 0x0A]
        let result = Scanner(catalog: catalog).scan(source: Bytes(line), path: "bad.log")
        let json = try JSONReportRenderer().render(Report(result: result))
        #expect(String(validating: Array(json.utf8), as: UTF8.self) != nil)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        #expect(json.contains("smtp:a@contoso.com"))
    }
}
