import Testing
@testable import ProxyClashCore

@Suite struct LineReaderTests {
    private func chunks(_ text: String, readSize: Int, maxLine: Int = 1 << 20) throws -> [(String, Bool)] {
        let reader = LineReader(source: MemoryByteSource(text, readSize: readSize), readSize: 8, maxLineLength: maxLine)
        var result: [(String, Bool)] = []
        while let chunk = try reader.nextChunk() {
            result.append((String(decoding: chunk.bytes, as: UTF8.self), chunk.isTruncatedLine))
        }
        return result
    }

    @Test(arguments: [1, 7, 65_536])
    func chunksHoldWholeLinesWhateverTheReadSize(readSize: Int) throws {
        let text = "first line\nsecond ünïcode line\n\nlast line without newline"
        let pieces = try chunks(text, readSize: readSize)
        #expect(pieces.map(\.0).joined() == text)
        for (piece, _) in pieces.dropLast() { #expect(piece.hasSuffix("\n")) }
        #expect(pieces.allSatisfy { !$0.1 })
    }

    @Test func overlongLineIsCutOnceAndTheNextLinesSurvive() throws {
        let long = String(repeating: "x", count: 100)
        let pieces = try chunks("short\n" + long + "\nafter one\nafter two\n", readSize: 7, maxLine: 16)
        #expect(pieces.filter(\.1).map(\.0) == [String(repeating: "x", count: 16)])
        #expect(pieces.filter { !$0.1 }.map(\.0).joined() == "short\nafter one\nafter two\n")
    }

    @Test func overlongLastLineWithoutNewline() throws {
        let pieces = try chunks("ok\n" + String(repeating: "y", count: 50), readSize: 5, maxLine: 16)
        #expect(pieces.map(\.0) == ["ok\n", String(repeating: "y", count: 16)])
        #expect(pieces.map(\.1) == [false, true])
    }
}
