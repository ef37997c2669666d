/// Why an input could not be read (or could be read only in part).
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound
    case permissionDenied
    case notAFile(String)
    case io(String)
    /// Damaged compressed data; `format` names the compressor (`gzip`, `zstd`, ...).
    case corruptCompressedData(format: String, String)
    /// Compressed data that ends before its end marker.
    case truncatedCompressedData(format: String)
    /// A damaged or unreadable archive; `format` names it (`tar`, `zip`, ...).
    case corruptArchive(format: String, String)
    case archiveLimit(String)
    /// The file ended before the size it had when it was opened: truncated (or rotated by
    /// copy-and-truncate) while being read.
    case shrank(expected: Int, read: Int)

    public var description: String {
        switch self {
        case .notFound: "no such file or directory"
        case .permissionDenied: "permission denied"
        case let .notAFile(what): "not a regular file (\(what))"
        case let .io(message): "read error: \(message)"
        case let .corruptCompressedData(format, message): "corrupt \(format) data: \(message)"
        case let .truncatedCompressedData(format): "\(format) data ends early (truncated file)"
        case let .corruptArchive(format, message): "corrupt \(format) archive: \(message)"
        case let .archiveLimit(message): message
        case let .shrank(expected, read): "file shrank while being read (truncated or rotated in place): it had \(expected) bytes when opened, only \(read) could be read"
        }
    }
}
