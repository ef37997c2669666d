internal import CArchive
#if canImport(Glibc)
import Glibc
#endif

/// libarchive reading a ``ByteSource`` through callbacks: nothing is written to disk, member
/// paths (`../x`, `/etc/x`) are only labels, and memory is libarchive's state plus one buffer.
///
/// Two uses: ``Mode/decompress`` unwraps one compressed stream (zstd, xz, bzip2, lz4), and
/// ``Mode/unpack`` lists the members of a tar or zip archive and streams each one's bytes.
package final class LibArchiveReader {
    enum Mode {
        /// One compressed stream, read as a single member (libarchive's "raw" format).
        case decompress
        /// A tar or zip archive (compressors around it are unwrapped before, by the opener).
        case unpack
    }

    /// One member of an archive, as its header describes it.
    struct Entry {
        /// The path as stored (bytes: not always UTF-8).
        let path: [UInt8]
        /// The size the header declares, when it declares one.
        let declaredSize: Int64?
        /// A regular file with content of its own (not a folder, link, device, or a hard link
        /// to a member read before).
        let hasContent: Bool
        /// Why a member that is not a folder has no content of its own to read (a link, a device),
        /// for a note; nil for files and folders.
        let notRead: String?
        /// libarchive's word for a damaged header it read past to reach this member.
        let damagedBefore: String?

        /// The path without the `./` that `tar -C dir .` puts before every name.
        var label: ArraySlice<UInt8> { Self.label(path[...]) }

        static func label(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var label = path
            while label.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]), label.count > 2 { label = label.dropFirst(2) }
            return label
        }
    }

    private var archive: OpaquePointer
    private let client: ArchiveClient
    private let mode: Mode
    /// The format read, for messages (`zstd`, `tar`...).
    let format: ContainerFormat
    /// The archive is read from a decompressor's output (a `.tar.gz`).
    private let overCompressedStream: Bool
    /// Headers handed out so far (members of any kind).
    private var headersRead = 0
    /// libarchive gave up on the current handle (it takes no more calls after a fatal error).
    private var fatal: InputError?
    /// The fatal error was reported: the archive has ended.
    private var ended = false
    /// What libarchive handed out of the current member and is not read yet (valid until the
    /// next libarchive call), where the member's data read so far ends, and damage met after it.
    private var block = UnsafeRawBufferPointer(start: nil, count: 0)
    private var blockEnd: la_int64_t = 0
    private var blockDamage: InputError?
    /// Fresh handles opened past damaged members so far.
    private var reopenings = 0
    /// Damaged members a seekable archive is read on past; after that many it ends (each fresh
    /// handle rereads the headers before it, so the work grows with their product).
    static let maxReopenings = 100
    /// Headers reread by fresh handles, in all: with many members before each damaged one the
    /// product, not the count, is what takes time (100 damaged among 150,000 members: 15 million
    /// headers, a minute and a half), so past this the archive ends too.
    package var maxHeadersReread = 1_000_000
    private var headersReread = 0

    /// Opens `source` for reading.
    /// - Parameters:
    ///   - seekable: the same bytes as a regular file at offset 0, read with seeks instead of
    ///     `source`: a zip archive's central directory is then read, skipped members are seeked
    ///     over, and a member's damage does not end the archive (it is opened again past it).
    ///   - overCompressedStream: `source` is a decompressor's output.
    init(source: ByteSource, format: ContainerFormat, mode: Mode, seekable: FileByteSource? = nil,
         overCompressedStream: Bool = false) throws(InputError) {
        self.format = format
        self.overCompressedStream = overCompressedStream
        self.mode = mode
        client = ArchiveClient(source: source, seekable: seekable)
        archive = try Self.open(client, mode: mode, format: format)
    }

    deinit { archive_read_free(archive) }

    /// libarchive converts member names to the charset of the C library's locale, and a program
    /// starts in the C locale (ASCII): a zip member's UTF-8 name (general-purpose bit 11, as
    /// .NET, Python and 7-Zip write it) would be lost. Switches the character type to UTF-8
    /// when it is not (the rest of the C locale is left alone); done once, and by the command
    /// line before its workers start, since setlocale is not safe beside running threads.
    package static func useUTF8MemberNames() { _ = utf8Names }

    private static let utf8Names: Void = {
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" else { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }()

    private static func open(_ client: ArchiveClient, mode: Mode, format: ContainerFormat) throws(InputError) -> OpaquePointer {
        useUTF8MemberNames()
        guard let archive = archive_read_new() else { throw .io("libarchive could not allocate a reader") }
        enableFormats(archive, mode: mode, format: format)
        archive_read_set_read_callback(archive, archiveRead)
        if client.descriptor != nil {
            archive_read_set_seek_callback(archive, archiveSeek)
            archive_read_set_skip_callback(archive, archiveSkip)
        }
        archive_read_set_callback_data(archive, Unmanaged.passUnretained(client).toOpaque())
        guard archive_read_open1(archive) == ARCHIVE_OK else {
            let error = error(of: archive, client: client, format: format, opening: true)
            archive_read_free(archive)
            throw error
        }
        // A stream its compressor does not recognise passes through unfiltered: that is damage,
        // not a compressed stream to sniff again.
        if mode == .decompress, let code = format.libarchiveFilterCode, archive_filter_code(archive, 0) != code {
            archive_read_free(archive)
            throw .corruptCompressedData(format: format.rawValue, "not a valid \(format.rawValue) stream")
        }
        return archive
    }

    /// Turns on exactly what `mode` reads: the one compressor `format` names (a stream inside it
    /// is sniffed again by the opener, so each layer is named and limited; never libarchive's
    /// fallback to running an outside program: Debian's libarchive links each of these
    /// libraries), or the archive formats. `empty` reads a compressed stream of no bytes.
    private static func enableFormats(_ archive: OpaquePointer, mode: Mode, format: ContainerFormat) {
        switch mode {
        case .decompress:
            switch format {
            case .zstd: archive_read_support_filter_zstd(archive)
            case .xz: archive_read_support_filter_xz(archive)
            case .bzip2: archive_read_support_filter_bzip2(archive)
            case .lz4: archive_read_support_filter_lz4(archive)
            case .gzip: archive_read_support_filter_gzip(archive)
            case .tar, .zip: break
            }
            archive_read_support_format_raw(archive)
            archive_read_support_format_empty(archive)
        case .unpack:
            archive_read_support_format_tar(archive)
            archive_read_support_format_zip(archive)
        }
    }

    /// The next member's header, or nil at the end of the archive. After a member's damage ended
    /// libarchive's reading, a seekable archive is opened again and read on past that member;
    /// any other archive throws the damage here, once, and has ended.
    func nextEntry() throws(InputError) -> Entry? {
        if let damage = fatal {
            if ended { return nil }
            guard client.descriptor != nil else {
                ended = true
                throw damage
            }
            guard reopenings < Self.maxReopenings else {
                ended = true
                throw .corruptArchive(format: format.rawValue, "\(Self.maxReopenings) damaged members: the rest of the archive was not read")
            }
            guard headersReread + headersRead <= maxHeadersReread else {
                ended = true
                let damaged = reopenings == 0 ? "a damaged member" : "\(reopenings + 1) damaged members"
                let members = headersRead == 1 ? "1 member" : "\(headersRead) members"
                throw .corruptArchive(format: format.rawValue, "\(damaged) after \(members): the rest of the archive was not read (reading past each one rereads every header before it)")
            }
            try reopenPastReadHeaders()
        }
        (block, blockEnd, blockDamage) = (UnsafeRawBufferPointer(start: nil, count: 0), 0, nil)
        var entry: OpaquePointer?
        // A damaged header libarchive can read past (RETRY: it looks for the next valid one;
        // FAILED: this entry is lost, the next may be fine) is said, with the member it cost.
        var skipped: String?
        for _ in 0..<64 {
            let status = archive_read_next_header(archive, &entry)
            switch status {
            case ARCHIVE_RETRY, ARCHIVE_FAILED:
                skipped = skipped ?? error(opening: false).description
                continue
            case ARCHIVE_EOF:
                if let skipped {
                    ended = true
                    fatal = damageUnder() ?? .corruptArchive(format: format.rawValue, "damaged data at the end of the archive (\(skipped))")
                    throw fatal!
                }
                // The compressed stream around the archive is read to its end, so that its own
                // check runs (gzip's CRC and length, lz4's checksum come after the data): a tar
                // ends before them, and damaged data would otherwise pass as read.
                if let damage = damageUnder() {
                    ended = true
                    fatal = damage
                    throw damage
                }
                return nil
            case ARCHIVE_OK, ARCHIVE_WARN:
                guard let entry else { return nil }
                headersRead += 1
                return Self.describe(entry, damagedBefore: skipped)
            default:
                ended = true
                fatal = damageUnder() ?? error(opening: false)
                throw fatal!
            }
        }
        ended = true
        fatal = damageUnder() ?? .corruptArchive(format: format.rawValue, "64 damaged headers in a row: the rest of the archive was not read")
        throw fatal!
    }

    /// When an archive's structure breaks inside a compressed stream, the stream itself is often
    /// what is damaged (gzip and bzip2 check their data only at the end of a member or block, so
    /// garbage reached the archive reader first): the rest of the stream is read, and its own
    /// damage, if any, is the better diagnosis.
    private func damageUnder() -> InputError? {
        guard overCompressedStream, client.error == nil else { return nil }
        var drained = 0
        while drained < Self.maxDrainedBytes {
            do {
                let count = try client.source.read(into: client.buffer)
                if count == 0 { return nil }
                drained += count
            } catch {
                return error
            }
        }
        return nil
    }

    /// How much of a compressed stream is read past a broken archive to find the stream's own
    /// damage (an archive bomb must not turn this into gigabytes of inflating).
    static let maxDrainedBytes = 256 << 20

    /// A fresh libarchive handle on the same file, moved past the headers already handed out.
    private func reopenPastReadHeaders() throws(InputError) {
        reopenings += 1
        headersReread += headersRead
        client.rewind()
        do {
            let fresh = try Self.open(client, mode: mode, format: format)
            archive_read_free(archive)
            archive = fresh
        } catch {
            ended = true
            fatal = error
            throw error
        }
        fatal = nil
        var entry: OpaquePointer?
        for _ in 0..<headersRead {
            let status = archive_read_next_header(archive, &entry)
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
                ended = true
                fatal = error(opening: false)
                throw fatal!
            }
        }
    }

    private static func describe(_ entry: OpaquePointer, damagedBefore: String?) -> Entry {
        let name = archive_entry_pathname(entry) ?? archive_entry_pathname_utf8(entry)
        let path = name.map { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) } ?? Array("(unnamed)".utf8)
        let size: Int64? = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil
        let type = mode_t(archive_entry_filetype(entry))
        let hardLink = archive_entry_hardlink(entry).map { FileSystemPath.display(Entry.label(Array(UnsafeRawBufferPointer(start: $0, count: strlen($0)))[...])) }
        let linkToEarlier = hardLink != nil && (size ?? 0) == 0
        var notRead: String?
        if linkToEarlier, let hardLink {
            notRead = "hard link to \(hardLink) in the archive: its content is read once, under that name"
        } else if type == S_IFLNK {
            let target = archive_entry_symlink(entry).map { FileSystemPath.display(Array(UnsafeRawBufferPointer(start: $0, count: strlen($0)))[...]) } ?? "?"
            notRead = "symbolic link to \(target) in the archive: not followed"
        } else if type != S_IFREG, type != S_IFDIR {
            notRead = "not a regular file in the archive (a device, FIFO or socket): not read"
        }
        return Entry(path: path, declaredSize: size, hasContent: type == S_IFREG && !linkToEarlier, notRead: notRead,
                     damagedBefore: damagedBefore)
    }

    /// Reads the current member's (or the decompressed stream's) next bytes; 0 at its end.
    ///
    /// Reads libarchive's blocks as they are (`archive_read_data` would fill the whole buffer
    /// and lose the bytes before damage met in the same call). A hole in a sparse member reads
    /// as one NUL byte, which the NUL filter turns into a space, so no words join across it.
    func readData(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while block.isEmpty {
            if let damage = blockDamage {
                blockDamage = nil
                throw damage
            }
            guard fatal == nil, !ended else { return 0 }
            var pointer: UnsafeRawPointer?
            var size = 0
            var offset: la_int64_t = 0
            let status = archive_read_data_block(archive, &pointer, &size, &offset)
            if status == ARCHIVE_EOF { return 0 }
            if status != ARCHIVE_OK {
                blockDamage = error(opening: false)
                if status == ARCHIVE_FATAL { fatal = blockDamage }
            }
            // A hole in the middle of a sparse member (a leading hole has no text to keep apart).
            if offset > blockEnd, blockEnd > 0, status == ARCHIVE_OK || size > 0 {
                blockEnd = offset
                base.storeBytes(of: 0, as: UInt8.self)
                block = UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : size)
                blockEnd += la_int64_t(block.count)
                return 1
            }
            block = UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : size)
            blockEnd = offset + la_int64_t(block.count)
        }
        let count = min(buffer.count, block.count)
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: block[..<count]))
        block = UnsafeRawBufferPointer(rebasing: block[count...])
        return count
    }

    private func error(opening: Bool) -> InputError {
        Self.error(of: archive, client: client, format: format, opening: opening)
    }

    /// The error libarchive (or the source under it) reported, worded for a diagnostic.
    private static func error(of archive: OpaquePointer, client: ArchiveClient, format: ContainerFormat, opening: Bool) -> InputError {
        if let sourceError = client.error { return sourceError }
        let raw = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
        let message = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if format.isCompressor {
            let truncated = ["truncated", "premature end", "no progress is possible", "unexpected end"]
            return truncated.contains { message.lowercased().contains($0) }
                ? .truncatedCompressedData(format: format.rawValue)
                : .corruptCompressedData(format: format.rawValue, message)
        }
        return .corruptArchive(format: format.rawValue, opening ? "not a readable \(format.rawValue) archive (\(message))" : message)
    }
}
