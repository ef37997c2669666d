import Foundation
import PCRE2

/// Cuts one big plain-text log into ranges that workers can scan at the same time.
///
/// Only regular, uncompressed UTF-8 files read as `lines` are split, and only at the start of a
/// line that begins with a timestamp (at most 32 bytes of label before it). A record without a
/// time of its own takes the time of the nearest such line above it, so a range never needs the
/// lines of the range before it: the split gives the same report as one worker.
struct FileSplitter {
    /// Files smaller than twice this are not split.
    let minimumPartSize: Int
    /// How far past a nominal cut to look for a timestamped line: a small read first (there is
    /// usually one within a few lines), then a larger one.
    let searchWindows = [64 * 1024, 1 << 20]

    /// The ranges to scan, or nil when the file should be scanned whole.
    func ranges(of item: InputItem, parts: Int, options: ScanOptions) -> [Range<Int>]? {
        guard parts > 1, let path = item.fileSystemPath, options.forcedFormat == nil || options.forcedFormat == .lines,
              options.forcedEncoding == nil || options.forcedEncoding == .utf8 else { return nil }
        guard let size = FileByteSource.regularFileSize(atPath: path), size >= 2 * minimumPartSize else { return nil }
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? file.close() }
        let head = read(file, at: 0, count: 64 * 1024)
        guard ContainerFormat.recognise(Array(head.prefix(ContainerFormat.headSize))) == nil,
              head.withUnsafeBytes({ BinaryEvidence(head: $0).verdict == nil }) else { return nil }
        let encoding = head.withUnsafeBytes { TextEncoding.sniff($0).encoding }
        guard encoding == .utf8 || encoding == .utf8BOM else { return nil }
        guard options.forcedFormat == .lines || head.withUnsafeBytes({ InputFormat.detect(head: $0, path: item.displayPath) }) == .lines else { return nil }

        let timestamps = TimestampParser(timeZone: options.timeZone, context: MatchContext())
        let count = min(parts, size / minimumPartSize)
        var cuts: [Int] = [0]
        for index in 1..<count {
            let nominal = size * index / count
            guard nominal > cuts.last! + minimumPartSize / 2,
                  let cut = timestampedLineStart(file, from: nominal, timestamps: timestamps) else { continue }
            if cut > cuts.last!, cut < size { cuts.append(cut) }
        }
        guard cuts.count > 1 else { return nil }
        cuts.append(size)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }

    /// The first line at or after `offset` (after a line break) that starts with a timestamp.
    private func timestampedLineStart(_ file: FileHandle, from offset: Int, timestamps: TimestampParser) -> Int? {
        for size in searchWindows {
            if let found = timestampedLineStart(in: read(file, at: offset, count: size), at: offset, timestamps: timestamps) { return found }
        }
        return nil
    }

    private func timestampedLineStart(in window: [UInt8], at offset: Int, timestamps: TimestampParser) -> Int? {
        window.withUnsafeBytes { bytes -> Int? in
            var start = (bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count) + 1
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                guard end < bytes.count else { return nil }  // a line cut by the window: too far
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if let found = timestamps.firstTimestamp(in: line), found.offset <= 32 { return offset + start }
                start = end + 1
            }
            return nil
        }
    }

    private func read(_ file: FileHandle, at offset: Int, count: Int) -> [UInt8] {
        do {
            try file.seek(toOffset: UInt64(offset))
            return Array(try file.read(upToCount: count) ?? Data())
        } catch {
            return []
        }
    }
}
