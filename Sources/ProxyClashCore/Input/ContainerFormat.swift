/// A compressor or archive recognised by its magic bytes (never by its name): what the opener
/// unwraps before the text is searched.
package enum ContainerFormat: String, Sendable, CaseIterable {
    case gzip, zstd, xz, bzip2, lz4
    case tar, zip

    /// Bytes of an input's head that ``recognise(_:)`` needs to tell every format (a tar header's
    /// magic sits at byte 257).
    static let headSize = 512

    /// True for the compressors (one stream of bytes), false for the archives (members).
    var isCompressor: Bool {
        switch self {
        case .gzip, .zstd, .xz, .bzip2, .lz4: true
        case .tar, .zip: false
        }
    }

    /// The format whose magic bytes start `head`, or nil for anything else (text, unknown binary).
    static func recognise(_ head: [UInt8]) -> ContainerFormat? {
        if let afterSkippable = framesAfterSkippable(head) { return afterSkippable }
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if head.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if isBzip2(head) { return .bzip2 }
        if head.starts(with: [0x04, 0x22, 0x4D, 0x18]) { return .lz4 }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if isTar(head) { return .tar }
        return nil
    }

    /// A zstd stream that starts with skippable frames (magic `0x184D2A5?`, then a 32-bit size;
    /// `pzstd` writes one first). lz4 has the same skippable frames, but libarchive's lz4 reader
    /// does not take a stream starting with one, so such a stream stays unrecognised (binary).
    private static func framesAfterSkippable(_ head: [UInt8]) -> ContainerFormat? {
        var at = 0
        while at + 8 <= head.count, (0x50...0x5F).contains(head[at]), Array(head[(at + 1)..<(at + 4)]) == [0x2A, 0x4D, 0x18] {
            let size = head[(at + 4)..<(at + 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
            at += 8 + size
        }
        guard at > 0, at + 4 <= head.count else { return nil }
        let magic = Array(head[at..<(at + 4)])
        return magic == [0x28, 0xB5, 0x2F, 0xFD] ? .zstd : nil
    }

    /// `BZh` and a block size digit, then a block's or the end-of-stream's magic: the three
    /// letters alone also start ordinary text.
    private static func isBzip2(_ head: [UInt8]) -> Bool {
        guard head.count >= 10, head.starts(with: Array("BZh".utf8)), (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(head[3]) else { return false }
        let magic = Array(head[4..<10])
        return magic == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] || magic == [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]
    }

    /// A POSIX (`ustar\0`, pax) or GNU (`ustar  \0`) tar header whose checksum is right: the
    /// magic alone is six bytes a text log can hold at byte 257 (a line saying "ustar backup").
    private static func isTar(_ head: [UInt8]) -> Bool {
        guard head.count >= 512 else { return false }
        let magic = Array(head[257..<263])
        guard magic == Array("ustar\0".utf8) || magic == Array("ustar ".utf8) else { return false }
        return tarChecksumMatches(head[0..<512])
    }

    /// The header's checksum field (octal, at bytes 148-155) against the sum of its 512 bytes
    /// with that field counted as spaces; old tars summed signed bytes, so either sum is taken.
    static func tarChecksumMatches(_ header: ArraySlice<UInt8>) -> Bool {
        let base = header.startIndex
        var stored = 0, digits = 0
        for byte in header[(base + 148)..<(base + 156)] {
            if byte == UInt8(ascii: " ") || byte == 0 {
                if digits > 0 { break } else { continue }
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else { return false }
            stored = stored * 8 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits > 0 else { return false }
        var unsigned = 0, signed = 0
        for (offset, byte) in header.enumerated() {
            let value = (148..<156).contains(offset) ? UInt8(ascii: " ") : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }
}
