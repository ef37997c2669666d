import Foundation
import FuzzSupport
@testable import ProxyClashReport

/// The JSON report's incidents are written by `PrettyJSONWriter`, not by JSONEncoder: for any
/// text in any field (cut from the fuzzer's bytes at 0xFF, invalid UTF-8 repaired as Swift
/// does), the bytes must be JSONEncoder's, and decode back to the same entry.
@_cdecl("FuzzReportJSON_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let pieces = bytes(data, size).split(separator: 0xFF, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var next = 0
        func text() -> String {
            defer { next += 1 }
            return pieces.isEmpty ? "" : pieces[next % pieces.count]
        }
        func optional() -> String? { pieces.count % 3 == next % 3 ? nil : text() }
        func texts() -> [String] { (0..<(next % 3)).map { _ in text() } }
        let entry = IncidentEntry(
            id: text(), kind: text(), key: text(), occurrences: size * 31 - 1000, firstSeen: optional(), lastSeen: optional(),
            address: optional(), addressSource: text(), owners: texts(), forests: texts(), tenants: texts(), objectType: optional(),
            guid: optional(), attribute: optional(), value: optional(),
            sources: .init(total: size, sample: texts().enumerated().map { .init(path: $1, line: $0) }), patterns: texts(),
            remediation: Remediation(cause: text(), steps: texts(), commands: texts()), lookAlikes: texts(), mixedScripts: size % 2 == 0,
            dating: Dictionary(texts().map { ($0, $0.utf8.count) }, uniquingKeysWith: +))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var written = PrettyJSONWriter()
        entry.write(to: &written)
        let encoded = try! encoder.encode(entry)
        guard written.bytes == Array(encoded) else {
            fatalError("PrettyJSONWriter differs from JSONEncoder:\n\(String(decoding: written.bytes, as: UTF8.self))\n---\n\(String(decoding: encoded, as: UTF8.self))")
        }
        guard try! JSONDecoder().decode(IncidentEntry.self, from: Data(written.bytes)) == entry else { fatalError("the written entry does not decode to itself") }
        return 0
    }
}
