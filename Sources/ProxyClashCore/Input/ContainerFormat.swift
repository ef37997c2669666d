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
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if head.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if isBzip2(head) { return .bzip2 }
        if head.starts(with: [0x04, 0x22, 0x4D, 0x18]) { return .lz4 }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if isTar(head) { return .tar }
        return nil
    }

    /// `BZh` and a block size digit, then a block's or the end-of-stream's magic: the three
    /// letters alone also start ordinary text.
    private static func isBzip2(_ head: [UInt8]) -> Bool {
        guard head.count >= 10, head.starts(with: Array("BZh".utf8)), (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(head[3]) else { return false }
        let magic = Array(head[4..<10])
        return magic == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] || magic == [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]
    }

    /// A POSIX (`ustar\0`, pax) or GNU (`ustar  \0`) tar header.
    private static func isTar(_ head: [UInt8]) -> Bool {
        guard head.count >= 263 else { return false }
        let magic = Array(head[257..<263])
        return magic == Array("ustar\0".utf8) || magic == Array("ustar ".utf8)
    }
}
