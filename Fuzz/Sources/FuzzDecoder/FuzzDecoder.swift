import FuzzSupport
@testable import ProxyClashCore

/// The text decoder (BOM sniffing, UTF-16, mixed encodings) and the line reader, tiny reads.
@_cdecl("FuzzDecoder_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let reader = LineReader(source: DecodingByteSource(upstream: BytesSource(bytes(data, size))), readSize: 64, maxLineLength: 64, contextLength: 32)
        while let chunk = try? reader.nextChunk() { _ = chunk.bytes.count + chunk.context.count }
        return 0
    }
}
