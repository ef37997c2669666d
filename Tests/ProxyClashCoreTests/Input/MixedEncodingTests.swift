import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct MixedEncodingTests {
    static let head = "2026-11-24 08:00:00 Run started\n"
    static let tail = "2026-11-24 08:10:02 The proxy address \"SMTP:yuki@contoso.com\" is already being used by \"x/田中\". Choose another proxy address.\r\n"

    @Test(arguments: [1, 7, 65_536], [true, false])
    func utf16AppendedToUTF8IsDecodedFromWhereItStarts(readSize: Int, withBOM: Bool) throws {
        let bytes = Array(Self.head.utf8) + (withBOM ? [0xFF, 0xFE] : []) + Self.tail.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let decoder = DecodingByteSource(upstream: MemoryByteSource(bytes, readSize: readSize))
        let text = String(decoding: try drain(decoder, bufferSize: 64), as: UTF8.self)
        #expect(text == Self.head + Self.tail)
        #expect(decoder.initialEncoding == .utf8)
        #expect(decoder.switchedToUTF16At == Self.head.utf8.count)
    }

    @Test func scanReportsTheSwitchAndFindsTheConflict() {
        let bytes = Array(Self.head.utf8) + [0xFF, 0xFE] + Self.tail.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes), path: "run.log")
        #expect(result.incidents.incidents.map(\.owners) == [["x/田中"]])
        #expect(result.inputs.first?.encoding == .utf8)
        #expect(result.diagnostics.entries.map(\.message) == ["text changes from UTF-8 to UTF-16LE at byte 32 (appended with Windows PowerShell's >>?): read as UTF-16LE from there"])
    }

    @Test func legacySingleByteTextIsReadAsWindows1252() throws {
        // “SMTP:rene@contoso.com” in Windows-1252 curly quotes, “René” with é as 0xE9.
        let bytes: [UInt8] = Array("The proxy address ".utf8) + [0x93] + Array("SMTP:rene@contoso.com".utf8) + [0x94]
            + Array(" is already being used by ".utf8) + [0x93] + Array("corp.example/Ren".utf8) + [0xE9, 0x94] + Array(". Choose another proxy address.\n".utf8)
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes), path: "legacy.log")
        let incident = try #require(result.incidents.incidents.first)
        #expect(incident.owners == ["corp.example/René"])
        #expect(result.diagnostics.entries.map(\.category) == [.decoding])
    }

    @Test func validUTF8IsLeftAlone() {
        let text = "ok é “quotes” 田中"
        Array(text.utf8).withUnsafeBytes { bytes in
            #expect(LegacyText.isValidUTF8(bytes))
            #expect(String(decoding: LegacyText.repair(bytes), as: UTF8.self) == text)
        }
    }

    /// The validator agrees with the standard library's on every sequence of one to three bytes
    /// after an ASCII letter, and on the four-byte boundaries (overlong, surrogate, past U+10FFFF).
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        func agree(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { LegacyText.isValidUTF8($0) == (String(validating: $0, as: UTF8.self) != nil) }
        }
        var disagreements: [[UInt8]] = []
        for first in 0x80...0xFF {
            for second in 0...0xFF {
                let pair: [UInt8] = [UInt8(ascii: "a"), UInt8(first), UInt8(second)]
                if !agree(pair) { disagreements.append(pair) }
                for third in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] where !agree(pair + [UInt8(third)]) {
                    disagreements.append(pair + [UInt8(third)])
                }
            }
        }
        let fourByte: [[UInt8]] = [[0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                   [0xF5, 0x80, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF1, 0x80, 0x80], [0xF1, 0x80, 0x80, 0x7F]]
        disagreements += fourByte.filter { !agree($0) }
        #expect(disagreements.isEmpty)
    }

    @Test func questionMarkSubstitutionIsFlagged() {
        let result = scanText(#"The proxy address "SMTP:jos?@contoso.com" is already being used by "x/y". Choose another proxy address."#)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:jos?@contoso.com"])
        #expect(result.diagnostics.entries.first?.message.contains("has '?' where a character was probably lost") == true)
    }
}
