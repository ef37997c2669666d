import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct TimestampParserTests {
    private func parse(_ text: String, zone: TimeZone = .gmt, fileName: String? = nil) -> String? {
        let parser = TimestampParser(timeZone: zone, context: MatchContext())
        if let fileName { parser.useFileName(fileName) }
        return Array(text.utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) }.map { ISO8601.format($0.date) }
    }

    @Test(arguments: [
        ("2022-06-27T10:29:29.0922053Z x", "2022-06-27T10:29:29.092Z"),
        ("at 2026-11-16 09:14:03 UTC", "2026-11-16T09:14:03Z"),
        ("2026-11-16T09:14:03+02:00", "2026-11-16T07:14:03Z"),
        ("TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT]", "2026-11-16T09:14:03Z"),
        ("[11/17/2026 9:40:12 AM] Creating", "2026-11-17T09:40:12Z"),
        ("[11/17/2026 12:05:00 AM]", "2026-11-17T00:05:00Z"),
        ("[11/17/2026 1:55:05 PM]", "2026-11-17T13:55:05Z"),
        ("TimeStamp=17/12/2015 09:17:09]", "2015-12-17T09:17:09Z"),
        ("LastDirSyncTime    : 2017/10/20 5:02:43", "2017-10-20T05:02:43Z"),
    ])
    func recognisedFormats(text: String, expected: String) {
        #expect(parse(text) == expected)
    }

    @Test func traceLinesTakeTheirDateFromTheFileName() {
        #expect(parse("[15:52:17.674] [ 13] [ERROR] x", fileName: "C:/AADConnect/trace-20261116-155217.log") == "2026-11-16T15:52:17.674Z")
        #expect(parse("[15:52:17.674] [ 13] [ERROR] x", fileName: "trace.log") == nil)
    }

    /// A time of day starting a line, bracketed or not, with any fraction, takes the date in the
    /// name (dashed or not; an archive member's own name, not the archive's).
    @Test(arguments: [
        ("08:15:09 ERROR Set-Mailbox", "logs/exo-batch-2026-11-28.log", "2026-11-28T08:15:09Z"),
        ("08:15:09.1234567 ERROR", "exo-batch-2026-11-28.log", "2026-11-28T08:15:09.123Z"),
        ("[08:15:09,250] WARN", "bundle-20261101.tar.gz!aadc/trace-20261125.log", "2026-11-25T08:15:09.250Z"),
        ("08:15:09 ERROR", "bundle-20261101.tar.gz!aadc/trace.log", nil),
        ("08:15 ERROR", "exo-batch-2026-11-28.log", nil),
        ("ref 08:15:09 ERROR", "exo-batch-2026-11-28.log", nil),
    ] as [(String, String, String?)])
    func timesOfDayTakeTheNamesDate(text: String, fileName: String, expected: String?) {
        #expect(parse(text, fileName: fileName) == expected)
    }

    /// A trace named by the day it started runs past midnight: a time of day 6 hours or more
    /// before the one read before it is the next day. Lines read out of order (a record's lines
    /// above, the head) do not move the day on; one from before the last midnight passed keeps
    /// its day.
    @Test func timesOfDayRollOverMidnight() {
        let parser = TimestampParser(context: MatchContext())
        parser.useFileName("exo-batch-2026-11-29.log")
        func time(_ text: String) -> String? {
            Array(text.utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) }.map { ISO8601.format($0.date) }
        }
        #expect(time("23:59:58 ERROR a") == "2026-11-29T23:59:58Z")
        #expect(parser.withoutAdvancing { time("00:30:00 looked at out of order") } == "2026-11-29T00:30:00Z")
        #expect(time("00:00:05 ERROR b") == "2026-11-30T00:00:05Z")
        #expect(parser.withoutAdvancing { time("23:59:59 the line above") } == "2026-11-29T23:59:59Z")
        #expect(time("00:10:00 ERROR c") == "2026-11-30T00:10:00Z")
        parser.useFileName("exo-batch-2026-11-29.log")
        #expect(time("00:10:00 a new input starts on its day") == "2026-11-29T00:10:00Z")
    }

    @Test func invalidDatesAreSkipped() {
        #expect(parse("2026-13-45T99:00:00Z then 2026-11-16T09:14:03Z") == "2026-11-16T09:14:03Z")
        #expect(parse("version 10.0.20348.2849 build 1/2") == nil)
    }

    /// A day the month does not have is no date, not a day of the next month (2026-02-30 is not
    /// March 2nd), in the text and in a file name; a leap day is a date in leap years only.
    @Test func daysTheMonthDoesNotHaveAreNoDate() {
        #expect(parse("2026-02-30T10:00:00Z ERROR x") == nil)
        #expect(parse("[11/31/2026 9:40:12 AM] x") == nil)
        #expect(parse("2026-04-31 10:00:00 then 2026-04-30 10:00:00") == "2026-04-30T10:00:00Z")
        #expect(parse("2028-02-29T10:00:00Z") == "2028-02-29T10:00:00Z")
        #expect(parse("2026-02-29T10:00:00Z") == nil)
        #expect(parse("2000-02-29T10:00:00Z") == "2000-02-29T10:00:00Z")
        #expect(parse("2100-02-29T10:00:00Z") == nil)
        #expect(parse("[15:52:17] x", fileName: "t-20260230.log") == nil)
        #expect(parse("[15:52:17] x", fileName: "trace-20261131.log") == nil)
        #expect(parse("[15:52:17] x", fileName: "trace-20261130.log") == "2026-11-30T15:52:17Z")
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow.parseBound("2026-02-30", timeZone: .gmt) }
    }

    @Test func zonelessTimesUseTheGivenZone() {
        #expect(parse("2026-07-01 12:00:00", zone: TimeZone(identifier: "America/New_York")!) == "2026-07-01T16:00:00Z")
    }

    @Test func isoRoundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.25)
        #expect(ISO8601.format(date) == "2026-11-18T11:06:40.250Z")
        #expect(ISO8601.parse("2026-11-18T11:06:40.250Z") == date)
        #expect(ISO8601.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}

/// Each message remembers how its time was decided, counted per incident (issue #14).
@Suite struct TimeEvidenceTests {
    private func dating(_ text: String, path: String) -> [String: [TimeEvidence: Int]] {
        Dictionary(uniqueKeysWithValues: scanText(text, path: path).incidents.incidents.map { ($0.key, $0.datedBy) })
    }

    @Test func eachKindOfEvidenceIsCounted() {
        let owner = #" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/X". Choose another proxy address."#
        let transcript = TranscriptDatingTests.transcript(fqid: ["    + FullyQualifiedErrorId : [Server=SA1,RequestId=1,TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT] 0,New-Mailbox"])
        #expect(dating(transcript, path: "PowerShell_transcript.txt") == ["smtp:ann@contoso.com": [.serverTimeStamp: 1], "smtp:bob@contoso.com": [.header: 1]])
        #expect(dating("08:15:09 ERROR The proxy address \"SMTP:t@contoso.com\"" + owner + "\n", path: "exo-batch-2026-11-28.log") == ["smtp:t@contoso.com": [.fileName: 1]])
        #expect(dating("2026-11-28T08:15:09Z ERROR The proxy address \"SMTP:t@contoso.com\"" + owner + "\n", path: "x.log") == ["smtp:t@contoso.com": [.text: 1]])
        #expect(dating("The proxy address \"SMTP:t@contoso.com\"" + owner + "\n", path: "notes.md") == ["smtp:t@contoso.com": [.undated: 1]])
        let json = #"{"error":{"message":"The proxy address \"SMTP:j@contoso.com\" is already being used by \"corp/X\"."},"time":"2026-11-27T09:00:00Z"}"#
        #expect(dating(json + "\n", path: "r.jsonl") == ["smtp:j@contoso.com": [.parentObject: 1]])
        let csv = "\"TimeCreated\",\"Message\"\n\"11/18/2026 2:30:11 AM\",\"The proxy address \"\"SMTP:c@contoso.com\"\" is already being used by \"\"corp/X\"\".\"\n"
        #expect(dating(csv, path: "events.csv") == ["smtp:c@contoso.com": [.recordField: 1]])
    }
}
