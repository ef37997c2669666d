internal import CStringSearch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns any supported text encoding into UTF-8 while it streams (decoding comes before line
/// splitting: a UTF-16 transcript would otherwise look binary).
///
/// UTF-8 passes through untouched (a BOM is dropped; invalid bytes are left for the matcher,
/// which treats them as barriers). UTF-16 is transcoded; unpaired surrogates become U+FFFD.
package final class DecodingByteSource: ByteSource {
    private let upstream: ByteSource
    private let forcedEncoding: TextEncoding?
    private var pending: UnsafeMutableRawBufferPointer
    private var pendingStart = 0
    private var pendingEnd = 0
    private var upstreamEnded = false
    private var highSurrogate: UInt16?
    /// A read error, thrown once the bytes read before it have been decoded and handed out.
    private var deferredError: InputError?
    /// The encoding being decoded now (nil until the first read).
    package private(set) var encoding: TextEncoding?
    /// The encoding found at the start of the stream (nil until the first read).
    package private(set) var initialEncoding: TextEncoding?
    /// Number of UTF-16 code units that could not be decoded (lone surrogates, an odd last byte).
    package private(set) var replacedCodeUnits = 0
    /// Times UTF-16 text was put back in step after a block of NUL bytes of odd length.
    package private(set) var realignedAfterNUL = 0
    /// The last byte handed out from UTF-16 was NUL (a NUL block may go on in the next read).
    private var lastDecodedWasNUL = false
    /// Where UTF-8 text turned into UTF-16LE (text appended with Windows PowerShell's `>>`), as a
    /// byte offset in the decoded stream; nil when it did not.
    package private(set) var switchedToUTF16At: Int?
    private var deliveredUTF8 = 0
    /// False while every byte handed out is known to be free of NUL (UTF-8 text checked by the
    /// UTF-16 watch), so readers need not look for binary data again.
    package var mayHaveDeliveredNUL: Bool {
        deliveredUnwatchedBytes || forcedEncoding != nil || encoding == .utf16LE || encoding == .utf16BE
    }
    /// Bytes were handed out past a NUL or FF that was not the start of UTF-16 text.
    private var deliveredUnwatchedBytes = false

    /// - Parameters:
    ///   - upstream: raw bytes.
    ///   - encoding: skip detection and decode as this.
    package init(upstream: ByteSource, encoding: TextEncoding? = nil, bufferSize: Int = 256 * 1024) {
        self.upstream = upstream
        self.forcedEncoding = encoding
        pending = .allocate(byteCount: max(bufferSize, 16), alignment: 16)
    }

    deinit { pending.deallocate() }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        precondition(buffer.count >= 16, "decoder output buffer too small")
        if encoding == nil { detect() }
        let count = try decode(into: buffer)
        if count == 0, let error = deferredError {
            deferredError = nil
            throw error
        }
        return count
    }

    private func decode(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        switch encoding! {
        case .utf8, .utf8BOM:
            var count = takePending(into: buffer)
            if count == 0 { count = upstreamEnded ? 0 : readUpstream(into: buffer) }
            if switchedToUTF16At == nil, forcedEncoding == nil, count > 0 {
                count = watchForUTF16(in: buffer, count: count)
                if encoding == .utf16LE, count == 0 { return transcodeUTF16(into: buffer, littleEndian: true) }
            }
            deliveredUTF8 += count
            return count
        case .utf16LE:
            return transcodeUTF16(into: buffer, littleEndian: true)
        case .utf16BE:
            return transcodeUTF16(into: buffer, littleEndian: false)
        }
    }

    /// Copies pending bytes (the sniffed head, held-back bytes) into `buffer`.
    private func takePending(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard pendingStart < pendingEnd else { return 0 }
        let count = min(buffer.count, pendingEnd - pendingStart)
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: pending[pendingStart..<pendingStart + count]))
        pendingStart += count
        return count
    }

    /// Looks for UTF-16LE text appended to UTF-8 (Windows PowerShell's `>>`): a `FF FE` mark, or a
    /// NUL in a run of `x 00 y 00 z 00`. When found, switches to UTF-16LE there.
    /// - Returns: how many bytes of `buffer` to hand out as UTF-8.
    private func watchForUTF16(in buffer: UnsafeMutableRawBufferPointer, count: Int) -> Int {
        var count = count
        guard let suspect = Self.firstSuspect(UnsafeRawBufferPointer(rebasing: buffer[..<count])) else { return count }
        // Enough look-ahead to judge a NUL or a trailing FF/FF FE: read on (the bytes read come
        // after it, so it stays the first suspect), or hold the tail back.
        while suspect + 6 > count, !upstreamEnded {
            guard count < buffer.count else {
                guard suspect > 0 else { break }
                holdBack(UnsafeRawBufferPointer(rebasing: buffer[suspect..<count]))
                return suspect
            }
            count += readUpstream(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
        }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
        func unit(_ index: Int) -> Bool { index + 1 < bytes.count && bytes[index] != 0 && bytes[index + 1] == 0 }
        let resume: Int
        if bytes[suspect] == 0xFF, suspect + 1 < bytes.count, bytes[suspect + 1] == 0xFE, unit(suspect + 2) {
            resume = suspect + 2  // FF FE mark
        } else if bytes[suspect] == 0, unit(suspect + 1), unit(suspect + 3) {
            resume = suspect + 1  // the byte before this NUL was the low byte of a unit: already handed out as the same ASCII character
        } else {
            // A lone NUL or FF: binary data or legacy text, not UTF-16. Bytes after it are not looked at.
            deliveredUnwatchedBytes = true
            return count
        }
        switchToUTF16(leftover: UnsafeRawBufferPointer(rebasing: buffer[resume..<count]))
        // Without a mark, the UTF-16 text began one byte before the NUL.
        switchedToUTF16At = deliveredUTF8 + (bytes[suspect] == 0 ? suspect - 1 : suspect)
        return suspect
    }

    /// The first NUL or `FF` byte (one vectorised pass: this runs over every UTF-8 read).
    private static func firstSuspect(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let found = pc_find_either(base, bytes.count, 0, 0xFF)
        return found < bytes.count ? found : nil
    }

    /// Puts bytes back in front of the pending ones.
    private func holdBack(_ bytes: UnsafeRawBufferPointer) {
        let waiting = pendingEnd - pendingStart
        if pendingStart >= bytes.count {
            pendingStart -= bytes.count
        } else {
            let target = UnsafeMutableRawBufferPointer.allocate(byteCount: max(pending.count, bytes.count + waiting), alignment: 16)
            if waiting > 0 { target.baseAddress!.advanced(by: bytes.count).copyMemory(from: pending.baseAddress! + pendingStart, byteCount: waiting) }
            pending.deallocate()
            pending = target
            pendingStart = 0
            pendingEnd = bytes.count + waiting
        }
        pending.baseAddress!.advanced(by: pendingStart).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    }

    /// Puts `leftover` (already read, UTF-16LE) in front of whatever is pending and decodes as UTF-16LE from now on.
    private func switchToUTF16(leftover: UnsafeRawBufferPointer) {
        guard !leftover.isEmpty else {
            encoding = .utf16LE
            return
        }
        let waiting = pendingEnd - pendingStart
        let needed = leftover.count + waiting
        let target = needed > pending.count ? UnsafeMutableRawBufferPointer.allocate(byteCount: needed, alignment: 16) : pending
        if waiting > 0 {
            // Move what is still pending behind the leftover (memmove: the ranges may overlap).
            memmove(target.baseAddress! + leftover.count, pending.baseAddress! + pendingStart, waiting)
        }
        if leftover.count > 0 { target.baseAddress!.copyMemory(from: leftover.baseAddress!, byteCount: leftover.count) }
        if target.baseAddress != pending.baseAddress { pending.deallocate() }
        pending = target
        pendingStart = 0
        pendingEnd = needed
        encoding = .utf16LE
    }

    /// Reads the head of the stream (at least 4 KiB or to the end) and decides the encoding.
    private func detect() {
        let target = min(4096, pending.count)
        while pendingEnd < target, !upstreamEnded {
            pendingEnd += readUpstream(into: UnsafeMutableRawBufferPointer(rebasing: pending[pendingEnd..<target]))
        }
        let head = UnsafeRawBufferPointer(rebasing: pending[0..<pendingEnd])
        let sniffed = TextEncoding.sniff(head)
        encoding = forcedEncoding ?? sniffed.encoding
        initialEncoding = encoding
        pendingStart = forcedEncoding == nil || forcedEncoding == sniffed.encoding ? sniffed.bomLength : 0
    }

    /// Refills the pending buffer with raw bytes, keeping an unconsumed odd byte.
    /// Reads from upstream; an error ends the stream here and is thrown after the data before it.
    private func readUpstream(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        do {
            let count = try upstream.read(into: buffer)
            if count == 0 { upstreamEnded = true }
            return count
        } catch {
            deferredError = error
            upstreamEnded = true
            return 0
        }
    }

    private func refill() {
        let leftover = pendingEnd - pendingStart
        if leftover > 0, pendingStart > 0 {
            pending.baseAddress!.copyMemory(from: pending.baseAddress! + pendingStart, byteCount: leftover)
        }
        pendingStart = 0
        pendingEnd = leftover
        guard !upstreamEnded else { return }
        pendingEnd += readUpstream(into: UnsafeMutableRawBufferPointer(rebasing: pending[pendingEnd...]))
    }

    private func fillAtLeastOneCodeUnit() {
        while pendingEnd - pendingStart < 2, !upstreamEnded { refill() }
    }

    private func transcodeUTF16(into buffer: UnsafeMutableRawBufferPointer, littleEndian: Bool) -> Int {
        fillAtLeastOneCodeUnit()
        var written = 0
        // Room for the most one iteration writes: a replacement for a dangling high surrogate
        // (3 bytes) and then the next scalar (4 bytes).
        let capacity = buffer.count - 7
        while written < capacity, pendingEnd - pendingStart >= 2 {
            if highSurrogate == nil {
                written += copyASCII(into: buffer, at: written, limit: capacity, littleEndian: littleEndian)
                guard written < capacity, pendingEnd - pendingStart >= 2 else { break }
            }
            if highSurrogate == nil, written > 0 ? buffer[written - 1] == 0 : lastDecodedWasNUL,
               let text = realignAfterNUL(littleEndian: littleEndian) {
                if let text {
                    buffer[written] = text
                    written += 1
                }
                if written < capacity { fillAtLeastOneCodeUnit() }
                continue
            }
            let b0 = UInt16(pending[pendingStart])
            let b1 = UInt16(pending[pendingStart + 1])
            let unit = littleEndian ? b0 | b1 << 8 : b0 << 8 | b1
            pendingStart += 2
            if let high = highSurrogate {
                highSurrogate = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                    written += Self.encode(scalar, into: buffer, at: written)
                    continue
                }
                written += replacement(into: buffer, at: written)
            }
            switch unit {
            case 0xD800...0xDBFF: highSurrogate = unit
            case 0xDC00...0xDFFF: written += replacement(into: buffer, at: written)
            default: written += Self.encode(UInt32(unit), into: buffer, at: written)
            }
            if written < capacity { fillAtLeastOneCodeUnit() }
        }
        if written == 0, upstreamEnded {
            if highSurrogate != nil {
                highSurrogate = nil
                return replacement(into: buffer, at: 0)
            }
            if pendingEnd - pendingStart == 1 {
                pendingStart = pendingEnd
                return replacement(into: buffer, at: 0)
            }
        }
        if written > 0 { lastDecodedWasNUL = buffer[written - 1] == 0 }
        return written
    }

    /// After NUL code units (a zero-filled block in UTF-16 text), a block of an odd number of
    /// bytes leaves the text after it one byte off: ASCII reads as `00 x` (LE) or `x 00` (BE).
    /// Such a unit is read one byte later (LE) or as `x` one byte earlier (BE), which puts the
    /// text back in step; counted in ``realignedAfterNUL``. Only when the two units after it are
    /// off the same way: a character such as U+4E00 after a NUL is text in step, not a shift.
    /// - Returns: nil when the next unit is in step; else the byte to hand out (nil inside: none).
    private func realignAfterNUL(littleEndian: Bool) -> UInt8?? {
        guard pendingEnd - pendingStart >= 6 else { return nil }
        let bytes = (0..<6).map { pending[pendingStart + $0] }
        func isText(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        // Off by one, LE reads `00 t 00 t 00 t`; BE reads `t 00 t 00 t 00`.
        let shifted = (0..<3).allSatisfy { unit in
            littleEndian ? bytes[2 * unit] == 0 && isText(bytes[2 * unit + 1]) : isText(bytes[2 * unit]) && bytes[2 * unit + 1] == 0
        }
        guard shifted else { return nil }
        pendingStart += 1
        realignedAfterNUL += 1
        return littleEndian ? .some(nil) : .some(bytes[0])
    }

    /// The common case, ASCII text: copies the low (or high) byte of each code unit while the
    /// other byte is zero (vectorised in `pc_narrow_ascii_utf16`).
    /// - Returns: the number of bytes written.
    private func copyASCII(into buffer: UnsafeMutableRawBufferPointer, at offset: Int, limit: Int, littleEndian: Bool) -> Int {
        let units = min((pendingEnd - pendingStart) / 2, limit - offset)
        guard units > 0 else { return 0 }
        let copied = pc_narrow_ascii_utf16(pending.baseAddress! + pendingStart, units, buffer.baseAddress! + offset, littleEndian ? 1 : 0)
        pendingStart += 2 * copied
        return copied
    }

    private func replacement(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        replacedCodeUnits += 1
        return Self.encode(0xFFFD, into: buffer, at: offset)
    }

    private static func encode(_ scalar: UInt32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            buffer[offset] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            buffer[offset] = UInt8(0xC0 | scalar >> 6)
            buffer[offset + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            buffer[offset] = UInt8(0xE0 | scalar >> 12)
            buffer[offset + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            buffer[offset] = UInt8(0xF0 | scalar >> 18)
            buffer[offset + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[offset + 3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
