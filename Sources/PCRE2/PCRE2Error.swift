internal import CPCRE2

/// Everything that can go wrong when compiling or running a PCRE2 pattern.
public enum PCRE2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern did not compile; `offset` is the byte offset in the pattern where PCRE2 stopped.
    case compile(message: String, offset: Int)
    /// A match gave up because it hit the match limit (a pathological pattern or subject).
    case matchLimitExceeded
    /// A JIT match ran out of JIT stack.
    case jitStackExhausted
    /// Any other negative return code from a match call.
    case match(code: Int32, message: String)

    public var description: String {
        switch self {
        case let .compile(message, offset): "\(message) at offset \(offset)"
        case .matchLimitExceeded: "match limit exceeded"
        case .jitStackExhausted: "JIT stack limit exceeded"
        case let .match(code, message): "match error \(code): \(message)"
        }
    }

    static func fromMatchCode(_ code: Int32) -> PCRE2Error {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT: .matchLimitExceeded
        case PCRE2_ERROR_JIT_STACKLIMIT: .jitStackExhausted
        default: .match(code: code, message: errorMessage(for: code))
        }
    }

    static func errorMessage(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pcre2_get_error_message_8(code, pointer.baseAddress, pointer.count)
        }
        guard length > 0 else { return "unknown PCRE2 error \(code)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}
