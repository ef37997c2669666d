import Foundation
import ZIPFoundation

/// Lists and streams the members of a zip archive with ZIPFoundation. Nothing is ever written:
/// member paths (`../x`, `/etc/x`) are only labels.
final class ZipArchiveReader {
    /// A file stored in the archive.
    struct Member {
        let path: String
        let declaredSize: UInt64
        fileprivate let entry: Entry
    }

    private let archive: ArchiveBox
    /// Holds a file whose name is not UTF-8 open, for ZIPFoundation to reach it as `/proc/self/fd/N`.
    private let heldOpen: FileByteSource?

    /// Opens the archive at `path` for reading.
    init(path: FileSystemPath) throws(InputError) {
        let url: URL
        if let text = path.string {
            (url, heldOpen) = (URL(fileURLWithPath: text), nil)
        } else {
            let file = try FileByteSource(path: path)
            (url, heldOpen) = (URL(fileURLWithPath: "/proc/self/fd/\(file.descriptorNumber)"), file)
        }
        do {
            archive = ArchiveBox(try Archive(url: url, accessMode: .read))
        } catch {
            throw .corruptArchive("not a readable zip archive (\(error))")
        }
    }

    /// The regular files in the archive, by path (folders and links left out).
    var members: [Member] {
        archive.archive.filter { $0.type == .file }
            .map { Member(path: $0.path, declaredSize: $0.uncompressedSize, entry: $0) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// A stream of the member's inflated bytes, stopped with an error past `limit` bytes or when
    /// extraction hands over nothing for `patience` seconds.
    func open(_ member: Member, limit: UInt64, patience: TimeInterval) -> ByteSource {
        ZipMemberSource(archive: archive, entry: EntryBox(member.entry), limit: limit, patience: patience)
    }
}

/// ZIPFoundation's archive, used by one extraction thread at a time (the scanner waits for each
/// member's thread to end before starting the next).
private final class ArchiveBox: @unchecked Sendable {
    let archive: Archive
    init(_ archive: Archive) { self.archive = archive }
}

/// The inflated data does not have the checksum the archive recorded: the member is damaged.
private struct ChecksumMismatch: Error, CustomStringConvertible {
    var description: String { "CRC-32 of the inflated data does not match the archive's: the member is damaged" }
}

private final class EntryBox: @unchecked Sendable {
    let entry: Entry
    init(_ entry: Entry) { self.entry = entry }
}

/// Reads one member: a thread runs ZIPFoundation's extraction into a ``ChunkChannel``.
///
/// ZIPFoundation 0.9.20 can spin forever on some damaged deflate data (a fuzzer found it): when
/// nothing arrives for `patience` seconds the member is reported as damaged and the extraction
/// thread is left behind (it cannot be stopped; it ends with the process).
private final class ZipMemberSource: ByteSource {
    private let channel = ChunkChannel()
    private let done = DispatchSemaphore(value: 0)
    private let limit: UInt64
    private let patience: TimeInterval
    private var stalled = false
    private var current = Data()
    private var offset = 0
    private var total: UInt64 = 0

    init(archive: ArchiveBox, entry: EntryBox, limit: UInt64, patience: TimeInterval) {
        self.limit = limit
        self.patience = patience
        let channel = self.channel
        let done = self.done
        Thread.detachNewThread {
            do {
                let checksum = try archive.archive.extract(entry.entry, bufferSize: 256 * 1024, skipCRC32: false) { data in
                    try channel.put(data)
                }
                // ZIPFoundation computes the checksum of what it inflated; comparing is the caller's job.
                channel.finish(checksum == entry.entry.checksum ? nil : ChecksumMismatch())
            } catch {
                channel.finish(error)
            }
            done.signal()
        }
    }

    deinit {
        channel.cancel()
        // A producer blocked in `put` wakes at once; one spinning inside ZIPFoundation never
        // does: wait at most the patience time, then leave it behind.
        if !stalled { _ = done.wait(timeout: .now() + patience) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while offset >= current.count {
            do {
                guard let next = try channel.take(patience: patience) else { return 0 }
                current = next
                offset = 0
            } catch is ChunkChannel.Stalled {
                stalled = true
                throw .corruptArchive("extraction made no progress for \(Int(patience)) s (damaged deflate data): the rest of the member was skipped")
            } catch {
                throw .corruptArchive("\(error)")
            }
        }
        let count = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
        offset += count
        total += UInt64(count)
        if total > limit {
            channel.cancel()
            throw .archiveLimit("inflated past the \(limit)-byte member limit (zip bomb?)")
        }
        return count
    }
}
