#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's file and folder, checked and created with plain system calls before SQLite opens
/// them, so a problem is reported as what the system said (a missing folder, a file in the way,
/// a read-only file system, a full disk) rather than as SQLite's "unable to open database file".
enum StoreFile {
    /// Whether a file is at `path` (false also when its folder is missing); throws when the path
    /// is a folder or cannot be looked at.
    static func exists(_ path: String) throws(HistoryError) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return false }
            throw failure(code, path)
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw failure(EISDIR, path) }
        return true
    }

    /// Creates the missing folders on the way (owner-only) and an empty owner-only file.
    static func create(_ path: String) throws(HistoryError) {
        for folder in ancestors(path).dropLast() where mkdir(folder, 0o700) != 0 {
            let code = errno
            if code != EEXIST { throw failure(code, path) }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return }  // another run created it meanwhile
            throw failure(code, path)
        }
        close(descriptor)
    }

    /// Checks that the file opens for reading or for writing; for writing also that its folder
    /// takes new files (SQLite keeps its `-wal` and `-shm` files beside the store).
    static func checkAccess(_ path: String, writing: Bool) throws(HistoryError) {
        let descriptor = open(path, (writing ? O_RDWR : O_RDONLY) | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno, path) }
        close(descriptor)
        let folder = ancestors(path).dropLast().last ?? "."
        if writing, access(folder, W_OK) != 0 {
            let code = errno
            throw HistoryError.unusable(path: path, reason: HistoryError.reason(errno: code, subject: "folder " + folder))
        }
    }

    /// The store error for a failed call on `path` or on a folder above it.
    static func failure(_ code: Int32, _ path: String) -> HistoryError {
        .unusable(path: path, reason: HistoryError.reason(errno: code, subject: culprit(code, path)))
    }

    /// For `ENOENT` the first missing component of `path`, for `ENOTDIR` the file standing where a
    /// folder should be; `path` itself otherwise.
    static func culprit(_ code: Int32, _ path: String) -> String {
        let components = ancestors(path)
        var info = stat()
        switch code {
        case ENOENT:
            return components.first { stat($0, &info) != 0 && errno == ENOENT } ?? path
        case ENOTDIR:
            return components.dropLast().first { stat($0, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR } ?? path
        default:
            return path
        }
    }

    /// `a`, `a/b`, `a/b/c` for `a/b/c` (with the leading `/` of an absolute path kept).
    static func ancestors(_ path: String) -> [String] {
        var current = path.hasPrefix("/") ? "/" : ""
        return path.split(separator: "/").map { part in
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            return current
        }
    }
}
