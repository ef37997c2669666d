import ArgumentParser
import ProxyClashCore

@main
struct ProxyClashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxyclash",
        abstract: "Find proxy-address conflicts in Microsoft 365 provisioning and directory-sync logs.",
        discussion: """
        Reads Exchange cmdlet errors, Entra Connect export errors and transcripts (UTF-8 or UTF-16, \
        plain, compressed or archived), finds every proxy-address conflict once, and reports what to run to fix it.

        Examples:
          proxyclash scan SampleLogs/
          proxyclash scan logs/ more.log.gz - --format json > report.json
          proxyclash scan /var/log/m365/ --history ops.sqlite
          proxyclash summary --week last --history ops.sqlite --format markdown
          proxyclash merge shard-*.json > week.json
          proxyclash patterns list
          proxyclash patterns check --patterns ./my-patterns

        Exit codes (the same in every command): 0 no incident, 1 incidents found, 2 something \
        was not read (an input or part of one, a report merge left out, the history store), 64 \
        usage or pattern-file error or an --output that is an input, 74 the output could not be \
        written, 70 internal error (a bug).

        Files: the built-in patterns in <prefix>/share/proxyclash/patterns (beside an installed \
        binary); the history store at $XDG_STATE_HOME/proxyclash/history.sqlite unless --history \
        names another.

        Environment: PROXYCLASH_PATTERNS (the built-in pattern folder), XDG_STATE_HOME, NO_COLOR \
        (no colour even on a terminal; so does TERM=dumb), SOURCE_DATE_EPOCH (pins a report's generatedAt).
        """,
        version: "0.1.0",
        subcommands: [ScanCommand.self, SummaryCommand.self, RemediateCommand.self, MergeCommand.self, PatternsCommand.self],
        defaultSubcommand: nil
    )

    /// Sets the process up before any worker thread starts, then runs the command line.
    static func main() {
        LibArchiveReader.useUTF8MemberNames()
        main(nil)
    }
}
