#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProxyClashCore

/// Command-line arguments as the bytes the shell passed. Swift decodes `argv` as UTF-8 and turns
/// the bytes of a file name that is not valid UTF-8 into U+FFFD; a path holding U+FFFD is looked
/// up in the raw `argv` to get its bytes back.
enum RawArguments {
    static func path(_ argument: String) -> FileSystemPath {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return FileSystemPath(argument) }
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
            if String(decoding: bytes, as: UTF8.self) == argument { return FileSystemPath(bytes: bytes) }
            // `--output=PATH`
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")), bytes.starts(with: Array("--".utf8)),
               String(decoding: bytes[(equals + 1)...], as: UTF8.self) == argument {
                return FileSystemPath(bytes: Array(bytes[(equals + 1)...]))
            }
        }
        return FileSystemPath(argument)
    }
}
