#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path as the file system has it: bytes, which need not be valid UTF-8 (Linux file names are
/// any bytes but `/` and NUL). Files are opened by these bytes; reports show ``display``.
public struct FileSystemPath: Hashable, Sendable {
    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ path: String) {
        bytes = Array(path.utf8)
    }

    /// The path as text when its bytes are valid UTF-8.
    public var string: String? { String(validating: bytes, as: UTF8.self) }

    /// The path for reports: valid UTF-8 as it is, each byte of an invalid sequence as `\xHH`
    /// (`bad\xFF.log`), so the name shown is the name on disk and never a U+FFFD guess.
    public var display: String { Self.display(bytes[...]) }

    /// This path followed by `/` (unless it ends with one) and `name`.
    package func appending(_ name: some Collection<UInt8>) -> FileSystemPath {
        FileSystemPath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    /// The absolute path with every symbolic link resolved (`realpath(3)`), nil when it does not exist.
    package func resolved() -> FileSystemPath? {
        guard let pointer = withCString({ realpath($0, nil) }) else { return nil }
        defer { free(pointer) }
        return FileSystemPath(bytes: Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))))
    }

    /// Calls `body` with the path as a C string.
    package func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// `bytes` as text, invalid bytes escaped as `\xHH`.
    static func display(_ bytes: ArraySlice<UInt8>) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var text = ""
        var rest = bytes
        while !rest.isEmpty {
            var iterator = rest.makeIterator()
            var decoder = UTF8()
            var consumed = 0
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                text.unicodeScalars.append(scalar)
                consumed = UTF8.width(scalar)
            case .error, .emptyInput:
                text += "\\x" + String(rest.first!, radix: 16, uppercase: true).leftPadded(to: 2)
                consumed = 1
            }
            rest = rest.dropFirst(consumed)
        }
        return text
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
