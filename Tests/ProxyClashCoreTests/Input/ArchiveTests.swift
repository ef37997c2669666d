import Foundation
import Testing
@testable import ProxyClashCore

/// tar archives and the compressors read through libarchive (fixtures made by
/// `Fixtures/archives/make-fixtures.py`: each member's conflicts are named after where it sits).
@Suite struct ArchiveTests {
    static func fixture(_ name: String) -> String { GzipTests.fixture("archives/" + name) }

    private func scan(_ name: String, options: ScanOptions = ScanOptions()) -> ScanResult {
        Scanner(catalog: shippedCatalog, options: options).scan(InputItem(path: Self.fixture(name)))
    }

    /// The member part of each input's path (`bundle.tar.gz!logs/x.log` gives `logs/x.log`).
    private func members(_ result: ScanResult) -> [String] {
        result.inputs.map { $0.path.split(separator: "!", maxSplits: 1).dropFirst().joined() }
    }

    private func keys(_ result: ScanResult) -> [String] { result.incidents.incidents.map(\.key).sorted() }

    private func members(path: String) -> String { path.split(separator: "!", maxSplits: 1).dropFirst().joined() }

    @Test(arguments: [("plain.log.zst", "zstd"), ("plain.log.xz", "xz"), ("plain.log.bz2", "bzip2"), ("plain.log.lz4", "lz4")])
    func compressedLogReadsLikeThePlainLog(name: String, compressor: String) {
        let result = scan(name)
        #expect(keys(result) == ["smtp:plain.ann@contoso.com", "smtp:plain.bob@contoso.com"])
        #expect(result.inputs.map(\.compression) == [compressor])
        #expect(result.inputs.first?.lines == 122)
        #expect(result.inputs.first?.status == .scanned)
        #expect(result.diagnostics.entries.isEmpty)
    }

    @Test func gnuTarMembersAreFilesWithTheirOwnContainers() {
        let result = scan("bundle.tar.gz")
        let long = Array(repeating: "very-long-folder-name-for-a-gnu-long-name", count: 3).joined(separator: "/")
        #expect(members(result) == [
            "logs/trace-20261125.log", "logs/rotated/trace-20261124.log.zst", "logs/\(long)/trace-20261125.log", "logs/caf\\xE9-latin1.log",
        ])
        #expect(result.inputs.map(\.compression) == [nil, "zstd", nil, nil])
        #expect(keys(result) == ["smtp:tgz.latin1@contoso.com", "smtp:tgz.longname@contoso.com", "smtp:tgz.trace@contoso.com", "smtp:tgz.zstmember@contoso.com"])
        // The hard link to the first member is not read twice; the symbolic link is not followed.
        #expect(result.incidents.incidents.allSatisfy { $0.occurrences == 1 })
        #expect(result.diagnostics.entries.map { "\($0.category.rawValue) \(members(path: $0.path)): \($0.message)" } == [
            "skipped-path logs/latest.log: symbolic link to trace-20261125.log in the archive: not followed",
            "skipped-path logs/trace-copy.log: hard link to logs/trace-20261125.log in the archive: its content is read once, under that name",
        ])
    }

    @Test func paxNamesAreUTF8AndLong() {
        let result = scan("bundle-pax.tar.xz")
        #expect(members(result) == ["transcripts/Zoë-20261125.log", "transcripts/" + String(repeating: "x", count: 120) + ".log"])
        #expect(keys(result) == ["smtp:pax.longname@contoso.com", "smtp:pax.zoe@contoso.com"])
    }

    /// Lines with a time of day only take their date from their member's name, not the archive's.
    @Test func memberNameDatesItsUndatedLines() {
        let result = scan("logs-20261120.tar")
        #expect(members(result) == ["aadc/trace-20261125.log", "undated.log"])
        let firstSeen = Dictionary(uniqueKeysWithValues: result.incidents.incidents.map { ($0.key, $0.firstSeen.map(ISO8601.format) ?? "undated") })
        #expect(firstSeen == ["smtp:named.member@contoso.com": "2026-11-25T02:10:00Z", "smtp:unnamed.member@contoso.com": "undated"])
    }

    @Test func archiveInsideACompressedTarIsReadToo() {
        let result = scan("nested.tar.zst")
        #expect(members(result) == ["exports/inner.zip!inner/sync-errors.log"])
        #expect(keys(result) == ["smtp:zst.innerzip@contoso.com"])
    }

    @Test func nestingPastTheLimitIsSkippedAndSaid() {
        let result = scan("deep.zip")
        #expect(members(result) == ["level2.tar!level3.zip!level4.tar"])
        #expect(result.inputs.first?.status == .skipped)
        #expect(result.diagnostics.entries.map(\.message) == ["tar archive nested 4 levels deep, past the limit of 3: not scanned (extract it first)"])
        #expect(result.diagnostics.hasErrors)
    }

    /// A member whose header declares less than it inflates to (a compressed member): stopped at
    /// the limit while read, what came before kept, the next member read.
    @Test func memberInflatingPastTheLimitIsStoppedWhileRead() {
        var options = ScanOptions()
        options.maxArchiveMemberBytes = 1 << 20
        let result = scan("zstbomb.tar", options: options)
        #expect(members(result) == ["huge.log.zst", "after.log"])
        #expect(result.inputs.map(\.status) == [.partial, .scanned])
        #expect(result.inputs.first?.bytes == 1 << 20)
        #expect(keys(result) == ["smtp:zstbomb.after@contoso.com", "smtp:zstbomb.first@contoso.com"])
        #expect(result.diagnostics.entries.contains { $0.category == .damagedInput && $0.message.hasPrefix("inflated past the 1048576-byte member limit (archive bomb?)") })
    }

    /// A member refused for its declared size still counts toward the total (reading past it in
    /// a stream inflates it).
    @Test func aRefusedMemberCountsTowardTheTotal() {
        var options = ScanOptions()
        options.maxArchiveMemberBytes = 1 << 20
        options.maxArchiveTotalBytes = 42_000_000
        let result = scan("bomb.tar.zst", options: options)
        #expect(result.inputs.map(\.status) == [.skipped, .skipped])
        #expect(result.diagnostics.entries.map(\.message).sorted() == [
            "tar archive inflates past the 42000000-byte total limit: this member and the rest not scanned",
            "tar member declares 42888000 bytes, over the 1048576-byte member limit: not scanned",
        ])
    }

    @Test func memberDeclaredPastTheLimitIsNotRead() {
        var options = ScanOptions()
        options.maxArchiveMemberBytes = 1 << 20
        let result = scan("bomb.tar.zst", options: options)
        #expect(members(result) == ["huge.log", "after.log"])
        #expect(result.inputs.first?.status == .skipped, "the tar header declares the size: refused before reading")
        #expect(result.inputs.last?.status == .scanned)
        #expect(keys(result) == ["smtp:bomb.after@contoso.com"])
    }

    @Test func totalLimitStopsTheArchive() {
        var options = ScanOptions()
        options.maxArchiveTotalBytes = 20_000
        let result = scan("bundle.tar.gz", options: options)
        #expect(members(result).count == 3)
        #expect(result.inputs.map(\.status) == [.scanned, .partial, .skipped])
        #expect(result.diagnostics.entries.map(\.message) == [
            "inflated past the archive's 20000-byte total limit (archive bomb?): the rest of the member and of the archive was not read; stopped reading at this line",
            "tar archive inflates past the 20000-byte total limit: this member and the rest not scanned",
        ])
    }

    @Test func truncatedCompressedTarKeepsTheMembersBeforeTheCut() {
        let result = scan("truncated.tar.zst")
        #expect(members(result) == ["first.log", "second.log"])
        #expect(result.inputs.map(\.status) == [.scanned, .partial])
        #expect(keys(result) == ["smtp:cut.first@contoso.com", "smtp:cut.second@contoso.com"])
        let damage = result.diagnostics.entries.filter { $0.category == .damagedInput }
        #expect(damage.count == 2)
        #expect(damage.contains { $0.path.hasSuffix("!second.log") && $0.line != nil && $0.message == "zstd data ends early (truncated file); stopped reading at this line" })
        #expect(damage.contains { $0.path.hasSuffix("truncated.tar.zst") && $0.message == "zstd data ends early (truncated file), after member second.log: 2 members were read, the rest of the archive could not be reached" })
    }

    @Test(arguments: [("corrupt.log.xz", "corrupt xz data:"), ("corrupt.log.zst", "corrupt zstd data:"), ("corrupt.log.bz2", "corrupt bzip2 data:")])
    func damagedCompressedLogSaysWhereAndGoesOnWithTheNextInput(name: String, prefix: String) throws {
        let items = [InputItem(path: Self.fixture(name)), InputItem(path: Self.fixture("plain.log.xz"))]
        let result = ParallelScanner(catalog: shippedCatalog, jobs: 1).scan(items)
        let damage = try #require(result.diagnostics.entries.first { $0.category == .damagedInput })
        #expect(damage.message.hasPrefix(prefix))
        #expect(damage.message.hasSuffix("; stopped reading at this line"))
        #expect((damage.line ?? 0) > 500, "the lines before the damage were read")
        #expect(result.inputs.map(\.status) == [.partial, .scanned])
        #expect(keys(result).contains("smtp:plain.ann@contoso.com"))
    }

    /// gzip checks its data only at a member's end: the garbage after a flipped byte reaches the
    /// tar reader first, which fails; the gzip damage found under it is what is reported.
    @Test func damageInTheGzipUnderATarIsNamedAsSuch() {
        let result = scan("flipped.tar.gz")
        #expect(members(result) == ["a.log", "b.log"])
        let damage = result.diagnostics.entries.filter { $0.category == .damagedInput }.map(\.message)
        #expect(damage == ["corrupt gzip data: incorrect data check, after member b.log: 2 members were read (the last one may end in damaged data), the rest of the archive could not be reached"])
    }

    /// Past the listed members (10,000 by default; 2 here), an archive's members are folded into
    /// one input entry: memory and the report stay bounded, the counts and incidents stay whole.
    @Test func membersPastTheListedOnesAreFoldedIntoOneEntry() throws {
        var options = ScanOptions()
        options.listedArchiveMembers = 2
        let result = scan("bundle.tar.gz", options: options)
        let whole = scan("bundle.tar.gz")
        #expect(members(result) == ["logs/trace-20261125.log", "logs/rotated/trace-20261124.log.zst", "(2 more members)"])
        let folded = try #require(result.inputs.last)
        #expect(folded.bytes == whole.inputs.suffix(2).map(\.bytes).reduce(0, +))
        #expect(folded.lines == whole.inputs.suffix(2).map(\.lines).reduce(0, +))
        #expect(folded.status == .scanned)
        #expect(result.statistics.files == 4)
        #expect(keys(result) == keys(whole))
        options.listedArchiveMembers = 1
        let one = scan("bundle.tar.gz", options: options)
        #expect(members(one) == ["logs/trace-20261125.log", "(3 more members)"])
        #expect(one.inputs.last?.members == 3)
    }

    /// A `.tar.gz` whose gzip trailer (CRC and length, after the tar's end) is wrong or cut off:
    /// the archive's members read fine, but the stream is read to its end so its check runs,
    /// and the damage is said (exit 2) instead of passing as a clean archive.
    @Test(arguments: ["crc", "cut"])
    func damageAfterTheTarsEndIsStillFound(kind: String) throws {
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture("bundle.tar.gz"))))
        if kind == "crc" { bytes[bytes.count - 8] ^= 0x01 } else { bytes.removeLast(5) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-tgz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bundle.tar.gz").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = Scanner(catalog: shippedCatalog).scan(InputItem(path: path))
        #expect(keys(result).count == 4, "the members were read")
        let damage = result.diagnostics.entries.filter { $0.category == .damagedInput && $0.path == path }.map(\.message)
        #expect(damage.count == 1)
        #expect(damage.first?.hasPrefix(kind == "crc" ? "corrupt gzip data: incorrect data check" : "gzip data ends early (truncated file)") == true, "\(damage)")
        #expect(result.diagnostics.hasErrors)
    }

    /// A zstd stream that starts with a skippable frame (`pzstd` writes one) is zstd, and read.
    @Test func aZstdStreamStartingWithASkippableFrameIsRead() throws {
        let plain = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture("plain.log.zst"))))
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF]
        #expect(ContainerFormat.recognise(skippable + plain) == .zstd)
        let lz4 = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture("plain.log.lz4"))))
        #expect(ContainerFormat.recognise(skippable + lz4) == nil, "libarchive's lz4 reader does not take it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-pzstd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plain.log.zst").path
        try Data(skippable + plain).write(to: URL(fileURLWithPath: path))
        let withFrame = Scanner(catalog: shippedCatalog).scan(InputItem(path: path))
        #expect(withFrame.inputs.first?.compression == "zstd")
        #expect(keys(withFrame) == keys(scan("plain.log.zst")) && !keys(withFrame).isEmpty)
    }

    /// "ustar" at byte 257 of a text log is not a tar: the header's checksum must be right too.
    @Test func ustarInATextLogIsNotATar() throws {
        let start = "2026-11-25T10:00:00Z INFO start "
        let text = Array((start + String(repeating: "x", count: 256 - start.count) + "\nustar backup finished\n" + String(repeating: "2026-11-25T10:00:01Z INFO filler\n", count: 20)).utf8)
        #expect(Array(text[257..<263]) == Array("ustar ".utf8))
        #expect(ContainerFormat.recognise(text) == nil)
        let tar = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture("logs-20261120.tar"))))
        #expect(ContainerFormat.recognise(Array(tar.prefix(512))) == .tar)
        var broken = Array(tar.prefix(512))
        broken[0] ^= 0x01
        #expect(ContainerFormat.recognise(broken) == nil, "a header whose checksum is wrong")
    }

    /// xz cut short reads as cut short (liblzma says "no progress is possible").
    @Test func truncatedXZSaysItEndsEarly() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture("corrupt.log.xz"))))
        guard case let .stream(source, compression) = try InputOpener().sniff(MemoryByteSource(Array(bytes.prefix(bytes.count / 3)))) else {
            Issue.record("xz not recognised")
            return
        }
        let result = Scanner(catalog: shippedCatalog).scan(source: source, path: "cut.log.xz", compression: compression)
        #expect(result.diagnostics.entries.map(\.message) == ["xz data ends early (truncated file); stopped reading at this line"])
        #expect(result.inputs.first?.status == .partial)
    }

    /// libarchive looks for the next valid header past a damaged one: the member after it is
    /// read, and the loss is said.
    @Test func damagedTarHeaderIsReadPastAndSaid() {
        let result = scan("damaged-header.tar")
        #expect(members(result) == ["one.log", "three.log"])
        #expect(keys(result) == ["smtp:hdr.one@contoso.com", "smtp:hdr.three@contoso.com"])
        #expect(result.diagnostics.entries.map(\.message) == [
            "corrupt tar archive: Damaged tar archive: a damaged header was read past between members one.log and three.log; the member it began, if any, was not read",
        ])
        #expect(result.diagnostics.hasErrors)
    }

    /// logrotate compresses empty logs too (`ifempty`): nothing to read, nothing wrong.
    @Test func anEmptyCompressedLogIsEmpty() {
        let result = scan("empty.log.zst")
        #expect(result.inputs.map(\.status) == [.scanned])
        #expect(result.inputs.map(\.compression) == ["zstd"])
        #expect(result.diagnostics.entries.isEmpty)
    }

    /// Bytes with a compressor's magic its decoder does not accept are damage, not another layer.
    @Test func aBadLZ4FrameIsDamage() throws {
        guard case let .stream(source, compression) = try InputOpener().sniff(MemoryByteSource([0x04, 0x22, 0x4D, 0x18, 0xFF, 0xFF] + Array("garbage".utf8))) else {
            Issue.record("lz4 not recognised")
            return
        }
        let result = Scanner(catalog: shippedCatalog).scan(source: source, path: "bad.log.lz4", compression: compression)
        #expect(result.diagnostics.entries.map(\.message) == ["corrupt lz4 data: not a valid lz4 stream; stopped reading at this line"])
    }

    /// Each compressor is its own layer: a .gz inside a .zst is named, and inflated by zlib.
    @Test func aGzipInsideAZstdIsTwoLayers() {
        let result = scan("gzip-inside.log.gz.zst")
        #expect(result.inputs.map(\.compression) == ["zstd+gzip"])
        #expect(keys(result) == ["smtp:layer.inner@contoso.com"])
    }

    @Test func archiveOnStandardInputIsReadAsAStream() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture("bundle.tar.gz"))))
        guard case let .archive(reader) = try InputOpener().sniff(MemoryByteSource(bytes, readSize: 7)) else {
            Issue.record("tar inside gzip not recognised")
            return
        }
        let result = Scanner(catalog: shippedCatalog).scanArchive(reader, displayPath: "-", onDiagnostic: nil, progress: nil)
        #expect(keys(result) == keys(scan("bundle.tar.gz")))
    }

    /// Every container read through 1, 7 and 64 KiB reads, both by the scanner (line reader's
    /// size) and from a stream handing out that much at a time: the same answer each time.
    @Test(arguments: [1 << 10, 7 << 10, 64 << 10])
    func readSizesDoNotChangeTheAnswer(readSize: Int) throws {
        var options = ScanOptions()
        options.readSize = readSize
        for name in ["plain.log.zst", "plain.log.xz", "plain.log.bz2", "plain.log.lz4", "bundle.tar.gz", "bundle-pax.tar.xz", "nested.tar.zst", "truncated.tar.zst"] {
            let whole = scan(name)
            let chunked = scan(name, options: options)
            #expect(keys(chunked) == keys(whole), "\(name)")
            #expect(chunked.inputs.map(\.bytes) == whole.inputs.map(\.bytes), "\(name)")
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture(name))))
            let streamed = try drainOpened(InputOpener().sniff(MemoryByteSource(bytes, readSize: readSize)), bufferSize: readSize)
            #expect(streamed == whole.inputs.reduce(0) { $0 + $1.bytes }, "\(name)")
        }
    }

    /// Counts the bytes an opened input gives (all members, for an archive) up to its end or damage.
    private func drainOpened(_ opened: InputOpener.Opened, bufferSize: Int) throws -> Int {
        switch opened {
        case let .stream(source, _):
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
            defer { buffer.deallocate() }
            var total = 0
            while let count = try? source.read(into: buffer), count > 0 { total += count }
            return total
        case let .archive(reader):
            var total = 0
            while let entry = try? reader.nextEntry() {
                guard entry.hasContent else { continue }
                total += try drainOpened(InputOpener().sniff(ArchiveMemberSource(reader: reader), isMember: true), bufferSize: bufferSize)
            }
            return total
        }
    }
}
