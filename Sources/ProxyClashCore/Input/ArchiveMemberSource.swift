/// The bytes of the member an archive reader stands at. Valid until the reader moves to the
/// next member; the size limits are a ``LimitedByteSource`` around it.
final class ArchiveMemberSource: ByteSource {
    private let reader: LibArchiveReader

    init(reader: LibArchiveReader) {
        self.reader = reader
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        try reader.readData(into: buffer)
    }
}

/// A compressed stream (zstd, xz, bzip2, lz4) inflated by libarchive as it is read.
final class DecompressingByteSource: ByteSource {
    private let upstream: ByteSource
    private let format: ContainerFormat
    private var reader: LibArchiveReader?
    private var openingError: InputError?
    /// The stream held no bytes at all.
    private var empty = false

    init(upstream: ByteSource, format: ContainerFormat) {
        self.upstream = upstream
        self.format = format
    }

    /// Opens the stream on the first read, so that damage near its start is reported as the
    /// search's, at line 1, like damage anywhere else.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let openingError { throw openingError }
        if empty { return 0 }
        if reader == nil {
            do {
                let opened = try LibArchiveReader(source: upstream, format: format, mode: .decompress)
                // An empty stream (`logrotate`'s `ifempty` compresses empty logs) has no entry.
                guard try opened.nextEntry() != nil else {
                    empty = true
                    return 0
                }
                reader = opened
            } catch {
                openingError = error
                throw error
            }
        }
        return try reader!.readData(into: buffer)
    }
}
