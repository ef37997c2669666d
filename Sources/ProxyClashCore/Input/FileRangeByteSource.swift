#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one byte range of a regular file with `pread(2)`: the part of a big file one worker scans.
/// A range that ends early (the file was truncated meanwhile) is an error, as in ``FileByteSource``.
final class FileRangeByteSource: ByteSource {
    private let descriptor: Int32
    private var position: Int
    private let end: Int
    /// The file's size when it was opened, for the message when it shrinks.
    private let sizeWhenOpened: Int

    init(path: FileSystemPath, range: Range<Int>) throws(InputError) {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw FileByteSource.error(errno) }
        descriptor = fd
        position = range.lowerBound
        end = range.upperBound
        sizeWhenOpened = FileByteSource.regularFileSize(fd) ?? range.upperBound
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let wanted = min(buffer.count, end - position)
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        while true {
            let count = pread(descriptor, base, wanted, off_t(position))
            if count > 0 {
                position += count
                return count
            }
            // The range was inside the file when it was split: the file was truncated since.
            if count == 0 { throw .shrank(expected: sizeWhenOpened, read: position) }
            if errno == EINTR { continue }
            throw FileByteSource.error(errno)
        }
    }
}
