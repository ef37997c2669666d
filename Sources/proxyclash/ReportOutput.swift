import Foundation
import ProxyClashReport

/// Renders a report and writes it to stdout or a file (atomically), for every command that
/// produces one.
struct ReportOutput {
    let format: ReportFormat
    let output: String?
    let colour: Bool

    func write(_ report: Report) throws {
        let text: String
        do {
            text = try format.renderer(colour: colour).render(report)
        } catch {
            StandardError.line("cannot render the report: \(error)")
            throw ExitStatus.internalError
        }
        try Self.write(text, to: output)
    }

    /// Writes `text` to stdout, or atomically to the file `output`.
    static func write(_ text: String, to output: String?) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            StandardError.line("\(output): cannot write the report: \(error.localizedDescription)")
            throw ExitStatus.internalError
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
