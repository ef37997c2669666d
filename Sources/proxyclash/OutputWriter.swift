#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProxyClashCore

/// Writes output in pieces, buffered into 64 KiB blocks, to stdout or to a file, without
/// damaging what is at the path:
///
/// - a new file, or an existing regular file with one link, is written beside it under a
///   temporary name (random, created exclusively), synced and renamed over it when complete; an
///   existing file keeps its mode and owner, and is written in place instead when the owner
///   cannot be kept or the folder takes no new file; a file the user may not write is refused;
/// - a symbolic link is followed once, and its target written the same way: the link stays a
///   link (the target chosen when the output is opened is the one renamed over);
/// - `/dev/stdout`, or the file stdout is redirected to, is written through stdout itself;
/// - a file with several hard links, a device (`/dev/null`), a FIFO or anything else that is not
///   a regular file is opened and written in place, never replaced.
final class OutputWriter {
    private let descriptor: Int32
    /// Writing to the process's own stdout (nothing to close or rename).
    private let toStandardOutput: Bool
    /// The temporary file and the file it is renamed over when complete, both chosen once.
    private let replacement: (temporary: FileSystemPath, target: FileSystemPath)?
    private var buffer: [UInt8] = []
    private var closed = false

    /// Opens stdout when `path` is nil.
    init(path: FileSystemPath?) throws(OutputError) {
        guard let path else {
            (descriptor, toStandardOutput, replacement) = (STDOUT_FILENO, true, nil)
            return
        }
        let target = Self.resolvingLinks(path)
        var info = stat()
        let exists = target.withCString { stat($0, &info) } == 0
        if exists, info.st_mode & S_IFMT == S_IFDIR { throw OutputError(code: EISDIR) }
        if exists, Self.isStandardOutput(info) {
            // `-o /dev/stdout` (or the file stdout goes to): write where stdout writes, so
            // `>> file` still appends instead of the file being replaced.
            (descriptor, toStandardOutput, replacement) = (STDOUT_FILENO, true, nil)
            return
        }
        toStandardOutput = false
        if !exists, Self.isLink(path) {
            // A dangling link: create what it points to, the link stays.
            (descriptor, replacement) = (try Self.openInPlace(path, creating: true), nil)
            return
        }
        if exists, info.st_mode & S_IFMT != S_IFREG || info.st_nlink > 1 {
            (descriptor, replacement) = (try Self.openInPlace(target), nil)
            return
        }
        // A regular file the user may not write is refused, as `>` would refuse it.
        if exists, target.withCString({ access($0, W_OK) }) != 0 { throw OutputError(code: errno) }
        let (fd, temporary) = try Self.createTemporary(beside: target)
        guard let fd, let temporary else {
            // The folder takes no new file (not writable): write the existing file in place.
            guard exists else { throw OutputError(code: EACCES) }
            (descriptor, replacement) = (try Self.openInPlace(target), nil)
            return
        }
        if exists, !Self.keep(info, on: fd) {
            close(fd)
            temporary.withCString { _ = unlink($0) }
            (descriptor, replacement) = (try Self.openInPlace(target), nil)
            return
        }
        (descriptor, replacement) = (fd, (temporary, target))
    }

    func write(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 64 * 1024 { try flush() }
    }

    /// Writes what is left and, for a file, puts it in place (synced first, so a crash leaves
    /// the old file or the new one, never an empty one).
    func finish() throws(OutputError) {
        try flush()
        guard !toStandardOutput else { return }
        if replacement != nil, fsync(descriptor) != 0 {
            let code = errno
            abandon()
            throw OutputError(code: code)
        }
        closed = true
        guard close(descriptor) == 0 else {
            let code = errno
            removeTemporary()
            throw OutputError(code: code)
        }
        guard let replacement else { return }
        let renamed = replacement.temporary.withCString { from in replacement.target.withCString { rename(from, $0) } }
        if renamed != 0 {
            let code = errno
            removeTemporary()
            throw OutputError(code: code)
        }
    }

    /// Removes the unfinished temporary file (after a failure); a file written in place keeps
    /// what was written.
    func abandon() {
        if !toStandardOutput, !closed {
            closed = true
            close(descriptor)
        }
        removeTemporary()
    }

    private func removeTemporary() {
        replacement?.temporary.withCString { _ = unlink($0) }
    }

    private func flush() throws(OutputError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(code: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// What opening `path` would fail on, told without creating or opening anything: a folder,
    /// or a new file in a folder that does not exist. Checked before a scan, so a mistyped
    /// output path costs no scan.
    static func precheck(_ path: FileSystemPath) throws(OutputError) {
        let target = resolvingLinks(path)
        var info = stat()
        if target.withCString({ stat($0, &info) }) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { throw OutputError(code: EISDIR) }
            return
        }
        guard errno == ENOENT, !isLink(path) else { return }  // other failures show when it is opened
        let slash = target.bytes.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { $0 == 0 ? FileSystemPath("/") : FileSystemPath(bytes: Array(target.bytes[..<$0])) } ?? FileSystemPath(".")
        guard folder.withCString({ stat($0, &info) }) == 0 else { throw OutputError(code: errno) }
        if info.st_mode & S_IFMT != S_IFDIR { throw OutputError(code: ENOTDIR) }
    }

    /// Opens an existing path for writing where it is.
    private static func openInPlace(_ path: FileSystemPath, creating: Bool = false) throws(OutputError) -> Int32 {
        let fd = path.withCString { open($0, O_WRONLY | O_TRUNC | O_CLOEXEC | (creating ? O_CREAT : 0), 0o666) }
        guard fd >= 0 else { throw OutputError(code: errno) }
        return fd
    }

    /// Gives the new file the mode and owner of the one it replaces; false when it cannot.
    private static func keep(_ info: stat, on fd: Int32) -> Bool {
        if info.st_uid != geteuid() || info.st_gid != getegid() {
            guard fchown(fd, info.st_uid, info.st_gid) == 0 else { return false }
        }
        return fchmod(fd, info.st_mode & 0o7777) == 0
    }

    /// Creates `.NAME.XXXXXX.tmp` (random letters) in the folder of `path`, trying again when the
    /// name is taken (a file left by a killed run). Nil when the folder takes no new file.
    private static func createTemporary(beside path: FileSystemPath) throws(OutputError) -> (Int32?, FileSystemPath?) {
        let slash = path.bytes.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { Array(path.bytes[...$0]) } ?? []
        let name = slash.map { Array(path.bytes[($0 + 1)...]) } ?? path.bytes
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for _ in 0..<100 {
            let suffix = (0..<6).map { _ in letters.randomElement()! }
            let temporary = FileSystemPath(bytes: folder + [UInt8(ascii: ".")] + name + [UInt8(ascii: ".")] + suffix + Array(".tmp".utf8))
            let fd = temporary.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
            if fd >= 0 { return (fd, temporary) }
            if errno == EEXIST { continue }
            if errno == EACCES || errno == EPERM || errno == EROFS { return (nil, nil) }
            throw OutputError(code: errno)
        }
        throw OutputError(code: EEXIST)
    }

    /// True when `info` is the file standard output is open on.
    private static func isStandardOutput(_ info: stat) -> Bool {
        var standardOutput = stat()
        return fstat(STDOUT_FILENO, &standardOutput) == 0 && standardOutput.st_dev == info.st_dev && standardOutput.st_ino == info.st_ino
    }

    private static func isLink(_ path: FileSystemPath) -> Bool {
        var info = stat()
        return path.withCString { lstat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The file a chain of symbolic links ends at (the path itself when it is not a link, or the
    /// chain is broken: then the link's target is created in place).
    static func resolvingLinks(_ path: FileSystemPath) -> FileSystemPath {
        guard isLink(path), let resolved = path.resolved() else { return path }
        return resolved
    }
}
