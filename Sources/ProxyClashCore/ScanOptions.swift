import Foundation
import PCRE2

/// Settings of one scan.
public struct ScanOptions: Sendable {
    /// Zone for timestamps written without one (UTC by default).
    public var timeZone: TimeZone = .gmt
    /// Most distinct incidents kept; findings of further ones are counted in a diagnostic.
    public var maxIncidents = 100_000
    /// Keep every occurrence (message × incident) in the result, for the history store.
    public var collectOccurrences = false
    /// Report only findings dated in this window (undated ones are kept and counted).
    public var window: TimeWindow?
    /// Bytes per read (1 MiB default).
    package var readSize: Int = LineReader.defaultReadSize
    /// Longest record scanned whole; longer lines are cut to this and reported.
    public var maxRecordLength: Int = LineReader.defaultMaxLineLength
    /// PCRE2 match limit per match call.
    package var matchLimit: UInt32 = MatchContext.defaultMatchLimit
    /// Decode every input as this encoding instead of detecting it.
    package var forcedEncoding: TextEncoding?
    /// Read every input as this format instead of detecting it (`--input-format`).
    public var forcedFormat: InputFormat?
    /// Largest inflated size of one archive member (declared or actual) that is scanned: 4 GiB.
    package var maxArchiveMemberBytes: UInt64 = 4 << 30
    /// Largest inflated size of all members of one archive (and the archives in it) together: 16 GiB.
    package var maxArchiveTotalBytes: UInt64 = 16 << 30
    /// Members of one archive (with the archives inside it) listed one by one in the inputs; the
    /// rest are folded into one entry, `bundle.tar!(N more members)`, so a million two-byte
    /// members cost no more memory (nor report) than ten thousand.
    package var listedArchiveMembers = 10_000
    /// A plain log at least twice this size is split into ranges scanned by several workers.
    package var splitMinimumBytes: Int = 32 << 20
    /// How many preceding lines may lend their leading timestamp to a record without one.
    package var timestampLookbackLines: Int = 12

    public init() {}
}
