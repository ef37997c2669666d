#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import ProxyClashReport

/// Writing to stderr, one line at a time, prefixed `proxyclash: `.
enum StandardError {
    static var isTerminal: Bool { isatty(2) == 1 }

    /// `TERM=dumb`: a terminal that shows neither colours nor redrawn lines.
    static var terminalIsDumb: Bool { getenv("TERM").map { String(cString: $0) } == "dumb" }

    /// A terminal a line can be redrawn on (`\r` and `ESC[2K`).
    static var canRedraw: Bool { isTerminal && !terminalIsDumb }

    /// One line: control characters in it (a file or member name, log text quoted in a
    /// diagnostic) are shown as visible escapes, so it can neither drive the terminal nor forge a
    /// line of its own.
    static func line(_ text: String) {
        write("proxyclash: " + TerminalText.safe(text) + "\n")
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
