import Foundation
import ProxyClashReport

/// Renders a report and writes it to stdout or a file (atomically), for every command that
/// produces one.
struct ReportOutput {
    let format: ReportFormat
    let output: String?
    let colour: Bool
    /// Cores the renderer may use.
    var jobs = 1

    func write(_ report: Report) throws {
        try Self.produce(to: output) { writer in
            do {
                try format.renderer(colour: colour, jobs: jobs).write(report, to: writer.write)
            } catch let error as RenderingFailure {
                throw error
            } catch {
                throw RenderingFailure(error: error)
            }
        }
    }

    /// Writes `text` to stdout, or atomically to the file `output`.
    static func write(_ text: String, to output: String?) throws {
        try produce(to: output) { try $0.write(text) }
    }

    /// A renderer's own failure, told apart from a failure to write.
    private struct RenderingFailure: Error {
        let error: any Error
    }

    /// Runs `body` with a writer to stdout or `output`, reporting failures on stderr.
    private static func produce(to output: String?, _ body: (OutputWriter) throws -> Void) throws {
        let writer: OutputWriter
        do {
            writer = try OutputWriter(path: output)
        } catch {
            StandardError.line("\(output ?? "stdout"): cannot write the report: \(error.localizedDescription)")
            throw ExitStatus.outputFailed
        }
        do {
            try body(writer)
            try writer.finish()
        } catch let failure as RenderingFailure {
            writer.abandon()
            StandardError.line("cannot render the report: \(failure.error)")
            throw ExitStatus.internalError
        } catch {
            writer.abandon()
            StandardError.line("\(output ?? "stdout"): cannot write the report: \(error.localizedDescription)")
            throw ExitStatus.outputFailed
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
