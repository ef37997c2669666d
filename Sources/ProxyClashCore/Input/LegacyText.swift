/// Best-effort repair of text that is not valid UTF-8: legacy single-byte text (Windows-1252, as
/// `Set-Content` and `Add-Content` write in Windows PowerShell 5.1) mixed into UTF-8.
enum LegacyText {
    /// True when `bytes` is valid UTF-8 (ASCII-only text is checked without decoding).
    /// Nothing is allocated: this runs on every candidate record.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            // ASCII text eight bytes at a time.
            if index + 8 <= bytes.count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            guard length > 0 else { return false }
            index += length
        }
        return true
    }

    /// Keeps every valid UTF-8 sequence and reads each other byte as Windows-1252.
    static func repair(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                output += bytes[index..<index + length]
                index += length
            } else {
                output += Array(String(windows1252(bytes[index])).utf8)
                index += 1
            }
        }
        return output
    }

    /// Every byte read as Windows-1252, as UTF-8 (a mail part declared ISO-8859-1 or Windows-1252:
    /// as browsers do, ISO-8859-1 is read as Windows-1252, whose 0x80-0x9F are printable).
    static func decodeWindows1252(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output += Array(String(windows1252(byte)).utf8)
            }
        }
        return output
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0.
    private static func validSequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
        let second: ClosedRange<UInt8> = switch lead {
        case 0xE0: 0xA0...0xBF
        case 0xED: 0x80...0x9F
        case 0xF0: 0x90...0xBF
        case 0xF4: 0x80...0x8F
        default: 0x80...0xBF
        }
        guard second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80-0x9F (curly quotes among them).
    private static func windows1252(_ byte: UInt8) -> Character {
        let high: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                              0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
        return Character(Unicode.Scalar(value)!)
    }
}
