/// The bytes of the member an archive reader stands at, stopped with an error past `limit` bytes
/// (an archive bomb, whatever its header declared). Valid until the reader moves to the next member.
final class ArchiveMemberSource: ByteSource {
    private let reader: LibArchiveReader
    private let limit: UInt64
    /// Bytes handed out so far.
    private(set) var delivered: UInt64 = 0

    init(reader: LibArchiveReader, limit: UInt64) {
        self.reader = reader
        self.limit = limit
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = try reader.readData(into: buffer)
        delivered += UInt64(count)
        if delivered > limit {
            throw .archiveLimit("inflated past the \(limit)-byte member limit (archive bomb?): the rest of the member was not read")
        }
        return count
    }
}

/// A compressed stream (zstd, xz, bzip2, lz4) inflated by libarchive as it is read.
final class DecompressingByteSource: ByteSource {
    private let upstream: ByteSource
    private let format: ContainerFormat
    private var reader: LibArchiveReader?
    private var openingError: InputError?

    init(upstream: ByteSource, format: ContainerFormat) {
        self.upstream = upstream
        self.format = format
    }

    /// Opens the stream on the first read, so that damage near its start is reported as the
    /// search's, at line 1, like damage anywhere else.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let openingError { throw openingError }
        if reader == nil {
            do {
                let opened = try LibArchiveReader(source: upstream, format: format, mode: .decompress)
                _ = try opened.nextEntry()
                reader = opened
            } catch {
                openingError = error
                throw error
            }
        }
        return try reader!.readData(into: buffer)
    }
}
