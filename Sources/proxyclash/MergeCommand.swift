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
        by kind and key). A report that cannot be read is reported and left out (exit code 2).

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
        try OutputConflict.refuse(output: output, inputs: reports.map(RawArguments.path), history: nil)
        var loaded: [Report] = []
        var failed = false
        for path in reports {
            do {
                let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
                loaded.append(try JSONReportRenderer.decode(data))
            } catch {
                StandardError.line("\(path): not a readable proxyclash JSON report (\(error.localizedDescription))")
                failed = true
            }
        }
        let merged: Report
        do {
            merged = try ReportMerger.merge(loaded, generatedAt: ReportOutput.reportTime())
        } catch {
            StandardError.line("cannot merge: \(error)")
            throw ExitStatus.incomplete
        }
        try ReportOutput(format: format, output: output, colour: false, jobs: ProcessInfo.processInfo.activeProcessorCount).write(merged)
        if failed { throw ExitStatus.incomplete }
        if !merged.incidents.isEmpty { throw ExitStatus.incidents }
    }
}
