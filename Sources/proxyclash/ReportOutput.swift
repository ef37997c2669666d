import Foundation
import ProxyClashCore
import ProxyClashReport

/// Renders a report and writes it to stdout or a file (see ``OutputWriter`` for what happens to
/// the file), for every command that produces one.
struct ReportOutput {
    let format: ReportFormat
    let output: String?
    let colour: Bool

    func write(_ report: Report) throws {
        try Self.produce(to: output) { writer in
            do {
                try format.renderer(colour: colour).write(report, to: writer.write)
            } catch let error as OutputError {
                throw error
            } catch {
                throw RenderingFailure(error: error)
            }
        }
    }

    /// Writes `text` to stdout, or to the file `output`.
    static func write(_ text: String, to output: String?) throws {
        try produce(to: output) { try $0.write(text) }
    }

    /// The output path as the bytes given on the command line.
    static func path(_ output: String?) -> FileSystemPath? {
        output.map(RawArguments.path)
    }

    /// A renderer's own failure, told apart from a failure to write.
    private struct RenderingFailure: Error {
        let error: any Error
    }

    /// Fails as writing would (exit 74, the same message) when `output` is a folder or a new file
    /// in a folder that does not exist, before any work is done.
    static func precheck(_ output: String?) throws {
        guard let path = path(output) else { return }
        do {
            try OutputWriter.precheck(path)
        } catch {
            StandardError.line("\(path.display): cannot write the output: \(error)")
            throw ExitStatus.outputFailed
        }
    }

    /// Runs `body` with a writer to stdout or `output`, reporting failures on stderr: exit 74
    /// when the output cannot be written, 70 when rendering failed (a bug).
    private static func produce(to output: String?, _ body: (OutputWriter) throws -> Void) throws {
        let label = output.map { path($0)!.display } ?? "stdout"
        let writer: OutputWriter
        do {
            writer = try OutputWriter(path: path(output))
        } catch {
            StandardError.line("\(label): cannot write the output: \(error)")
            throw ExitStatus.outputFailed
        }
        do {
            try body(writer)
            try writer.finish()
        } catch let failure as RenderingFailure {
            writer.abandon()
            StandardError.line("cannot render the output: \(failure.error)")
            throw ExitStatus.internalError
        } catch {
            writer.abandon()
            StandardError.line("\(label): cannot write the output: \(error)")
            throw ExitStatus.outputFailed
        }
    }

    /// Writes `lines` (each followed by a newline) to the file `output`, with the same rules and
    /// exit codes as a report.
    static func writeLines(_ lines: [String], to output: String) throws {
        try produce(to: output) { writer in
            for line in lines { try writer.write(line + "\n") }
        }
    }

    /// Now, or `SOURCE_DATE_EPOCH` when set (reproducible reports).
    static func reportTime() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }
}
