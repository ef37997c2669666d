import Foundation
import FuzzSupport
import PCRE2
@testable import ProxyClashCore

/// The timestamp parser and the time-window parsers.
nonisolated(unsafe) private let parser = TimestampParser(timeZone: TimeZone(identifier: "Europe/Berlin")!, context: MatchContext())

@_cdecl("FuzzTimestamps_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        parser.useFileName(String(decoding: input.prefix(40), as: UTF8.self))
        _ = input.withUnsafeBytes { parser.firstTimestamp(in: $0) }
        let text = String(decoding: input, as: UTF8.self)
        _ = try? TimeWindow.parseBound(text, timeZone: .gmt)
        _ = try? TimeWindow.week(text, now: Date(timeIntervalSince1970: 1_795_000_000), timeZone: .gmt)
        _ = ISO8601.parse(text)
        return 0
    }
}
