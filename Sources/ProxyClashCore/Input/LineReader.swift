internal import CStringSearch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a decoded stream into chunks of whole lines through one fixed, page-aligned buffer.
///
/// Memory is `readSize + maxLineLength + contextLength` bytes whatever the input. Up to
/// `contextLength` bytes of whole lines before each chunk stay in the buffer as its context (a log
/// entry's header line above an error, whichever read it arrived in). A line longer than
/// `maxLineLength` is handed out once, cut to its first `maxLineLength` bytes and flagged, and the
/// rest of it is skipped, so one hostile line can neither exhaust memory nor hide the lines after it.
package final class LineReader {
    /// Default size of one read: large reads amortise system calls (1-4 MiB measured best).
    package static let defaultReadSize = 1 << 20
    /// Default longest line kept whole.
    package static let defaultMaxLineLength = 1 << 20
    /// Default amount of preceding text kept as context.
    package static let defaultContextLength = 16 << 10

    private let source: ByteSource
    /// Holds `buffer`'s memory for as long as this reader lives.
    private let storage: Storage
    private let buffer: UnsafeMutableRawBufferPointer
    private let readSize: Int
    private let maxLineLength: Int
    private let contextLength: Int
    /// Start of the retained context: whole lines before `start`.
    private var contextStart = 0
    private var start = 0
    private var end = 0
    private var scannedUpTo = 0
    private var reachedEnd = false
    private var skippingOverlongLine = false
    /// A read error, thrown once the lines read before it have been handed out.
    private var deferredError: InputError?
    /// Bytes read from the source so far.
    package private(set) var bytesRead = 0

    /// - Parameter storage: the memory to read into; a scanner passes the same storage for every
    ///   input it reads (one after another), so a folder of small files does not map and fault in
    ///   fresh megabytes per file.
    package init(source: ByteSource, readSize: Int = LineReader.defaultReadSize,
                maxLineLength: Int = LineReader.defaultMaxLineLength, contextLength: Int = LineReader.defaultContextLength,
                storage: Storage = Storage()) {
        self.source = source
        self.readSize = max(readSize, 16)
        self.maxLineLength = max(maxLineLength, 8)
        self.contextLength = max(contextLength, 0)
        self.storage = storage
        let size = self.readSize + self.maxLineLength + self.contextLength
        buffer = UnsafeMutableRawBufferPointer(rebasing: storage.reserve(size)[..<size])
    }

    deinit { storage.inUse = false }

    /// One page-aligned buffer, kept for the next reader; used by one reader at a time.
    package final class Storage {
        private var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        fileprivate var inUse = false

        package init() {}

        deinit { buffer.deallocate() }

        /// At least `count` bytes (the previous contents are not kept), for one reader at a time.
        fileprivate func reserve(_ count: Int) -> UnsafeMutableRawBufferPointer {
            precondition(!inUse, "a line reader's storage is used by one reader at a time")
            inUse = true
            if buffer.count < count {
                buffer.deallocate()
                buffer = .allocate(byteCount: count, alignment: max(Int(sysconf(Int32(_SC_PAGESIZE))), 16))
            }
            return buffer
        }
    }

    /// Reads ahead until `count` bytes (at most `readSize + maxLineLength`) are buffered or the
    /// input ends, and shows them without consuming them: format detection looks at this.
    package func peekHead(_ count: Int) -> UnsafeRawBufferPointer {
        let target = min(count, readSize + maxLineLength)
        while end - start < target, !reachedEnd { fill() }
        return UnsafeRawBufferPointer(rebasing: buffer[start..<min(end, start + target)])
    }

    /// The next chunk of whole lines, or nil at the end of the input.
    package func nextChunk() throws(InputError) -> TextChunk? {
        while true {
            if skippingOverlongLine, let newline = firstNewline(in: scannedUpTo..<end) {
                // The discarded tail of the long line ends here; whole lines may follow.
                skippingOverlongLine = false
                start = newline + 1
                contextStart = start
                scannedUpTo = start
                continue
            }
            if !skippingOverlongLine, let newline = lastNewline(in: scannedUpTo..<end) {
                let chunk = TextChunk(bytes: UnsafeRawBufferPointer(rebasing: buffer[start...newline]),
                                      context: context(), isTruncatedLine: false)
                start = newline + 1
                scannedUpTo = start
                return chunk
            }
            scannedUpTo = end
            if skippingOverlongLine {
                start = 0; end = 0; scannedUpTo = 0; contextStart = 0
            } else if end - start >= maxLineLength {
                let chunk = TextChunk(bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<start + maxLineLength]),
                                      context: context(), isTruncatedLine: true)
                skippingOverlongLine = true
                start = 0; end = 0; scannedUpTo = 0; contextStart = 0
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
                let chunk = TextChunk(bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<end]),
                                      context: context(), isTruncatedLine: false)
                start = end
                return chunk
            }
            fill()
        }
    }

    /// Whole lines, at most `contextLength` bytes, right before `start`.
    private func context() -> UnsafeRawBufferPointer {
        let from = contextFloor()
        return UnsafeRawBufferPointer(rebasing: buffer[from..<start])
    }

    /// Where the retained context begins: within `contextLength` of `start`, at a line start.
    private func contextFloor() -> Int {
        var from = max(contextStart, start - contextLength)
        if from > contextStart {
            from = firstNewline(in: from..<start).map { $0 + 1 } ?? start
        }
        return from
    }

    /// Moves the context and the partial line to the front and reads more after them.
    private func fill() {
        let keepFrom = contextFloor()
        if keepFrom > 0 {
            let kept = end - keepFrom
            if kept > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + keepFrom, kept) }
            scannedUpTo -= keepFrom
            start -= keepFrom
            end = kept
        }
        contextStart = 0
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
