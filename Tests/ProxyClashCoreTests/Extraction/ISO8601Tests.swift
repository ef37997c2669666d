import Foundation
import Testing
@testable import ProxyClashCore

struct ISO8601Tests {
    /// Against Foundation's Gregorian calendar in UTC (proleptic only from 1582 on, so the years
    /// start at 1600): every field, the milliseconds written only when there are some, and parsed
    /// back to the same millisecond.
    @Test func formatsWhatTheCalendarSays() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = calendar.date(from: DateComponents(year: 1600, month: 1, day: 1))!.timeIntervalSince1970
        let last = calendar.date(from: DateComponents(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59))!.timeIntervalSince1970
        var state: UInt64 = 7
        for index in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let milliseconds = index % 2 == 0 ? 0 : Int64(state >> 54) % 1000
            let seconds = first + Double(state >> 11) / Double(1 << 53) * (last - first)
            let date = Date(timeIntervalSince1970: seconds.rounded(.down) + Double(milliseconds) / 1000)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            var expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
            let written = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
            if written != 0 { expected += String(format: ".%03lld", (written + 1000) % 1000) }
            #expect(ISO8601.format(date) == expected + "Z")
            let parsed = try #require(ISO8601.parse(ISO8601.format(date)))
            #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
        }
    }

    @Test func yearsOutsideFourDigitsArePadded() {
        let day: TimeInterval = 86_400
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: Double(ISO8601.days(year: 10000, month: 1, day: 2)) * day + 1.5)) == "10000-01-02T00:00:01.500Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: Double(ISO8601.days(year: 12, month: 3, day: 4)) * day)) == "0012-03-04T00:00:00Z")
    }
}
