import ArgumentParser

/// The documented exit codes (README, "Exit codes"); the same in every command.
enum ExitStatus {
    /// Output written, no incident.
    static let clean = ExitCode(0)
    /// Output written, with incidents.
    static let incidents = ExitCode(1)
    /// Output written (when there is any to write), but something was skipped: an input or part
    /// of one that could not be read, a shard `merge` left out, or a history store that could
    /// not be used (busy past the wait, from a newer proxyclash, not a store).
    static let incomplete = ExitCode(2)
    /// Bad command line or pattern files, checked before anything is read or written.
    static let usage = ExitCode(64)
    /// The report, summary or script could not be written (`-o` target, full disk; a closed pipe
    /// when SIGPIPE is ignored, else the run ends by SIGPIPE as other Unix tools do).
    static let outputFailed = ExitCode(74)
    /// Something the tool itself got wrong: a bug.
    static let internalError = ExitCode(70)
}
