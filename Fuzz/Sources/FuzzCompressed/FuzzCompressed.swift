import FuzzSupport
@testable import ProxyClashCore

/// The compressors behind the magic sniffing: gzip (zlib, several members, damage, truncation)
/// and zstd, xz, bzip2 and lz4 (libarchive). The first byte picks the magic put before the rest,
/// so that every decoder sees mutated data, not only the seeds'.
private let magics: [[UInt8]] = [
    [], [0x1F, 0x8B], [0x28, 0xB5, 0x2F, 0xFD], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],
    Array("BZh91AY&SY".utf8), [0x04, 0x22, 0x4D, 0x18],
]

@_cdecl("FuzzCompressed_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let all = bytes(data, size)
        guard let selector = all.first else { return 0 }
        let input = magics[Int(selector) % magics.count] + all.dropFirst()
        guard case let .stream(source, _)? = try? InputOpener().sniff(BytesSource(input)) else { return 0 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while let count = try? source.read(into: buffer), count > 0, total < 16 << 20 { total += count }
        return 0
    }
}
