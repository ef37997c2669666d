import FuzzSupport
@testable import ProxyClashCore

/// The streaming gzip reader (several members, damage, truncation), behind the magic sniffing.
@_cdecl("FuzzGzip_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let input = [0x1F, 0x8B] + bytes(data, size)
        guard case let .stream(source, _) = try? InputOpener().sniff(BytesSource(input)) else { return 0 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while let count = try? source.read(into: buffer), count > 0, total < 16 << 20 { total += count }
        return 0
    }
}
