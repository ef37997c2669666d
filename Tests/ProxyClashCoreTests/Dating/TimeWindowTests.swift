import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct TimeWindowTests {
    private let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test(arguments: [
        ("2026-11-16", "2026-11-16T00:00:00Z"),
        ("2026-11-16T09:30", "2026-11-16T09:30:00Z"),
        ("2026-11-16 09:30:15Z", "2026-11-16T09:30:15Z"),
        ("2026-11-16T09:30:00+02:00", "2026-11-16T07:30:00Z"),
    ])
    func boundsInUTC(text: String, expected: String) throws {
        #expect(ISO8601.format(try TimeWindow.parseBound(text, timeZone: .gmt)) == expected)
    }

    @Test func zonelessBoundsUseTheGivenZone() throws {
        #expect(ISO8601.format(try TimeWindow.parseBound("2026-11-16", timeZone: berlin)) == "2026-11-15T23:00:00Z")
        #expect(ISO8601.format(try TimeWindow.parseBound("2026-07-01T12:00", timeZone: berlin)) == "2026-07-01T10:00:00Z")
    }

    @Test(arguments: ["16/11/2026", "2026-13-01", "2026-11-16T25:00", "yesterday"])
    func badBoundsAreRefused(text: String) {
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow.parseBound(text, timeZone: .gmt) }
    }

    @Test func isoWeeksRunMondayToMonday() throws {
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        #expect(week.since.map(ISO8601.format) == "2026-11-16T00:00:00Z")
        #expect(week.until.map(ISO8601.format) == "2026-11-23T00:00:00Z")
        let first = try TimeWindow.week("2027-W01", now: Date(), timeZone: .gmt)
        #expect(first.since.map(ISO8601.format) == "2027-01-04T00:00:00Z")  // ISO week 1 holds the first Thursday
        let inBerlin = try TimeWindow.week("2026-w47", now: Date(), timeZone: berlin)
        #expect(inBerlin.since.map(ISO8601.format) == "2026-11-15T23:00:00Z")
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow.week("2026-W54", now: Date(), timeZone: .gmt) }
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow.week("2025-W53", now: Date(), timeZone: .gmt) }
    }

    @Test func weeksAcrossTheYearBoundary() throws {
        let w53 = try TimeWindow.week("2026-W53", now: Date(), timeZone: .gmt)
        #expect(w53.since.map(ISO8601.format) == "2026-12-28T00:00:00Z")
        #expect(w53.until.map(ISO8601.format) == "2027-01-04T00:00:00Z")  // ends on Sunday 2027-01-03
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow.week("2027-W53", now: Date(), timeZone: .gmt) }
        let lastOfYear = try TimeWindow.parseBound("2027-01-02T12:00:00Z", timeZone: .gmt)
        #expect(try TimeWindow.week("this", now: lastOfYear, timeZone: .gmt) == w53)
    }

    @Test func lastAndThisWeekAreRelativeToNow() throws {
        let now = try TimeWindow.parseBound("2026-11-25T10:00:00Z", timeZone: .gmt)  // a Wednesday
        #expect(try TimeWindow.week("this", now: now, timeZone: .gmt).since.map(ISO8601.format) == "2026-11-23T00:00:00Z")
        #expect(try TimeWindow.week("last", now: now, timeZone: .gmt).since.map(ISO8601.format) == "2026-11-16T00:00:00Z")
    }

    @Test func findingsOutsideTheWindowAreCountedAndUndatedOnesKept() throws {
        var options = ScanOptions()
        options.window = TimeWindow(since: try TimeWindow.parseBound("2026-11-16T09:00Z", timeZone: .gmt),
                                    until: try TimeWindow.parseBound("2026-11-16T10:00Z", timeZone: .gmt))
        let conflict = #"The proxy address "SMTP:a@contoso.com" is already being used by "x/y". Choose another proxy address."#
        // The undated line comes first: below a dated line it would take that line's time.
        let text = """
        no date at all: \(conflict)
        2026-11-16T08:59:59Z \(conflict)
        2026-11-16T09:00:00Z \(conflict)
        2026-11-16T09:59:59Z \(conflict)
        2026-11-16T10:00:00Z \(conflict)
        """
        let result = scanText(text, options: options)
        let incident = try #require(result.incidents.incidents.first)
        #expect(incident.occurrences == 3)
        #expect(incident.sources.map(\.line) == [1, 3, 4])
        #expect(incident.firstSeen.map(ISO8601.format) == "2026-11-16T09:00:00Z")
        #expect(result.statistics.outsideWindow == 2)
        #expect(result.statistics.undated == 1)
        #expect(result.statistics.messages == 3)
    }
}
