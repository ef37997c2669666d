import ArgumentParser
import Foundation
import ProxyClashCore
import ProxyClashReport

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge JSON reports from several machines or shards into one.",
        discussion: """
        Gives the incidents and counts one scan over all their inputs would give (incidents merge \
        by kind and key). A report that cannot be read, is not valid JSON, is of another schema or \
        holds a negative count or an invalid time is reported, recorded as an unreadable-input \
        diagnostic and left out; the rest still merges (exit code 2).

        With --history, the merged shards are also recorded in the history store, as one scan \
        over all their inputs would be: their incidents, the messages the --occurrences files \
        hold (written by 'scan --occurrences' beside each shard) and the days their inputs \
        cover. Recording the same shards again adds nothing twice.

        Examples:
          proxyclash merge shard-*.json > week.json
          proxyclash merge a.json b.json --format text
          proxyclash merge shard-*.json --occurrences shard-*.jsonl --history ops.sqlite -o week.json
        """
    )

    @Argument(help: ArgumentHelp("JSON reports written by 'proxyclash scan --format json', or '-'.", valueName: "report"))
    var reports: [String] = []

    @Option(name: .shortAndLong, help: "Report format: text or json.")
    var format: ReportFormat = .json

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also record the merged shards in the history store (SQLite) at this path.", valueName: "file"))
    var history: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("With --history: the messages of the shards, written by 'scan --occurrences' (JSON Lines).", valueName: "file"))
    var occurrences: [String] = []

    @Option(help: ArgumentHelp("With --history: longest wait for another run that holds the store, in seconds (0: do not wait).", valueName: "seconds"))
    var historyTimeout: Double = 600

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give the JSON reports to merge") }
        if !occurrences.isEmpty, history == nil { throw ValidationError("--occurrences needs --history (the store to record them in)") }
        if !(historyTimeout >= 0 && historyTimeout.isFinite) { throw ValidationError("--history-timeout must be 0 or more seconds") }
    }

    func run() throws {
        let paths = RawArguments.paths(reports)
        try OutputConflict.refuse(output: output, inputs: paths + RawArguments.paths(occurrences), history: history)
        var merger = ReportMerger()
        var complete = true
        for path in Self.distinct(paths) {
            do {
                try merger.add(try ReportMerger.decode(try Self.contents(of: path)))
            } catch {
                StandardError.line("\(path.display): \(error)")
                merger.skip(path.display, reason: "\(error)")
                complete = false
            }
        }
        let merged = merger.report(generatedAt: ReportOutput.reportTime())
        try ReportOutput(format: format, output: output, colour: false).write(merged)
        if let history {
            let (read, readAll) = Self.readOccurrences(RawArguments.paths(occurrences))
            let (messages, matched) = Self.matched(read, incidents: merger.mergedIncidents)
            complete = complete && readAll && matched
            let result = ScanResult.forHistory(incidents: merger.mergedIncidents, occurrences: messages, inputs: merger.mergedInputs)
            if !HistoryRecording(path: history, timeout: historyTimeout, quiet: false).record(result, startedAt: ReportOutput.reportTime()) {
                complete = false
            }
        }
        // As one scan over every shard's inputs would: exit 2 when some content was not scanned.
        let skippedContent = merged.summary.diagnostics.contains { DiagnosticCategory(rawValue: $0.key)?.severity == .error && $0.value > 0 }
        if !complete || skippedContent || merged.summary.skipped > 0 { throw ExitStatus.incomplete }
        if !merged.incidents.isEmpty { throw ExitStatus.incidents }
    }

    /// The reports to read: a file named twice (or also through a link) is merged once, with a
    /// note, as `scan` reads a file named twice once (its counts would double).
    private static func distinct(_ paths: [FileSystemPath]) -> [FileSystemPath] {
        var seen: [String: String] = [:]  // device:inode (or `-`) → the path first named
        return paths.filter { path in
            if path.bytes == [UInt8(ascii: "-")] {
                guard seen["-"] == nil else {
                    StandardError.line("-: standard input named again: read once")
                    return false
                }
                seen["-"] = "-"
                return true
            }
            guard let file = OutputConflict.identity(path), file.isRegularFile else { return true }
            let identity = "\(file.device):\(file.inode)"
            if let first = seen[identity] {
                StandardError.line("\(path.display): the same report as '\(first)': merged once")
                return false
            }
            seen[identity] = path.display
            return true
        }
    }

    /// Largest report read: far above what 100,000 incidents take (about 150 MB), and a bound on
    /// memory for a path that is not a report (`/dev/zero`).
    static let maxReportBytes = 1 << 30

    /// The messages that belong to the merged incidents, and whether every incident has its
    /// messages and every message its incident (said on stderr when not: a shard given without
    /// its occurrences file would otherwise record a week of conflicts as none).
    private static func matched(_ occurrences: [Occurrence], incidents: [Incident]) -> ([Occurrence], Bool) {
        let ids = Set(incidents.map(\.id))
        let kept = occurrences.filter { ids.contains(Incident.id(kind: $0.kind, key: $0.key)) }
        var complete = true
        if kept.count < occurrences.count {
            StandardError.line("\(occurrences.count - kept.count) message(s) in the --occurrences files belong to no incident of the merged reports (an occurrences file without its report?): not recorded")
            complete = false
        }
        let withMessages = Set(kept.map { Incident.id(kind: $0.kind, key: $0.key) })
        let bare = incidents.filter { !withMessages.contains($0.id) }
        if !bare.isEmpty {
            StandardError.line("\(bare.count) incident(s) of the reports have no message in the --occurrences files (a report without its occurrences file?), e.g. \(bare[0].id): their messages were not recorded")
            complete = false
        }
        return (kept, complete)
    }

    /// The messages in `files` (JSON Lines from `scan --occurrences`); a line that is not one is
    /// said on stderr with its place and left out (the second value is false then).
    private static func readOccurrences(_ files: [FileSystemPath]) -> ([Occurrence], Bool) {
        var occurrences: [Occurrence] = []
        var complete = true
        for file in files {
            do {
                let reader = LineReader(source: try FileByteSource(path: file), maxLineLength: 1 << 16)
                var number = 0
                while let chunk = try reader.nextChunk() {
                    for line in chunk.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                        number += 1
                        guard !line.isEmpty else { continue }
                        do {
                            occurrences.append(try OccurrenceLine.occurrence(from: Data(line)))
                        } catch {
                            StandardError.line("\(file.display):\(number): \(error); left out")
                            complete = false
                        }
                    }
                    if chunk.bytes.last == UInt8(ascii: "\n") { number -= 1 }
                }
            } catch {
                StandardError.line("\(file.display): \(error); its messages were not recorded")
                complete = false
            }
        }
        return (occurrences, complete)
    }

    /// Why a report cannot be read.
    struct NotAReport: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes of the report at `path`, or of standard input for `-`: refused at once when they
    /// do not start like a JSON object, and past ``maxReportBytes``.
    private static func contents(of path: FileSystemPath) throws -> Data {
        let source = path.bytes == [UInt8(ascii: "-")] ? FileByteSource(borrowing: STDIN_FILENO) : try FileByteSource(path: path)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var started = false
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
            if !started, let first = buffer[..<count].first(where: { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains($0) }) {
                started = true
                guard first == UInt8(ascii: "{") else {
                    throw NotAReport(description: "not a proxyclash JSON report (it does not start with '{')")
                }
            }
            if data.count > maxReportBytes {
                throw NotAReport(description: "not a proxyclash JSON report (larger than \(maxReportBytes) bytes)")
            }
        }
    }
}
