/// Opens an input as a stream of raw (still encoded) text, or as an archive whose members are
/// the inputs. Containers are recognised by their magic bytes (``ContainerFormat``), never by
/// their names, and unwrapped in layers: a `.tar.zst` is zstd, then tar; a `.log.gz` member of
/// that tar is gzip again. gzip is inflated with zlib directly (the fast path); zstd, xz, bzip2
/// and lz4 by libarchive, which also reads tar and zip.
package struct InputOpener {
    /// How many compressors may wrap one another before the input is refused (a `.gz` inside a
    /// `.zst` is two).
    static let maxCompressionLayers = 4

    package init() {}

    /// What an input turned out to be.
    package enum Opened {
        /// A byte stream, and the compressors unwrapped to reach it (`gzip`, `zstd+gzip`), if any.
        case stream(ByteSource, compression: String?)
        /// An archive standing before its first member.
        case archive(LibArchiveReader)
    }

    package func open(_ item: InputItem) throws(InputError) -> Opened {
        guard let path = item.fileSystemPath else { return try sniff(FileByteSource(borrowing: 0)) }
        let file = try FileByteSource(path: path, regularOnly: item.walked)
        return try sniff(file, seekable: file.isRegularFile ? file : nil)
    }

    /// Looks at the first bytes of `source`: compressors are unwrapped (and what they hold looked
    /// at again), archives are opened, anything else is passed on with those bytes replayed.
    /// - Parameters:
    ///   - seekable: `source` itself when it is a regular file, for archives to seek in.
    ///   - isMember: `source` is an archive member, whose damage is reported where it is met.
    ///   - unwrapped: the compressors already unwrapped, outermost first.
    func sniff(_ source: ByteSource, seekable: FileByteSource? = nil, isMember: Bool = false, unwrapped: [ContainerFormat] = []) throws(InputError) -> Opened {
        let layers = unwrapped.count
        let (head, damage) = try Self.readHead(source, keepingDamage: isMember || layers > 0)
        let replay = ReplayingByteSource(head: head, then: damage, upstream: source)
        guard let format = ContainerFormat.recognise(head) else { 
            return .stream(replay, compression: layers > 0 ? unwrapped.map(\.rawValue).joined(separator: "+") : nil)
        }
        guard format.isCompressor else {
            return .archive(try LibArchiveReader(source: replay, format: format, mode: .unpack, seekable: seekable, overCompressedStream: layers > 0))
        }
        guard layers < Self.maxCompressionLayers else {
            throw .archiveLimit("compressed more than \(Self.maxCompressionLayers) times over: not unwrapped")
        }
        let inflated: ByteSource = format == .gzip
            ? GzipByteSource(upstream: replay)
            : DecompressingByteSource(upstream: replay, format: format)
        return try sniff(inflated, isMember: isMember, unwrapped: unwrapped + [format])
    }

    /// Up to ``ContainerFormat/headSize`` first bytes (fewer only at the end of the stream).
    /// - Parameter keepingDamage: a read error of inflated data is returned, not thrown, for the
    ///   search to report it at its place after the bytes before it.
    private static func readHead(_ source: ByteSource, keepingDamage: Bool) throws(InputError) -> ([UInt8], InputError?) {
        var head: [UInt8] = []
        let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: ContainerFormat.headSize, alignment: 1)
        defer { probe.deallocate() }
        while head.count < ContainerFormat.headSize {
            do {
                let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: probe[0..<(ContainerFormat.headSize - head.count)]))
                if count == 0 { break }
                head += probe[0..<count]
            } catch {
                guard keepingDamage else { throw error }
                return (head, error)
            }
        }
        return (head, nil)
    }
}
