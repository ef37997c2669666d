#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to stderr, one line at a time, prefixed `proxyclash: `.
enum StandardError {
    static var isTerminal: Bool { isatty(2) == 1 }

    static func line(_ text: String) {
        write("proxyclash: " + text + "\n")
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }
}
