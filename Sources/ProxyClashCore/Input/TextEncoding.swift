/// The encoding a text input was decoded from.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"

    /// Guesses the encoding from the first bytes of a stream.
    /// - Returns: the encoding and how many bytes of byte-order mark to drop.
    ///
    /// A BOM decides. Without one, text whose odd (or even) bytes are mostly NUL while the others
    /// are not (in the first 64 bytes) is UTF-16 without a BOM; everything else is treated as UTF-8
    /// (invalid bytes tolerated).
    package static func sniff(_ head: UnsafeRawBufferPointer) -> (encoding: TextEncoding, bomLength: Int) {
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return (.utf8BOM, 3) }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return (.utf16LE, 2) }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return (.utf16BE, 2) }
        // The NUL pattern must hold from the very start: UTF-8 text with UTF-16 appended later
        // (Windows PowerShell's `>>`) is UTF-8 here, and the decoder switches where UTF-16 begins.
        let pairs = min(head.count, 64) / 2
        guard pairs >= 4 else { return (.utf8, 0) }
        var evenZero = 0
        var oddZero = 0
        for index in 0..<pairs {
            if head[2 * index] == 0 { evenZero += 1 }
            if head[2 * index + 1] == 0 { oddZero += 1 }
        }
        // ASCII-heavy UTF-16: at least 70% of one half is NUL, almost none of the other.
        if oddZero * 10 >= pairs * 7, evenZero * 20 <= pairs { return (.utf16LE, 0) }
        if evenZero * 10 >= pairs * 7, oddZero * 20 <= pairs { return (.utf16BE, 0) }
        return (.utf8, 0)
    }
}
