import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct DecodingTests {
    static let text = "Pat Müller: “SMTP:pat@contoso.com” 🙂 done\r\nsecond line\r\n"
    static let readSizes = [1, 7, 65_536]

    private func decode(_ bytes: [UInt8], readSize: Int, encoding: TextEncoding? = nil) throws -> (String, DecodingByteSource) {
        let decoder = DecodingByteSource(upstream: MemoryByteSource(bytes, readSize: readSize), encoding: encoding)
        let output = try drain(decoder, bufferSize: 64)
        return (String(decoding: output, as: UTF8.self), decoder)
    }

    /// Readers skip their own NUL search while the decoder vouches for the text.
    @Test(arguments: readSizes)
    func decoderSaysWhetherNULMayHavePassed(readSize: Int) throws {
        let plain = try decode(Array(Self.text.utf8), readSize: readSize)
        #expect(!plain.1.mayHaveDeliveredNUL)
        let legacy = try decode(Array("caf".utf8) + [0xFF] + Array(" then \u{0} binary".utf8), readSize: readSize)
        #expect(legacy.1.mayHaveDeliveredNUL)
        #expect(legacy.0.utf8.contains(0))
        let forced = try decode(Array(Self.text.utf8), readSize: readSize, encoding: .utf8)
        #expect(forced.1.mayHaveDeliveredNUL)
        let utf16 = try decode([0xFF, 0xFE] + Self.text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, readSize: readSize)
        #expect(utf16.1.mayHaveDeliveredNUL)
    }

    @Test(arguments: readSizes)
    func utf8WithBOMIsStripped(readSize: Int) throws {
        let (text, decoder) = try decode([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8), readSize: readSize)
        #expect(text == Self.text)
        #expect(decoder.encoding == .utf8BOM)
    }

    @Test(arguments: readSizes)
    func utf16LittleEndianWithBOM(readSize: Int) throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Self.text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (text, decoder) = try decode(bytes, readSize: readSize)
        #expect(text == Self.text)
        #expect(decoder.encoding == .utf16LE)
        #expect(decoder.replacedCodeUnits == 0)
    }

    @Test(arguments: readSizes)
    func utf16BigEndianWithBOM(readSize: Int) throws {
        let bytes: [UInt8] = [0xFE, 0xFF] + Self.text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let (text, decoder) = try decode(bytes, readSize: readSize)
        #expect(text == Self.text)
        #expect(decoder.encoding == .utf16BE)
    }

    /// Long ASCII runs (the vectorised path, 16 or 32 units at a time) broken at every distance by
    /// units that only look ASCII in one byte: Ł is 0x0141, 䄀 is 0x4100, and by surrogate pairs.
    @Test(arguments: [true, false], [64, 65_536])
    func utf16AsciiRunsOfEveryLengthDecodeExactly(littleEndian: Bool, bufferSize: Int) throws {
        var text = ""
        let breakers = ["Ł", "䄀", "ü", "🙂", "\u{80}", "€"]
        for length in 0..<140 {
            text += String((0..<length).map { Character(UnicodeScalar(UInt8(0x21 + ($0 + length) % 94))) })
            text += breakers[length % breakers.count]
        }
        let units = Array(text.utf16)
        let bytes: [UInt8] = (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF])
            + units.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let decoder = DecodingByteSource(upstream: MemoryByteSource(bytes, readSize: 4_093), encoding: nil)
        let output = try drain(decoder, bufferSize: bufferSize)
        #expect(String(decoding: output, as: UTF8.self) == text)
        #expect(decoder.replacedCodeUnits == 0)
    }

    @Test func utf16WithoutBOMIsRecognisedByItsNULBytes() throws {
        let bytes: [UInt8] = Self.text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (text, decoder) = try decode(bytes, readSize: 7)
        #expect(text == Self.text)
        #expect(decoder.encoding == .utf16LE)
    }

    @Test func loneSurrogateAndOddByteBecomeReplacementCharacters() throws {
        // "a", a lone high surrogate, "b", then half a code unit.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00, 0x63]
        let (text, decoder) = try decode(bytes, readSize: 1)
        #expect(text == "a\u{FFFD}b\u{FFFD}")
        #expect(decoder.replacedCodeUnits == 2)
    }

    @Test func invalidUTF8PassesThroughUntouched() throws {
        let bytes: [UInt8] = Array("ok ".utf8) + [0xC3, 0x28, 0xFF] + Array(" end\n".utf8)
        let (_, decoder) = try decode(bytes, readSize: 3)
        let output = try drain(DecodingByteSource(upstream: MemoryByteSource(bytes, readSize: 3)))
        #expect(output == bytes)
        #expect(decoder.encoding == .utf8)
    }

    @Test func forcedEncodingOverridesDetection() throws {
        let bytes: [UInt8] = Array("AB".utf8)
        let (text, _) = try decode(bytes, readSize: 1, encoding: .utf16LE)
        #expect(text == "\u{4241}")
    }
}

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

    @Test func questionMarkSubstitutionIsFlagged() {
        let result = scanText(#"The proxy address "SMTP:jos?@contoso.com" is already being used by "x/y". Choose another proxy address."#)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:jos?@contoso.com"])
        #expect(result.diagnostics.entries.first?.message.contains("has '?' where a character was probably lost") == true)
    }
}

/// Inputs the fuzzers found crashing, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// FuzzDecoder: UTF-8 text turning into UTF-16 with a dangling high surrogate wrote a
    /// replacement character and the next scalar past the end of a small output buffer.
    @Test(arguments: [1, 7, 64])
    func loneSurrogateNearTheEndOfASmallBuffer(readSize: Int) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("fuzz-decoder-lone-surrogate-overflow.bin"))))
        let reader = LineReader(source: DecodingByteSource(upstream: MemoryByteSource(bytes, readSize: readSize)),
                                readSize: 64, maxLineLength: 64, contextLength: 32)
        var total = 0
        while let chunk = try reader.nextChunk() { total += chunk.bytes.count }
        #expect(total > 0)
        // The same input through a whole scan.
        _ = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes, readSize: readSize), path: "fuzz.bin")
    }
}

extension FuzzRegressionTests {
    /// FuzzTimestamps: a "file name" holding NUL bytes trapped in NSString's lastPathComponent.
    @Test func fileNameWithNULBytes() throws {
        let input = try Array(Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("fuzz-timestamps-crash.bin"))))
        let parser = TimestampParser(context: MatchContext())
        parser.useFileName(String(decoding: input.prefix(40), as: UTF8.self))
        parser.useFileName("logs/trace-\u{0}.log")
        #expect(Array("[15:52:17.674] x".utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) } == nil)
        parser.useFileName("logs/trace-20261116-155217.log")
        #expect(Array("[15:52:17.674] x".utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) }.map { ISO8601.format($0.date) } == "2026-11-16T15:52:17.674Z")
    }
}
