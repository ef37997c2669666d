internal import CPCRE2

/// Runs one ``Pattern`` for one worker: owns the reusable match data, so a match allocates nothing.
///
/// After ``matches(in:from:)`` returns true, ``range(ofGroup:)`` reads the byte offsets of the last
/// match (relative to the subject's start) until the next call.
public final class Matcher {
    /// The pattern this matcher runs.
    public let pattern: Pattern
    private let context: MatchContext
    private let matchData: OpaquePointer
    private let ovector: UnsafeMutablePointer<Int>

    /// Creates match data sized for `pattern` (data made for fewer groups would return rc 0).
    public init(_ pattern: Pattern, context: MatchContext) {
        guard let data = pcre2_match_data_create_from_pattern_8(pattern.code, nil) else {
            fatalError("pcre2_match_data_create failed: out of memory")
        }
        self.pattern = pattern
        self.context = context
        self.matchData = data
        self.ovector = pcre2_get_ovector_pointer_8(data)
    }

    deinit { pcre2_match_data_free_8(matchData) }

    /// Looks for the next match in `subject` starting at byte `offset`.
    /// - Returns: true when the pattern matched; the match's ranges are then readable.
    /// - Throws: ``PCRE2Error/matchLimitExceeded`` or ``PCRE2Error/jitStackExhausted`` for a
    ///   pathological subject: the caller reports it and goes on with the next subject.
    public func matches(in subject: UnsafeRawBufferPointer, from offset: Int = 0) throws(PCRE2Error) -> Bool {
        guard offset <= subject.count else { return false }
        var emptySubject: UInt8 = 0
        let rc: Int32 = withUnsafePointer(to: &emptySubject) { empty in
            let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty
            return withExtendedLifetime(pattern) {
                if pattern.isJITCompiled {
                    pcre2_jit_match_8(pattern.code, base, subject.count, offset, 0, matchData, context.context)
                } else {
                    pcre2_match_8(pattern.code, base, subject.count, offset, 0, matchData, context.context)
                }
            }
        }
        if rc == PCRE2_ERROR_NOMATCH { return false }
        if rc < 0 { throw PCRE2Error.fromMatchCode(rc) }
        return true
    }

    /// Byte range of the whole last match.
    public var matchRange: Range<Int> { ovector[0]..<ovector[1] }

    /// Byte range of capture group `number` in the last match, or nil when the group did not take part.
    public func range(ofGroup number: Int) -> Range<Int>? {
        guard number >= 0, number <= pattern.captureCount else { return nil }
        let start = ovector[2 * number]
        let end = ovector[2 * number + 1]
        guard start >= 0, end >= start else { return nil }  // PCRE2_UNSET reads as -1
        return start..<end
    }
}
