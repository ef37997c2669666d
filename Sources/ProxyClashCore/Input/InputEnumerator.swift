#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the paths a user gave (files, folders, `-`) into the inputs to scan.
///
/// Folders are walked recursively in byte order of their entry names, so every run sees the same
/// order. Symbolic links are followed; a folder reached twice (a link loop) is walked once.
/// Paths that cannot be read become diagnostics, and the walk goes on.
public struct InputEnumerator {
    public init() {}

    /// - Returns: the inputs in scan order, and one error diagnostic per path that could not be used.
    public func enumerate(_ paths: [String]) -> (inputs: [InputItem], problems: [Diagnostic]) {
        var walk = Walk()
        for path in paths {
            if path == "-" {
                walk.inputs.append(.standardInput)
            } else {
                walk.visit(path, explicit: true)
            }
        }
        return (walk.inputs, walk.problems)
    }
}

private struct DirectoryIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
}

private struct Walk {
    var inputs: [InputItem] = []
    var problems: [Diagnostic] = []
    var seenDirectories: Set<DirectoryIdentity> = []

    mutating func visit(_ path: String, explicit: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = FileByteSource.error(errno).description
            // A dangling link inside a folder is worth a note; a missing explicit path is an error.
            problems.append(Diagnostic(path: path, category: .unreadableInput, message: reason))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let identity = DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard seenDirectories.insert(identity).inserted else {
                problems.append(Diagnostic(path: path, category: .skippedInput,
                                           message: "folder already visited (symbolic link loop): skipped"))
                return
            }
            walkDirectory(path)
        case S_IFREG, S_IFIFO, S_IFCHR:
            // Character devices and FIFOs are read as streams (`/dev/stdin`, a named pipe).
            inputs.append(InputItem(path: path))
        default:
            if explicit {
                problems.append(Diagnostic(path: path, category: .unreadableInput,
                                           message: InputError.notAFile("socket or block device").description))
            }
        }
    }

    mutating func walkDirectory(_ path: String) {
        guard let directory = opendir(path) else {
            problems.append(Diagnostic(path: path, category: .unreadableInput, message: FileByteSource.error(errno).description))
            return
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        closedir(directory)
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        for name in names { visit(prefix + name, explicit: false) }
    }
}
