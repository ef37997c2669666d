import Testing
@testable import ProxyClashCore

@Suite struct LineReaderContextTests {
    @Test func eachChunkCarriesTheWholeLinesBeforeIt() throws {
        let reader = LineReader(source: MemoryByteSource("header one\nheader two\nerror line\n", readSize: 3),
                                readSize: 8, maxLineLength: 64, contextLength: 16)
        var contexts: [String: String] = [:]
        while let chunk = try reader.nextChunk() {
            contexts[String(decoding: chunk.bytes, as: UTF8.self)] = String(decoding: chunk.context, as: UTF8.self)
        }
        #expect(contexts["error line\n"] == "header two\n")  // bounded to 16 bytes, cut at a line start
        #expect(contexts["header one\n"] == "")
    }
}
