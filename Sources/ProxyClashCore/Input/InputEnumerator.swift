#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the paths a user gave (files, folders, `-`) into the inputs to scan, the way `find`
/// and ripgrep walk:
///
/// - Folders are walked recursively in byte order of their entry names, so every run sees the same order.
/// - Paths named on the command line are followed when they are symbolic links, and read whatever
///   they are (a FIFO or a device is read as a stream).
/// - Inside a folder, only regular files are read: FIFOs, sockets and devices are skipped with a
///   note (opening a FIFO would wait forever for a writer). Symbolic links to files are read;
///   symbolic links to folders are not followed unless `followLinks` (`-L`), and then a folder
///   reached twice (a link loop) is walked once.
/// - File names are bytes: one that is not valid UTF-8 is opened by its bytes and shown escaped.
/// - A file reached twice (named twice, through a link, or named and in a folder given) is read
///   once, with a note.
/// - The tool's own files (the history store and its SQLite companions, in a folder being
///   scanned) are skipped with a note: they are not logs.
///
/// Paths that cannot be used become diagnostics, and the walk goes on.
public struct InputEnumerator {
    /// Follow symbolic links to folders met while walking (`-L/--follow`).
    public var followLinks: Bool
    /// Files never read as inputs, each with what it is (`the history store`): existing ones are
    /// told apart by device and inode, wherever the walk meets them.
    public var ownFiles: [(path: FileSystemPath, role: String)]

    public init(followLinks: Bool = false, ownFiles: [(path: FileSystemPath, role: String)] = []) {
        self.followLinks = followLinks
        self.ownFiles = ownFiles
    }

    /// - Returns: the inputs in scan order, and one diagnostic per path that could not be used
    ///   (errors) or was deliberately left out (notes).
    public func enumerate(_ paths: [String]) -> (inputs: [InputItem], problems: [Diagnostic]) {
        enumerate(paths.map(FileSystemPath.init))
    }

    /// As ``enumerate(_:)-([String])``, for paths given as bytes (`-` is standard input).
    public func enumerate(_ paths: [FileSystemPath]) -> (inputs: [InputItem], problems: [Diagnostic]) {
        var walk = Walk(followLinks: followLinks)
        for (path, role) in ownFiles {
            var info = stat()
            if path.withCString({ stat($0, &info) }) == 0 {
                walk.ownFiles[FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))] = role
            }
        }
        for path in paths {
            if path.bytes == [UInt8(ascii: "-")] {
                if walk.inputs.contains(where: { $0 == .standardInput }) {
                    walk.note(path, "standard input named again: read once")
                } else {
                    walk.inputs.append(.standardInput)
                }
            } else {
                walk.visitNamed(path)
            }
        }
        return (walk.inputs, walk.problems)
    }
}

private struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
}

private struct Walk {
    let followLinks: Bool
    var inputs: [InputItem] = []
    var problems: [Diagnostic] = []
    var seenDirectories: Set<FileIdentity> = []
    var seenFiles: [FileIdentity: String] = [:]
    var ownFiles: [FileIdentity: String] = [:]

    /// A path the user named: followed if a link, read whatever it is.
    mutating func visitNamed(_ path: FileSystemPath) {
        guard let info = status(path, follow: true) else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: walkDirectory(path, info)
        case S_IFSOCK: problems.append(Diagnostic(path: path.display, category: .unreadableInput,
                                                  message: InputError.notAFile("a socket").description))
        case S_IFREG: addFile(path, info, walked: false)
        default: inputs.append(InputItem(path: path, walked: false))
        }
    }

    /// A regular file, unless the same file (device and inode) is already an input: a file named
    /// twice, or named and also in a folder given, is scanned once.
    mutating func addFile(_ path: FileSystemPath, _ info: stat, walked: Bool) {
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if let role = ownFiles[identity] {
            note(path, "\(role), not a log: skipped")
            return
        }
        if let first = seenFiles[identity] {
            note(path, "the same file as '\(first)': scanned once")
            return
        }
        seenFiles[identity] = path.display
        inputs.append(InputItem(path: path, walked: walked))
    }

    /// An entry met while walking a folder.
    mutating func visitEntry(_ path: FileSystemPath) {
        guard let own = status(path, follow: false) else { return }
        var info = own
        let isLink = own.st_mode & S_IFMT == S_IFLNK
        if isLink {
            guard let target = status(path, follow: true, missingIsNote: true) else { return }
            info = target
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if isLink, !followLinks {
                note(path, "symbolic link to a folder: not followed (use -L/--follow to follow it)")
            } else {
                walkDirectory(path, info)
            }
        case S_IFREG:
            addFile(path, info, walked: true)
        default:
            note(path, "\(Self.kind(info.st_mode)) in a folder: skipped (only regular files are read in folders; name it on the command line to read it)")
        }
    }

    /// `stat` or `lstat`; a failure is recorded (a dangling link met while walking as a note).
    mutating func status(_ path: FileSystemPath, follow: Bool, missingIsNote: Bool = false) -> stat? {
        var info = stat()
        let failed = path.withCString { follow ? stat($0, &info) : lstat($0, &info) } != 0
        guard failed else { return info }
        let code = errno
        if missingIsNote, code == ENOENT || code == ELOOP {
            note(path, code == ENOENT ? "symbolic link to nothing (dangling): skipped" : "symbolic link loop: skipped")
        } else {
            problems.append(Diagnostic(path: path.display, category: .unreadableInput, message: FileByteSource.error(code).description))
        }
        return nil
    }

    mutating func note(_ path: FileSystemPath, _ message: String) {
        problems.append(Diagnostic(path: path.display, category: .skippedPath, message: message))
    }

    mutating func walkDirectory(_ path: FileSystemPath, _ info: stat) {
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard seenDirectories.insert(identity).inserted else {
            note(path, "folder already walked (reached again by another path): skipped")
            return
        }
        guard let directory = path.withCString({ opendir($0) }) else {
            problems.append(Diagnostic(path: path.display, category: .unreadableInput, message: FileByteSource.error(errno).description))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            if name != [UInt8(ascii: ".")], name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        closedir(directory)
        names.sort { $0.lexicographicallyPrecedes($1) }
        for name in names { visitEntry(path.appending(name)) }
    }

    /// What a file that is not a folder or a regular file is, in words.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "FIFO (named pipe)"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        default: "special file"
        }
    }
}
