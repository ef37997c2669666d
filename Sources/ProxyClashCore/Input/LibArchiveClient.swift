internal import CArchive
#if canImport(Glibc)
import Glibc
#endif

// libarchive's side of ``LibArchiveReader``: the client its callbacks read from, the callbacks
// themselves (C function pointers), and the filter codes of the compressors.

extension ContainerFormat {
    /// libarchive's code for the compressor, nil for the archives.
    var libarchiveFilterCode: Int32? {
        switch self {
        case .gzip: ARCHIVE_FILTER_GZIP
        case .bzip2: ARCHIVE_FILTER_BZIP2
        case .xz: ARCHIVE_FILTER_XZ
        case .lz4: ARCHIVE_FILTER_LZ4
        case .zstd: ARCHIVE_FILTER_ZSTD
        case .tar, .zip: nil
        }
    }
}

/// What libarchive's callbacks read from: a byte stream, or a regular file read with seeks.
final class ArchiveClient {
    let source: ByteSource
    let descriptor: Int32?
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
    /// The source's own error (a read failure of the file under the archive), which libarchive
    /// only sees as "read error".
    var error: InputError?

    init(source: ByteSource, seekable: FileByteSource?) {
        self.source = source
        descriptor = seekable?.descriptorNumber
        rewind()
    }

    /// Back to the file's first byte, for a fresh libarchive handle.
    func rewind() {
        error = nil
        if let descriptor { lseek(descriptor, 0, SEEK_SET) }
    }

    deinit { buffer.deallocate() }

    func read() -> Int {
        do throws(InputError) {
            if let descriptor {
                let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                if count < 0 { throw FileByteSource.error(errno) }
                return count
            }
            return try source.read(into: buffer)
        } catch {
            self.error = error
            return -1
        }
    }
}

private func client(_ data: UnsafeMutableRawPointer?) -> ArchiveClient {
    Unmanaged<ArchiveClient>.fromOpaque(data!).takeUnretainedValue()
}

func archiveRead(_ archive: OpaquePointer?, _ data: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UnsafeRawPointer?>?) -> la_ssize_t {
    let client = client(data)
    let count = client.read()
    buffer?.pointee = UnsafeRawPointer(client.buffer.baseAddress)
    if count < 0, let error = client.error { proxyclash_archive_set_error(archive, EIO, error.description) }
    return count
}

func archiveSeek(_: OpaquePointer?, _ data: UnsafeMutableRawPointer?, _ offset: la_int64_t, _ whence: Int32) -> la_int64_t {
    la_int64_t(lseek(client(data).descriptor!, off_t(offset), whence))
}

func archiveSkip(_: OpaquePointer?, _ data: UnsafeMutableRawPointer?, _ request: la_int64_t) -> la_int64_t {
    let descriptor = client(data).descriptor!
    let here = lseek(descriptor, 0, SEEK_CUR)
    guard here >= 0 else { return 0 }
    let end = lseek(descriptor, 0, SEEK_END)
    let target = min(here + off_t(request), max(end, here))
    lseek(descriptor, target, SEEK_SET)
    return la_int64_t(target - here)
}
