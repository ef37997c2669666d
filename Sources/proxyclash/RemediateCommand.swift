import ArgumentParser
import Foundation
import ProxyClashCore
import ProxyClashHistory
import ProxyClashReport

struct RemediateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remediate",
        abstract: "Print a commented PowerShell script that fixes one incident, or all open ones.",
        discussion: """
        The steps run in three places: run the script once in each, in order, with -RunIn \
        OnPremisesExchange, -RunIn EntraConnect (the Entra Connect server) and -RunIn \
        ExchangeOnline; each run does the steps marked for its place. An address the log does not \
        give is asked for and checked (smtp:user@domain). Values are single-quoted for PowerShell; \
        lookups run as they are, and every command that removes or changes something asks for YES \
        first. Open incidents are those of the week \
        that are not resolved (new, ongoing, recurring, unconfirmed: no log covered the week, or \
        undated). The exit code is 0 when the script is written (it is the output asked for).

        Examples:
          proxyclash remediate pa-71475e9c1a0ff3ba --history ops.sqlite > fix.ps1
          proxyclash remediate --all --week last --history ops.sqlite > fix-week.ps1
          proxyclash remediate --all --week 2026-W47 --timezone Europe/Berlin --history ops.sqlite -o fix.ps1
          .\\fix.ps1 -RunIn OnPremisesExchange    (in PowerShell: then EntraConnect, then ExchangeOnline)
        """
    )

    @Argument(help: ArgumentHelp("Incident id (from a report or summary).", valueName: "incident-id"))
    var incidentID: String?

    @Flag(help: "Every open incident of the week instead of one.")
    var all = false

    @Option(help: ArgumentHelp("With --all: ISO week YYYY-Www, last or this (default: last).", valueName: "week"))
    var week: String?

    @Option(help: ArgumentHelp("With --all: the IANA time zone the week runs Monday to Monday in, as for summary (default: UTC).", valueName: "zone"))
    var timezone: String?

    @Option(help: ArgumentHelp("History store (default: $XDG_STATE_HOME/proxyclash/history.sqlite).", valueName: "file"))
    var history: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the script to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let incidentID, all { throw ValidationError("give one incident id or --all, not both ('\(incidentID)' was read as an incident id)") }
        if !all, incidentID == nil { throw ValidationError("give one incident id, or --all") }
        if !all, week != nil || timezone != nil { throw ValidationError("--week and --timezone go with --all (one incident's script does not depend on a week)") }
        if let timezone, TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone '\(timezone)' (use an IANA name such as Europe/Berlin)") }
    }

    func run() throws {
        let storePath = history ?? HistoryStore.defaultPath()
        try OutputConflict.refuse(output: output, inputs: [], history: storePath)
        let store = try HistoryAccess.openForReading(storePath)
        let path = store.path
        let incidents: [Incident]
        do {
            if let incidentID {
                // Ids are lower-case hexadecimal; one copied in upper case is the same incident.
                guard let incident = try store.incident(id: incidentID.lowercased()) else {
                    StandardError.line("\(path): no incident with id \(incidentID)")
                    throw ExitStatus.usage
                }
                incidents = [incident]
            } else {
                let window: TimeWindow
                do {
                    window = try TimeWindow.week(week ?? "last", now: ReportOutput.reportTime(),
                                                 timeZone: timezone.flatMap(TimeZone.init(identifier:)) ?? .gmt)
                } catch {
                    throw ValidationError(error.description)
                }
                let label = SummaryCommand.label(window, timezone: timezone)
                incidents = try WeeklySummaryBuilder(store: store).summary(week: window, label: label)
                    .incidents.filter { $0.status != .resolved }.map(\.incident)
                if incidents.isEmpty { StandardError.line("\(path): no open incident in \(label): the script does nothing") }
            }
        } catch let error as HistoryError {
            StandardError.line(error.description)
            throw ExitStatus.incomplete
        }
        try ReportOutput.write(RemediationScript.script(for: incidents, source: path, generatedAt: ReportOutput.reportTime()), to: output)
    }
}
