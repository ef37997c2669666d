import Foundation
import PCRE2

/// Finds and parses the first timestamp in a record. One per worker (it owns a matcher).
///
/// Recognised: ISO 8601 (`2026-11-16T09:14:03.1234567Z`, space instead of `T`, offsets),
/// RFC 1123 (`Mon, 16 Nov 2026 09:14:03 GMT`), US (`11/17/2026 9:40:12 AM`; a first number
/// above 12 means day/month, as in `17/12/2015 09:17:09`), `2017/10/20 5:02:43`, and
/// a time of day starting a line (`[HH:mm:ss.fff]` traces, `08:15:09 ERROR ...`) whose date
/// comes from the file or archive member name (`trace-20261116-...log`, `exo-batch-2026-11-28.log`).
/// Times without a zone are read in `timeZone` (UTC unless the user says otherwise).
package final class TimestampParser {
    private static let pattern: Pattern = {
        let iso = #"(?<iso>(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)"#
        let rfc = #"(?<rfc>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s(\d{1,2})\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s(\d{4})\s(\d{2}):(\d{2}):(\d{2})\s?(GMT|UTC|Z|[+-]\d{4})?)"#
        let us = #"(?<us>(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})\s(\d{1,2}):(\d{2}):(\d{2})(?:\s?([AaPp][Mm]))?)"#
        let ymd = #"(?<ymd>(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})\s(\d{1,2}):(\d{2}):(\d{2}))"#
        // A time of day that starts the line, bracketed or not (`[15:52:17.674]`, `08:15:09 ERROR`):
        // dated only by a date in the file or member name.
        let clock = #"(?<clock>^\[?(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,7}))?\]?(?=\s|$))"#
        // Force-try: a constant pattern; a compile failure is a programming error caught by tests.
        return try! Pattern([iso, rfc, us, ymd, clock].joined(separator: "|"))
    }()

    private static let fileDatePattern: Pattern = try! Pattern(#"(?<!\d)(20\d{2})-?(\d{2})-?(\d{2})(?!\d)"#)

    private let matcher: Matcher
    private let fileDateMatcher: Matcher
    private let timeZone: TimeZone
    private var fileDate: (year: Int, month: Int, day: Int)?
    /// The last timestamp found was a time of day dated by the file name.
    package private(set) var lastWasDatedByFileName = false
    /// Times of day read in order so far: a time more than 6 hours earlier than the one before
    /// it is the next day (a trace that runs past midnight), so the name's date moves on a day.
    private var lastClockSeconds: Int?
    private var clockDays = 0
    /// False while reading lines out of order (the lines above a record, an input's head).
    private var advancing = true

    package init(timeZone: TimeZone = .gmt, context: MatchContext) {
        self.timeZone = timeZone
        matcher = Matcher(Self.pattern, context: context)
        fileDateMatcher = Matcher(Self.fileDatePattern, context: context)
    }

    /// Sets the date that time-only trace lines belong to, from a file name such as
    /// `trace-20261116-091403.log` (no date in the name: time-only lines get no timestamp).
    package func useFileName(_ path: String) {
        fileDate = nil
        lastClockSeconds = nil
        clockDays = 0
        // The last path component, by hand: NSString bridging traps on a NUL in the text (a
        // fuzzer found it), and archive member names come from the archive. A member's own name
        // only (after the last `!`): an archive's date is when it was packed, not when its logs ran.
        let name = Array(path.utf8.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "!") }.last ?? [])
        name.withUnsafeBytes { bytes in
            guard (try? fileDateMatcher.matches(in: bytes)) == true else { return }
            let numbers = (1...3).map { Self.number(bytes, fileDateMatcher.range(ofGroup: $0)) }
            if ISO8601.isDay(year: numbers[0], month: numbers[1], day: numbers[2]) { fileDate = (numbers[0], numbers[1], numbers[2]) }
        }
    }

    /// The first timestamp in `record`, and where it starts.
    /// Runs `body` reading times out of order: times of day it reads do not move the day on.
    package func withoutAdvancing<T>(_ body: () -> T) -> T {
        let was = advancing
        advancing = false
        defer { advancing = was }
        return body()
    }

    package func firstTimestamp(in record: UnsafeRawBufferPointer) -> (date: Date, offset: Int)? {
        var offset = 0
        while offset < record.count, (try? matcher.matches(in: record, from: offset)) == true {
            let start = matcher.matchRange.lowerBound
            if let date = date(from: record) { return (date, start) }
            offset = matcher.matchRange.upperBound  // a malformed date (month 13): look further
        }
        return nil
    }

    private func date(from record: UnsafeRawBufferPointer) -> Date? {
        lastWasDatedByFileName = false
        func n(_ group: Int) -> Int { Self.number(record, matcher.range(ofGroup: group)) }
        func text(_ group: Int) -> String? { matcher.range(ofGroup: group).map { String(decoding: record[$0], as: UTF8.self) } }
        // Group numbers follow the order of the alternatives above. The ISO form, on nearly every
        // line of most logs, is read from the bytes without making strings.
        if matcher.range(ofGroup: 1) != nil {
            let fraction = Self.fraction(record, matcher.range(ofGroup: 8).map { $0.dropFirst() })  // after the `.`
            guard let zone = matcher.range(ofGroup: 9) else {
                return make(n(2), n(3), n(4), n(5), n(6), n(7), fraction: fraction, zone: nil)
            }
            return make(n(2), n(3), n(4), n(5), n(6), n(7), fraction: fraction,
                        offset: Self.offsetSeconds(UnsafeRawBufferPointer(rebasing: record[zone])))
        }
        if matcher.range(ofGroup: 10) != nil {
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            guard let monthName = text(12), let month = months.firstIndex(of: monthName) else { return nil }
            return make(n(13), month + 1, n(11), n(14), n(15), n(16), zone: text(17) ?? "Z")
        }
        if matcher.range(ofGroup: 18) != nil {
            var (first, second) = (n(19), n(20))
            var hour = n(22)
            if let meridiem = text(25)?.lowercased() {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
            } else if first > 12 {
                swap(&first, &second)  // 17/12/2015: day first
            }
            return make(n(21), first, second, hour, n(23), n(24), zone: nil)
        }
        if matcher.range(ofGroup: 26) != nil {
            return make(n(27), n(28), n(29), n(30), n(31), n(32), zone: nil)
        }
        if matcher.range(ofGroup: 33) != nil, let fileDate {
            lastWasDatedByFileName = true
            let fraction = Self.fraction(record, matcher.range(ofGroup: 37))
            let seconds = n(34) * 3600 + n(35) * 60 + n(36)
            var days = clockDays
            if advancing {
                if let last = lastClockSeconds, seconds < last - 6 * 3600 { clockDays += 1 }
                lastClockSeconds = seconds
                days = clockDays
            } else if let last = lastClockSeconds, seconds > last + 6 * 3600, days > 0 {
                days -= 1  // a line above, from before the last midnight passed
            }
            return make(fileDate.year, fileDate.month, fileDate.day, n(34), n(35), n(36), fraction: fraction, zone: nil)
                .map { $0.addingTimeInterval(Double(days) * 86_400) }
        }
        return nil
    }

    /// True when `line` starts, at its first or second byte, with an ISO 8601 date and time of
    /// day (`2026-11-16T09:14:03`, `[2026-11-16 09:14:03`) whose fields are in range: the lines
    /// ``firstTimestamp(in:)`` would find a time at (offset 0 or 1) in nearly every timestamped
    /// log, told without running the pattern.
    static func startsWithISOTime(_ line: UnsafeRawBufferPointer) -> Bool {
        func isoTime(at start: Int) -> Bool {
            guard line.count >= start + 19 else { return false }
            func digits(_ offset: Int, _ count: Int) -> Int? {
                var value = 0
                for index in (start + offset)..<(start + offset + count) {
                    let byte = line[index]
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            guard line[start + 4] == UInt8(ascii: "-"), line[start + 7] == UInt8(ascii: "-"),
                  line[start + 10] == UInt8(ascii: "T") || line[start + 10] == UInt8(ascii: " "),
                  line[start + 13] == UInt8(ascii: ":"), line[start + 16] == UInt8(ascii: ":"),
                  let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                  let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2) else { return false }
            return ISO8601.isDay(year: year, month: month, day: day) && hour < 24 && minute < 60 && second < 61
        }
        // At the second byte only after a byte that cannot start a digit run of its own.
        return isoTime(at: 0) || (line.first.map { $0 < UInt8(ascii: "0") || $0 > UInt8(ascii: "9") } == true && isoTime(at: 1))
    }

    /// A `yyyyMMddHHmmss` time (a transcript's `Start time:`) at the start of `text`, followed
    /// by nothing but white space; read in the parser's zone.
    package func compactTime(_ text: UnsafeRawBufferPointer) -> Date? {
        let digits = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard digits.count == 14, text[14...].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) else { return nil }
        func n(_ from: Int, _ count: Int) -> Int { digits[from..<from + count].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        return make(n(0, 4), n(4, 2), n(6, 2), n(8, 2), n(10, 2), n(12, 2), zone: nil)
    }

    private func make(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                      fraction: Double = 0, zone: String?) -> Date? {
        let offset = zone.map { zone in Array(zone.utf8).withUnsafeBytes { Self.offsetSeconds($0) } }
        return make(year, month, day, hour, minute, second, fraction: fraction, offset: offset)
    }

    /// The time, read in the parser's zone when `offset` (seconds east of UTC) is nil.
    private func make(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                      fraction: Double, offset: Int?) -> Date? {
        guard ISO8601.isDay(year: year, month: month, day: day), hour < 24, minute < 60, second < 61 else { return nil }
        let local = Double(ISO8601.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        guard let offset else {
            let guess = Date(timeIntervalSince1970: local)
            return Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: guess)))
        }
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// Seconds east of UTC of a zone written `Z`, `GMT`, `UTC`, `+hhmm` or `-hh:mm` (0 for any other).
    static func offsetSeconds(_ zone: UnsafeRawBufferPointer) -> Int {
        var value = 0
        var digits = 0
        for byte in zone where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            digits += 1
            guard digits <= 4 else { return 0 }  // any zone text: more digits than hhmm is none
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard digits == 4, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        let seconds = (value / 100) * 3600 + (value % 100) * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// The fraction of a second written by the digits in `range` (`1234567` is 0.1234567).
    private static func fraction(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>?) -> Double {
        guard let range, !range.isEmpty else { return 0 }
        return Double(number(bytes, range)) / pow(10, Double(range.count))
    }

    private static func number(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>?) -> Int {
        guard let range else { return 0 }
        var value = 0
        for byte in bytes[range] { value = value * 10 + Int(byte &- UInt8(ascii: "0")) }
        return value
    }

    /// Parses a full ISO 8601 date-time string (used for report round trips and `--since`).
    static func parseISO(_ text: String) -> Date? {
        let parser = TimestampParser(context: MatchContext())
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            guard let found = parser.firstTimestamp(in: raw), found.offset == 0, parser.matcher.range(ofGroup: 1) != nil else { return nil }
            return found.date
        }
    }
}
