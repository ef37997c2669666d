#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor with plain `read(2)`: a regular file, a FIFO, or standard input.
///
/// A regular file is expected to hold at least the bytes it had when opened: ending earlier means
/// it was truncated under the reader, which is reported instead of passing for a short file. A
/// file renamed away (rotated) while being read is read to its end, since the descriptor follows
/// it; one that grows is read until the reader catches up with the writer.
package final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The size of a regular file when it was opened (nil for pipes, FIFOs, devices).
    private let sizeWhenOpened: Int?
    private var delivered = 0

    /// Opens `path` for reading.
    /// - Parameter regularOnly: refuse anything but a regular file, without waiting: opened
    ///   non-blocking, so a FIFO that replaced a walked file is refused instead of waited on.
    package init(path: FileSystemPath, regularOnly: Bool = false) throws(InputError) {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0)) }
        guard fd >= 0 else { throw FileByteSource.error(errno) }
        if regularOnly {
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                close(fd)
                throw .notAFile("it changed since the folder was walked")
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }
        descriptor = fd
        ownsDescriptor = true
        sizeWhenOpened = Self.regularFileSize(fd)
    }

    /// Opens `path` (text: always valid UTF-8) for reading.
    package convenience init(path: String) throws(InputError) {
        try self.init(path: FileSystemPath(path))
    }

    /// Wraps an already open descriptor (standard input) without closing it. A pipe is asked for
    /// a 1 MiB buffer (the kernel's default is 64 KiB), so the writer and this reader trade large
    /// blocks instead of waking each other every 64 KiB.
    package init(borrowing descriptor: Int32) {
        self.descriptor = descriptor
        ownsDescriptor = false
        sizeWhenOpened = nil
        #if os(Linux)
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO {
            _ = fcntl(descriptor, Self.setPipeSize, Int32(Self.pipeSize))  // best effort: a smaller limit just keeps 64 KiB
        }
        #endif
    }

    /// Linux's `F_SETPIPE_SZ` (`F_LINUX_SPECIFIC_BASE + 7`), which Swift's Glibc module does not export.
    private static let setPipeSize: Int32 = 1031
    private static let pipeSize = 1 << 20

    deinit { if ownsDescriptor { close(descriptor) } }

    /// True for a regular file (which can be seeked in), false for a pipe, FIFO or device.
    var isRegularFile: Bool { sizeWhenOpened != nil }

    /// The open descriptor (valid while this source lives).
    var descriptorNumber: Int32 { descriptor }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count > 0 {
                delivered += count
                return count
            }
            if count == 0 {
                if let expected = sizeWhenOpened, delivered < expected { throw .shrank(expected: expected, read: delivered) }
                return 0
            }
            if errno == EINTR { continue }
            throw FileByteSource.error(errno)
        }
    }

    /// `st_size` of the regular file at `path` (nil for anything else, or when it cannot be read).
    static func regularFileSize(atPath path: FileSystemPath) -> Int? {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// `st_size` of a regular file.
    static func regularFileSize(_ descriptor: Int32) -> Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    static func error(_ code: Int32) -> InputError {
        switch code {
        case ENOENT: .notFound
        case ENOTDIR: .io("a part of the path is a file, not a folder")
        case EACCES, EPERM: .permissionDenied
        default: .io(String(cString: strerror(code)))
        }
    }
}
