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
