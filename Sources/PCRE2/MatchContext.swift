internal import CPCRE2

/// Per-worker match settings: a match limit (so a catastrophic pattern fails one subject instead of
/// hanging the scan) and a JIT stack large enough for long records. Not shareable between threads.
public final class MatchContext {
    /// Default limit on backtracking steps: stops `^(a+)+$` within milliseconds.
    public static let defaultMatchLimit: UInt32 = 200_000

    let context: OpaquePointer
    private let jitStack: OpaquePointer?

    /// - Parameters:
    ///   - matchLimit: maximum number of internal match steps per match call.
    ///   - jitStackSize: the most JIT stack one match call may use, in bytes.
    public init(matchLimit: UInt32 = MatchContext.defaultMatchLimit, jitStackSize: Int = 1 << 20) {
        guard let context = pcre2_match_context_create_8(nil) else {
            fatalError("pcre2_match_context_create failed: out of memory")
        }
        self.context = context
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, matchLimit)
        jitStack = Pattern.jitAvailable ? pcre2_jit_stack_create_8(32 * 1024, jitStackSize, nil) : nil
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
    }
}
