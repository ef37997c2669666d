#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI escape sequences in log text: PowerShell 7's error view, written with `Out-File` or
/// `Start-Transcript`, colours its messages (`ESC[31;1m`). They are taken out of a candidate
/// record before it is matched, so they never break a match nor reach a report.
enum TerminalEscapes {
    private static let escape = UInt8(0x1B)

    /// `record` without its escape sequences, or nil when it holds none.
    static func stripped(_ record: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let base = record.baseAddress, memchr(base, Int32(escape), record.count) != nil else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(record.count)
        var index = 0
        while index < record.count {
            guard record[index] == escape, index + 1 < record.count else {
                output.append(record[index])
                index += 1
                continue
            }
            index = end(ofSequenceAt: index, in: record)
        }
        return output
    }

    /// The index after the sequence that starts with ESC at `start`: CSI (`ESC [` parameters, then
    /// a final byte from `@` to `~`), OSC (`ESC ]` up to BEL or `ESC \`), else ESC and one byte.
    private static func end(ofSequenceAt start: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var index = start + 2
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
            return min(index + 1, bytes.count)
        case UInt8(ascii: "]"):
            while index < bytes.count {
                if bytes[index] == 0x07 { return index + 1 }
                if bytes[index] == escape, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") { return index + 2 }
                index += 1
            }
            return index
        default:
            return index
        }
    }
}
