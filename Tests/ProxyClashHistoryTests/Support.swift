import Foundation
import GRDB
import ProxyClashCore
@testable import ProxyClashHistory

/// Shared by the history suites: scans of small logs, temporary stores.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let catalog = try! PatternCatalog.load(directories: [root.appendingPathComponent("Patterns").path])

/// A scan of `text` with occurrences kept, as `scan --history` does.
func scan(_ text: String, path: String = "sync.log") -> ScanResult {
    var options = ScanOptions()
    options.collectOccurrences = true
    final class Bytes: ByteSource {
        var data: [UInt8]
        init(_ text: String) { data = Array(text.utf8) }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            let count = min(buffer.count, data.count)
            data.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            data.removeFirst(count)
            return count
        }
    }
    return Scanner(catalog: catalog, options: options).scan(source: Bytes(text), path: path)
}

func conflict(_ user: String, at time: String) -> String {
    "\(time) ERROR The proxy address \"SMTP:\(user)@contoso.com\" is already being used by \"corp.example/Users/\(user)\". Choose another proxy address.\n"
}

/// A path for a new store in a new temporary folder.
func temporaryStorePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-history-\(UUID().uuidString)/history.sqlite").path
}

func temporaryStore() throws -> HistoryStore {
    try HistoryStore(path: temporaryStorePath(), busyTimeout: 0.2)
}

func date(_ text: String) -> Date { try! TimeWindow.parseBound(text, timeZone: .gmt) }
