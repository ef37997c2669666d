import ArgumentParser
import Foundation
import ProxyClashCore
import ProxyClashReport

extension ReportFormat: ExpressibleByArgument {}

/// `--input-format`: detect by content, or force one format for every input.
enum InputFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, lines, console, csv, json, email, xml

    var format: InputFormat? { InputFormat(rawValue: rawValue) }
}

/// When to colour the text report.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan log files, folders or standard input and report proxy-address conflicts.",
        discussion: """
        Folders are scanned recursively in name order; '-' reads standard input. Compressed logs \
        (gzip, zstd, xz, bzip2, lz4), tar and zip archives (each member as a file, shown as \
        bundle.tar.gz!member) and UTF-16 transcripts are recognised by their content. In folders only regular files are \
        read; links to folders are followed only with -L. The output file may not be an input, \
        lie in a scanned folder, or be the history store.

        Examples:
          proxyclash scan SampleLogs/
          proxyclash scan logs/ more.log.gz - --format json > report.json
          proxyclash scan support-bundle.tar.gz rotated/trace.log.3.zst
          proxyclash scan /var/log/m365/ --week last --timezone Europe/Berlin
          proxyclash scan logs/ --since 2026-11-16 --until 2026-11-23
          proxyclash scan /var/log/m365/ --history ops.sqlite
          ssh aadc01 cat /logs/export.log | proxyclash scan - --timezone Europe/Berlin
        """
    )

    @Argument(help: ArgumentHelp("Files, folders, or '-' for standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Report format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("IANA time zone for log times written without a zone, date-only bounds and weeks (default UTC).", valueName: "zone"))
    var timezone: String?

    @Option(help: ArgumentHelp("Report only findings dated at or after this date or date-time (2026-11-16, 2026-11-16T09:00Z).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Report only findings dated before this date or date-time.", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Report only findings dated in this ISO week: YYYY-Www (2026-W47), last or this.", valueName: "week"))
    var week: String?

    @Option(help: ArgumentHelp("Longest line scanned whole, in bytes; longer lines are cut and reported.", valueName: "bytes"))
    var maxRecordLength: Int = LineReader.defaultMaxLineLength

    @Option(help: "How to cut inputs into records: auto (by content), lines, console (wrapped PowerShell output), csv, json, email (.eml), xml (event exports).")
    var inputFormat: InputFormatChoice = .auto

    @Option(name: .customLong("color"), help: "Colour the text report: auto (only on a terminal), always, never.")
    var colour: ColourChoice = .auto

    @Option(help: ArgumentHelp("Also record this run in the history store (SQLite) at this path; running again over the same logs adds nothing twice.", valueName: "file"))
    var history: String?

    @Option(help: ArgumentHelp("With --history: longest wait for another run that holds the store, in seconds (0: do not wait).", valueName: "seconds"))
    var historyTimeout: Double = 600

    @Option(help: ArgumentHelp("Also write every message's fingerprint, time and place to this file (JSON Lines), for 'merge --history' to record a shard scanned here.", valueName: "file"))
    var occurrences: String?

    @Option(help: ArgumentHelp("Most distinct incidents kept (memory bound); findings of further ones are counted in a warning.", valueName: "n"))
    var maxIncidents: Int = 100_000

    @Option(name: [.customShort("j", allowingJoined: true), .long], parsing: .unconditional,
            help: "Inputs scanned at once (default: all cores); -j2 and -j 2 both work.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: [.customShort("L"), .long], help: "Follow symbolic links to folders met while walking folders (links named on the command line are always followed).")
    var follow = false

    @Flag(name: .shortAndLong, help: "No progress line and no warnings on stderr (errors still print).")
    var quiet = false

    @OptionGroup var patterns: PatternOptions
    @OptionGroup var redaction: RedactionOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to scan, or '-' for standard input") }
        if let timezone, TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone '\(timezone)' (use an IANA name such as Europe/Berlin)") }
        if maxRecordLength < 1024 { throw ValidationError("--max-record-length must be at least 1024") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxIncidents < 1 { throw ValidationError("--max-incidents must be at least 1") }
        if !(historyTimeout >= 0 && historyTimeout.isFinite) { throw ValidationError("--history-timeout must be 0 or more seconds") }
        if week != nil, since != nil || until != nil { throw ValidationError("--week cannot be combined with --since or --until") }
        if occurrences != nil, redaction.redact != nil {
            throw ValidationError("--occurrences names every real address and place: it cannot be combined with --redact")
        }
        if let window = try timeWindow(), let since = window.since, let until = window.until, since >= until {
            throw ValidationError("--since must be before --until")
        }
    }

    /// The window the flags ask for, in `--timezone` (UTC by default); nil without one.
    func timeWindow() throws -> TimeWindow? {
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? .gmt
        do {
            if let week { return try TimeWindow.week(week, now: ReportOutput.reportTime(), timeZone: zone) }
            guard since != nil || until != nil else { return nil }
            return TimeWindow(since: try since.map { try TimeWindow.parseBound($0, timeZone: zone) },
                              until: try until.map { try TimeWindow.parseBound($0, timeZone: zone) })
        } catch let error as TimeWindow.ParseError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let catalog = try patterns.loadCatalog()
        let named = RawArguments.paths(paths)
        let storeFiles = history.map { OutputConflict.storeFiles($0).map { ($0, "the history store") } } ?? []
        let (inputs, problems) = InputEnumerator(followLinks: follow, ownFiles: storeFiles).enumerate(named)
        try OutputConflict.refuse(output: output, inputs: named + inputs.compactMap(\.fileSystemPath), history: history)
        if let occurrences {
            try OutputConflict.refuse(output: occurrences, inputs: named + inputs.compactMap(\.fileSystemPath), history: history)
            try OutputConflict.refuse(occurrences: occurrences, report: output)
        }
        try ReportOutput.precheck(output)
        try ReportOutput.precheck(occurrences)
        var options = ScanOptions()
        if let timezone { options.timeZone = TimeZone(identifier: timezone)! }
        options.maxRecordLength = maxRecordLength
        options.forcedFormat = inputFormat.format
        options.maxIncidents = maxIncidents
        options.window = try timeWindow()
        options.collectOccurrences = history != nil || occurrences != nil
        let startedAt = ReportOutput.reportTime()
        let quiet = self.quiet
        let recording = history.map { HistoryRecording(path: $0, timeout: historyTimeout, quiet: quiet) }
        for problem in problems where problem.category.severity == .error || !quiet && problem.category.severity == .warning {
            StandardError.line(problem.description)
        }

        let redactor = try redaction.redactor()
        let progress = !quiet && StandardError.canRedraw ? ProgressLine() : nil
        var result = ParallelScanner(catalog: catalog, options: options, jobs: jobs).scan(inputs, onDiagnostic: { diagnostic in
            guard diagnostic.category.severity == .error || !quiet else { return }
            // Log text quoted in a diagnostic is redacted on stderr as in the report.
            let message = redactor.map { $0.text(diagnostic.message) } ?? diagnostic.message
            StandardError.line(Diagnostic(path: diagnostic.path, line: diagnostic.line, category: diagnostic.category, message: message).description)
        }, progress: { progress?.update(inputsDone: $0.inputsDone, inputsTotal: $0.inputsTotal, bytes: $0.bytes, path: $0.currentPath) })
        progress?.finish()
        for problem in problems {
            result.diagnostics.record(problem)
            if problem.category.severity == .error { result.statistics.skipped += 1 }
        }

        let report = Report(result: result, window: options.window, generatedAt: ReportOutput.reportTime(), redactor: redactor)
        let useColour = colour == .always
            || (colour == .auto && output == nil && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && !StandardError.terminalIsDumb)
        try ReportOutput(format: format, output: output, colour: useColour).write(report)
        if let occurrences { try ReportOutput.writeLines(result.occurrences.map { OccurrenceLine($0).encoded() }, to: occurrences) }
        let recorded = recording?.record(result, startedAt: startedAt) ?? true
        if result.diagnostics.hasErrors || !recorded { throw ExitStatus.incomplete }
        if !report.incidents.isEmpty { throw ExitStatus.incidents }
    }
}
