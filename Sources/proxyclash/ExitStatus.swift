import ArgumentParser

/// The documented exit codes (README, "Exit codes").
enum ExitStatus {
    /// Report written, no incident.
    static let clean = ExitCode(0)
    /// Report written, with incidents.
    static let incidents = ExitCode(1)
    /// Report written, but some input could not be read.
    static let unreadableInput = ExitCode(2)
    /// Bad command line or pattern files.
    static let usage = ExitCode(64)
    /// Something the tool itself got wrong (or the report could not be written).
    static let internalError = ExitCode(70)
}
