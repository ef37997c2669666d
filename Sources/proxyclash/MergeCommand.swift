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

        Examples:
          proxyclash merge shard-*.json > week.json
          proxyclash merge a.json b.json --format text
        """
    )

    @Argument(help: ArgumentHelp("JSON reports written by 'proxyclash scan --format json', or '-'.", valueName: "report"))
    var reports: [String] = []

    @Option(name: .shortAndLong, help: "Report format: text or json.")
    var format: ReportFormat = .json

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give the JSON reports to merge") }
    }

    func run() throws {
        let paths = RawArguments.paths(reports)
        try OutputConflict.refuse(output: output, inputs: paths, history: nil)
        var merger = ReportMerger()
        var complete = true
        for path in paths {
            do {
                try merger.add(try ReportMerger.decode(try Self.contents(of: path)))
            } catch {
                StandardError.line("\(path.display): \(error)")
                merger.skip(path.display, reason: "\(error)")
                complete = false
            }
        }
        let merged = merger.report(generatedAt: ReportOutput.reportTime())
        try ReportOutput(format: format, output: output, colour: false, jobs: ProcessInfo.processInfo.activeProcessorCount).write(merged)
        // As one scan over every shard's inputs would: exit 2 when some content was not scanned.
        let skippedContent = merged.summary.diagnostics.contains { DiagnosticCategory(rawValue: $0.key)?.severity == .error && $0.value > 0 }
        if !complete || skippedContent || merged.summary.skipped > 0 { throw ExitStatus.incomplete }
        if !merged.incidents.isEmpty { throw ExitStatus.incidents }
    }

    /// Largest report read: far above what 100,000 incidents take (about 150 MB), and a bound on
    /// memory for a path that is not a report (`/dev/zero`).
    static let maxReportBytes = 1 << 30

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
