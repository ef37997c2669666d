#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to open or write the output, in words that say what happened.
struct OutputError: Error, CustomStringConvertible {
    /// `errno` of the failed call.
    let code: Int32

    var description: String {
        switch code {
        case ENOENT: "the folder does not exist"
        case ENOTDIR: "a part of the path is a file, not a folder"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC: "no space left on the device"
        case EDQUOT: "disk quota exceeded"
        case EISDIR: "it is a folder"
        case EPIPE: "the reading end of the pipe was closed"
        case ENAMETOOLONG: "the name is too long"
        case ELOOP: "too many levels of symbolic links"
        case EIO: "input/output error"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
