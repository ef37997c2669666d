#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the history store could not be used. Every description is one line that starts with the
/// store's path and says what happened in plain words.
public enum HistoryError: Error, CustomStringConvertible, Sendable, Equatable {
    /// There is no store at the path yet (only when opened read-only).
    case missing(path: String)
    /// The file could not be opened or created, or is not a ProxyClash history store.
    case unusable(path: String, reason: String)
    /// The store was written by a newer proxyclash: it has a migration this version does not know.
    case newer(path: String, migration: String)
    /// Another run held the store for longer than the wait allowed (seconds).
    case busy(path: String, waited: Double)
    /// A read or a write failed; a failed write stored nothing.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missing(path):
            "\(path): no history store yet: record runs with 'proxyclash scan --history \(path)'"
        case let .unusable(path, reason):
            "\(path): history store cannot be used: \(reason)"
        case let .newer(path, migration):
            "\(path): history store written by a newer proxyclash (unknown migration '\(migration)'); upgrade proxyclash"
        case let .busy(path, waited) where waited > 0:
            "\(path): history store still held by another run after waiting \(Self.seconds(waited))"
        case let .busy(path, _):
            "\(path): history store held by another run (not waiting for it)"
        case let .failed(path, reason):
            "\(path): history store could not be read or written: \(reason)"
        }
    }

    /// The path of the store concerned.
    public var path: String {
        switch self {
        case let .missing(path), let .unusable(path, _), let .newer(path, _), let .busy(path, _), let .failed(path, _): path
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// What a failed system call on the store's file or folder means, in plain words.
    /// - Parameter subject: the file or folder concerned: for `ENOENT` the first one missing,
    ///   for `ENOTDIR` the file standing where a folder should be.
    static func reason(errno code: Int32, subject: String) -> String {
        switch code {
        case ENOENT: "\(subject) does not exist"
        case ENOTDIR: "\(subject) is a file, not a folder"
        case EISDIR: "\(subject) is a folder, not a file"
        case EACCES, EPERM: "permission denied for \(subject)"
        case EROFS: "\(subject) is on a read-only file system"
        case ENOSPC, EDQUOT: "no space left on the device for \(subject)"
        case ELOOP: "\(subject): too many levels of symbolic links"
        case ENAMETOOLONG: "\(subject): name too long"
        default: "\(subject): \(String(cString: strerror(code)))"
        }
    }
}
