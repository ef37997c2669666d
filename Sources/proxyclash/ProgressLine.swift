import Foundation
import ProxyClashReport

/// A one-line progress display on stderr for scans that take a while: silent for the first
/// second, then refreshed at most five times a second, erased at the end. Only used when stderr
/// is a terminal and `--quiet` is not given.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Called from any worker; draws at most five times a second.
    func update(inputsDone: Int, inputsTotal: Int, bytes: Int, path: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let rate = Double(bytes) / max(now.timeIntervalSince(start), 0.001) / 1e6
        var text = String(format: "scanning %d/%d  %.1f MB  %.0f MB/s  ", inputsDone + 1, inputsTotal, Double(bytes) / 1e6, rate)
        let room = max(10, 78 - text.count)
        let shown = TerminalText.safe(path)  // a file name can hold control characters
        text += shown.count > room ? "…" + shown.suffix(room - 1) : shown
        StandardError.write("\r\u{1B}[2K" + text)
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { StandardError.write("\r\u{1B}[2K") }
    }
}
