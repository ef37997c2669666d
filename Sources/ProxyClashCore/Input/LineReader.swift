internal import CStringSearch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a decoded stream into chunks of whole lines through one fixed, page-aligned buffer.
///
/// Memory is `readSize + maxLineLength` bytes whatever the input. A line longer than
/// `maxLineLength` is handed out once, cut to its first `maxLineLength` bytes and flagged, and the
/// rest of it is skipped, so one hostile line can neither exhaust memory nor hide the lines after it.
public final class LineReader {
    /// Default size of one read: large reads amortise system calls (1-4 MiB measured best).
    public static let defaultReadSize = 1 << 20
    /// Default longest line kept whole.
    public static let defaultMaxLineLength = 1 << 20

    private let source: ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private let readSize: Int
    private let maxLineLength: Int
    private var start = 0
    private var end = 0
    private var scannedUpTo = 0
    private var reachedEnd = false
    private var skippingOverlongLine = false
    /// A read error, thrown once the lines read before it have been handed out.
    private var deferredError: InputError?
    /// Bytes read from the source so far.
    public private(set) var bytesRead = 0

    public init(source: ByteSource, readSize: Int = LineReader.defaultReadSize,
                maxLineLength: Int = LineReader.defaultMaxLineLength) {
        self.source = source
        self.readSize = max(readSize, 8)
        self.maxLineLength = max(maxLineLength, 8)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        buffer = .allocate(byteCount: self.readSize + self.maxLineLength, alignment: max(pageSize, 16))
    }

    deinit { buffer.deallocate() }

    /// The next chunk of whole lines, or nil at the end of the input.
    public func nextChunk() throws(InputError) -> TextChunk? {
        while true {
            if skippingOverlongLine, let newline = firstNewline(in: scannedUpTo..<end) {
                // The discarded tail of the long line ends here; whole lines may follow.
                skippingOverlongLine = false
                start = newline + 1
                scannedUpTo = start
                continue
            }
            if !skippingOverlongLine, let newline = lastNewline(in: scannedUpTo..<end) {
                let chunk = TextChunk(bytes: UnsafeRawBufferPointer(rebasing: buffer[start...newline]), isTruncatedLine: false)
                start = newline + 1
                scannedUpTo = start
                return chunk
            }
            scannedUpTo = end
            if skippingOverlongLine {
                start = 0; end = 0; scannedUpTo = 0
            } else if end - start >= maxLineLength {
                let chunk = TextChunk(bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<start + maxLineLength]), isTruncatedLine: true)
                skippingOverlongLine = true
                start = 0; end = 0; scannedUpTo = 0
                return chunk
            }
            if reachedEnd {
                guard start < end, !skippingOverlongLine else {
                    if let error = deferredError {
                        deferredError = nil
                        throw error
                    }
                    return nil
                }
                let chunk = TextChunk(bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), isTruncatedLine: false)
                start = end
                return chunk
            }
            fill()
        }
    }

    /// Moves the partial line to the front and reads more after it.
    private func fill() {
        if start > 0 {
            let leftover = end - start
            if leftover > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, leftover) }
            scannedUpTo -= start
            end = leftover
            start = 0
        }
        let room = min(readSize, buffer.count - end)
        let count: Int
        do {
            count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<end + room]))
        } catch {
            deferredError = error
            count = 0
        }
        if count == 0 { reachedEnd = true }
        end += count
        bytesRead += count
    }

    private func lastNewline(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        let base = buffer.baseAddress! + range.lowerBound
        guard let found = memrchr(base, 0x0A, range.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(buffer.baseAddress!)
    }

    private func firstNewline(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        guard let found = memchr(buffer.baseAddress! + range.lowerBound, 0x0A, range.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(buffer.baseAddress!)
    }
}
