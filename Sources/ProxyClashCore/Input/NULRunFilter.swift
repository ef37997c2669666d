#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Passes decoded text on without its NUL bytes, and stops where the text turns out to be binary.
///
/// The head (64 KiB) is judged whole (see ``BinaryEvidence``): binary input ends the stream at
/// once and sets ``binaryVerdict``. After that, each run of NUL bytes is judged by the 4 KiB
/// after it: binary data there ends the stream at the run; otherwise the run (the zero-filled
/// block a crash or a preallocating writer leaves in a log) is cut out (one space inside a line)
/// and recorded, and the lines after it are read on. NUL bytes hold no newline, so line numbers
/// stay those of the file.
final class NULRunFilter: ByteSource {
    /// A run of NUL bytes that was cut out, as offsets in the decoded text.
    struct Run: Equatable {
        var start: Int
        var end: Int
        /// Inside a line: read as one space.
        var asSpace = false
    }

    private let upstream: DecodingByteSource
    private var judged: Bool
    private var ended = false
    /// Offset in the decoded text of the next byte read from upstream.
    private var offset = 0
    /// Why the input (or the rest of it, from ``binaryOffset``) is binary.
    private(set) var binaryVerdict: String?
    /// Where binary data began after text; nil when the whole input is binary (or none of it).
    private(set) var binaryOffset: Int?
    /// The first runs cut out, in order (at most ``runsKept``); a run still open at the end of a
    /// read is completed by the next.
    private(set) var runs: [Run] = []
    /// Every run cut out, and their bytes.
    private(set) var runCount = 0
    private(set) var removedBytes = 0
    /// Every NUL byte of the runs.
    private(set) var nulBytes = 0
    /// Where the last run began (it may go on in the next read).
    private var runStart = 0
    private var lastRunEnd = -1
    /// The last byte handed out (nil before the first).
    private var lastDelivered: UInt8?
    static let runsKept = 10
    /// How much text after a NUL run decides whether it was padding or the start of binary data,
    /// and the least that may call it binary.
    static let afterRunWindow = 4096
    static let minimumWindow = 512
    /// A longer run of NUL bytes is not padding in a log (`(echo x; cat /dev/zero) |` would
    /// otherwise be read forever): the rest of the input is skipped.
    static let defaultLongestRun = 1 << 30
    private let longestRun: Int
    /// A read error met while filling the head, thrown after the bytes before it.
    private var deferredError: InputError?
    /// The head that is judged before anything is handed out.
    static let headSize = 64 * 1024

    /// - Parameter offset: where the text starts in its file. A part of a split file (offset
    ///   past 0) has no head of its own to judge: the file's head was judged when it was split,
    ///   so every part reads as one worker reading the whole file would.
    /// - Parameter longestRun: the most NUL bytes in a row read as padding.
    init(upstream: DecodingByteSource, offset: Int = 0, longestRun: Int = NULRunFilter.defaultLongestRun) {
        self.upstream = upstream
        self.offset = offset
        self.longestRun = longestRun
        judged = offset > 0
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while !ended {
            var count: Int
            do {
                count = try upstream.read(into: buffer)
                if !judged { count = try judgeHead(buffer, count: count) }
            } catch {
                ended = true
                throw error
            }
            guard count > 0 else {
                ended = true
                return 0
            }
            let start = offset
            offset += count
            guard upstream.mayHaveDeliveredNUL, memchr(buffer.baseAddress!, 0, count) != nil else {
                lastDelivered = buffer[count - 1]
                return count
            }
            let kept = cutRuns(buffer, count: count, at: start)
            if kept > 0 { lastDelivered = buffer[kept - 1] }
            if kept > 0 || ended { return kept }
        }
        if let error = deferredError {
            deferredError = nil
            throw error
        }
        return 0
    }

    /// Reads on until the head is full (or the input ends) and judges it. A read error after
    /// the first bytes is kept for the next call, so those bytes are still handed out.
    private func judgeHead(_ buffer: UnsafeMutableRawBufferPointer, count: Int) throws(InputError) -> Int {
        judged = true
        var count = count
        let target = min(Self.headSize, buffer.count)
        while count > 0, target - count >= 16 {
            let more: Int
            do {
                more = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count..<target]))
            } catch {
                deferredError = error
                ended = true
                break
            }
            if more == 0 { break }
            count += more
        }
        // Binary data holds NUL bytes (random data has one in every 256): a head without one is
        // text, and is not counted byte by byte (that cost 0.15 ms per small log).
        let head = UnsafeRawBufferPointer(rebasing: buffer[..<count])
        guard upstream.mayHaveDeliveredNUL, count > 0, memchr(head.baseAddress!, 0, count) != nil else { return count }
        if let verdict = BinaryEvidence(head: head).verdict {
            binaryVerdict = verdict
            return 0
        }
        return count
    }

    /// Moves the bytes that are not NUL to the front of `buffer`, recording the runs. A run inside a
    /// line becomes one space, so the words on either side are never joined into one (an address
    /// the log never held); a run at the start of a line goes whole. A run followed by binary data
    /// (judged on up to ``afterRunWindow`` bytes after it) ends the stream there.
    /// - Returns: how many bytes are left.
    private func cutRuns(_ buffer: UnsafeMutableRawBufferPointer, count: Int, at start: Int) -> Int {
        let base = buffer.baseAddress!
        var read = 0
        var written = 0
        while read < count {
            guard let found = memchr(base + read, 0, count - read) else {
                memmove(base + written, base + read, count - read)
                written += count - read
                break
            }
            let nul = UnsafeMutableRawPointer(found) - base
            memmove(base + written, base + read, nul - read)
            written += nul - read
            var end = nul
            while end < count, buffer[end] == 0 { end += 1 }
            let after = UnsafeRawBufferPointer(rebasing: buffer[end..<min(count, end + Self.afterRunWindow)])
            // Fewer bytes than that before the read ends: padding (random data has another NUL
            // within a few hundred bytes, which is judged with a full window).
            if after.count >= Self.minimumWindow, BinaryEvidence(head: after).verdict != nil {
                binaryVerdict = "a NUL byte followed by control bytes that text does not use"
                binaryOffset = start + nul
                ended = true
                break
            }
            let runStart = currentRunStart(nul, start)
            if start + end - runStart > longestRun {
                binaryVerdict = "more than \(longestRun) NUL bytes in a row"
                binaryOffset = runStart
                ended = true
                break
            }
            let previous = written > 0 ? buffer[written - 1] : lastDelivered
            let insideLine = previous != nil && previous != UInt8(ascii: "\n") && lastRunEnd != start + nul
            if insideLine {
                buffer[written] = UInt8(ascii: " ")
                written += 1
            }
            record(Run(start: start + nul, end: start + end, asSpace: insideLine))
            read = end
        }
        return written
    }

    /// Where the run holding the NUL at `nul` (of a read starting at `start`) began: earlier
    /// when it goes on from the read before.
    private func currentRunStart(_ nul: Int, _ start: Int) -> Int {
        lastRunEnd == start + nul ? runStart : start + nul
    }

    /// Adds a run, joining it to the one before when they touch (a run cut by a read boundary).
    private func record(_ run: Run) {
        nulBytes += run.end - run.start
        removedBytes += run.end - run.start - (run.asSpace ? 1 : 0)
        if lastRunEnd != run.start { runStart = run.start }
        defer { lastRunEnd = run.end }
        if lastRunEnd == run.start {
            if runCount <= Self.runsKept { runs[runs.count - 1].end = run.end }
            return
        }
        runCount += 1
        if runs.count < Self.runsKept { runs.append(run) }
    }
}
