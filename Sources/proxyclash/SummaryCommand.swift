import ArgumentParser
import Foundation
import ProxyClashCore
import ProxyClashSummary
import ProxyClashHistory
import ProxyClashReport

extension SummaryFormat: ExpressibleByArgument {}

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarise one week from the history store: new, ongoing, recurring and resolved incidents.",
        discussion: """
        Reads what 'proxyclash scan --history' recorded. An incident is new when first seen this \
        week, ongoing when seen this week and the week before, recurring when back after a week \
        or more without it, resolved when seen the week before but not this week.

        Examples:
          proxyclash summary --week last --history ops.sqlite
          proxyclash summary --week 2026-W47 --history ops.sqlite --format markdown > weekly.md
          proxyclash summary --week 2026-W47 --history ops.sqlite --format html --output weekly.html
          proxyclash summary --week last --redact=local-part --redact-key-file ~/.proxyclash-key --format markdown
        """
    )

    @Option(help: ArgumentHelp("ISO week: YYYY-Www (2026-W47), last or this.", valueName: "week"))
    var week: String = "last"

    @Option(help: ArgumentHelp("History store (default: $XDG_STATE_HOME/proxyclash/history.sqlite).", valueName: "file"))
    var history: String?

    @Option(help: ArgumentHelp("IANA time zone for week boundaries (default UTC).", valueName: "zone"))
    var timezone: String?

    @Option(name: .shortAndLong, help: "Summary format: text, markdown, json, csv or html (one self-contained file).")
    var format: SummaryFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the summary to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var redaction: RedactionOptions

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone '\(timezone)'") }
        _ = try window()
    }

    private func window() throws -> TimeWindow {
        do {
            return try TimeWindow.week(week, now: ReportOutput.reportTime(), timeZone: timezone.flatMap(TimeZone.init(identifier:)) ?? .gmt)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let storePath = history ?? HistoryStore.defaultPath()
        try OutputConflict.refuse(output: output, inputs: [], history: storePath)
        let store = try HistoryAccess.openForReading(storePath)
        let window = try window()
        let redactor = try redaction.redactor()
        let summary: WeeklySummary
        do {
            summary = try WeeklySummaryBuilder(store: store).summary(week: window, label: Self.label(window, timezone: timezone))
        } catch {
            StandardError.line("\(error)")
            throw ExitStatus.incomplete
        }
        let text: String
        do {
            text = try format.renderer.render(SummaryReport(summary, generatedAt: ReportOutput.reportTime(), redactor: redactor))
        } catch {
            StandardError.line("cannot render the summary: \(error)")
            throw ExitStatus.internalError
        }
        try ReportOutput.write(text, to: output)
        if summary.incidents.contains(where: { $0.status != .resolved }) { throw ExitStatus.incidents }
    }

    /// The week's canonical name, `2026-W47`, however it was given (`last`, `this`, `2026-w47`, `2026-W1`).
    static func label(_ window: TimeWindow, timezone: String?) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? .gmt
        let start = window.since ?? Date()
        let week = calendar.component(.weekOfYear, from: start)
        return "\(calendar.component(.yearForWeekOfYear, from: start))-W" + (week < 10 ? "0" : "") + "\(week)"
    }
}
