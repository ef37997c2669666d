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
    /// The paths given as `arguments` (in command-line order): two names that differ only in
    /// their invalid bytes decode alike, so each is matched to the next raw argument in turn.
    static func paths(_ arguments: [String]) -> [FileSystemPath] {
        var next = 1
        return arguments.map { argument in
            guard argument.unicodeScalars.contains("\u{FFFD}") else { return FileSystemPath(argument) }
            while next < Int(CommandLine.argc) {
                defer { next += 1 }
                let bytes = raw(next)
                if String(decoding: bytes, as: UTF8.self) == argument { return FileSystemPath(bytes: bytes) }
            }
            return FileSystemPath(argument)
        }
    }

    /// The bytes of command-line argument `index`.
    private static func raw(_ index: Int) -> [UInt8] {
        guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }

    /// One path given as `argument`, the value of an option: `-o PATH` or `--output=PATH`.
    static func path(_ argument: String) -> FileSystemPath {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return FileSystemPath(argument) }
        for index in 1..<Int(CommandLine.argc) {
            let bytes = raw(index)
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
