import Foundation
import Testing
@testable import ProxyClashCore

/// The JSON line `scan --occurrences` writes and `merge --history` reads back.
@Suite struct OccurrenceLineTests {
    @Test func aLineReadsBackAsTheSameOccurrence() throws {
        let occurrence = Occurrence(kind: .proxyAddressInUse, key: "smtp:lee@contoso.com", timestamp: ISO8601.parse("2026-11-16T08:02:45Z"),
                                    fingerprint: 0x9F1C_2E00_0000_00AB, source: SourceRef(path: "logs/a.log", line: 27), datedBy: .serverTimeStamp)
        let line = OccurrenceLine(occurrence).encoded()
        #expect(line == #"{"dated":"server-timestamp","fingerprint":"9f1c2e00000000ab","key":"smtp:lee@contoso.com","kind":"proxy-address-in-use","line":27,"path":"logs/a.log","time":"2026-11-16T08:02:45Z"}"#)
        #expect(try OccurrenceLine.occurrence(from: Data(line.utf8)) == occurrence)
    }

    @Test(arguments: [
        (#"{"fingerprint":"xyz","key":"k","kind":"proxy-address-in-use","line":1,"path":"a","time":null}"#, "fingerprint 'xyz' is not 1 to 16 hex digits"),
        (#"{"fingerprint":"ab","key":"k","kind":"sundial","line":1,"path":"a","time":null}"#, "unknown incident kind 'sundial'"),
        (#"{"fingerprint":"ab","key":"k","kind":"proxy-address-in-use","line":1,"path":"a","time":"yesterday"}"#, "time 'yesterday' is not ISO 8601"),
        (#"{"fingerprint":"ab","key":"k","kind":"proxy-address-in-use","line":-1,"path":"a","time":null}"#, "negative line -1"),
    ])
    func aBadLineIsRefusedSayingWhy(line: String, reason: String) {
        #expect(throws: OccurrenceLine.Problem.self) { try OccurrenceLine.occurrence(from: Data(line.utf8)) }
        do {
            _ = try OccurrenceLine.occurrence(from: Data(line.utf8))
        } catch {
            #expect(error.description == "not a valid occurrence: " + reason)
        }
    }
}
