internal import CPCRE2

/// A compiled, JIT-compiled (when the library supports it) PCRE2 pattern.
///
/// Compiled code is read-only once `pcre2_jit_compile` has run, so one `Pattern` is shared by every
/// worker; each worker runs it through its own ``Matcher``.
public final class Pattern: @unchecked Sendable {
    /// The pattern text as given.
    public let source: String
    /// Number of capturing groups (group 0, the whole match, not counted).
    public let captureCount: Int
    /// Named groups mapped to their group numbers, read from the compiled pattern's name table.
    public let groupNumbers: [String: Int]
    /// True when the pattern runs through the JIT; false when it falls back to the interpreter.
    public let isJITCompiled: Bool

    let code: OpaquePointer

    /// Compiles `source` in UTF mode with `MATCH_INVALID_UTF`, so invalid bytes in a subject act as
    /// barriers instead of failing the whole match.
    /// - Parameters:
    ///   - source: PCRE2 pattern text.
    ///   - caseless: compile with `PCRE2_CASELESS` (prefer scoped `(?i:...)` for speed).
    ///   - useJIT: set to false to force the interpreter (tests and platforms without JIT).
    public init(_ source: String, caseless: Bool = false, useJIT: Bool = true) throws(PCRE2Error) {
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let utf8 = Array(source.utf8)
        let compiled = utf8.withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw .compile(message: PCRE2Error.errorMessage(for: errorCode), offset: errorOffset)
        }
        self.source = source
        self.code = compiled
        self.isJITCompiled = useJIT && Pattern.jitAvailable
            && pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        self.groupNumbers = Pattern.readNameTable(compiled)
    }

    deinit { pcre2_code_free_8(code) }

    /// Whether this PCRE2 build has JIT support on this CPU.
    public static let jitAvailable: Bool = {
        var value: UInt32 = 0
        return pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &value) >= 0 && value == 1
    }()

    /// The PCRE2 library version, e.g. `10.42 2022-12-11`.
    public static let libraryVersion: String = {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), $0.baseAddress) }
        guard length > 1 else { return "unknown" }
        return String(decoding: buffer[..<Int(length - 1)], as: UTF8.self)
    }()

    private static func readNameTable(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard count > 0, let table else { return [:] }
        var names: [String: Int] = [:]
        for index in 0..<Int(count) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let name = String(cString: entry + 2)
            if names[name] == nil { names[name] = number }
        }
        return names
    }
}
