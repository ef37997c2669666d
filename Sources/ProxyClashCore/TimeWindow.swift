import Foundation

/// The period a scan reports on: findings dated outside `[since, until)` are left out (and
/// counted); findings without any date are kept (and counted), since nothing says they are outside.
public struct TimeWindow: Sendable, Equatable {
    public let since: Date?
    public let until: Date?

    public init(since: Date?, until: Date?) {
        self.since = since
        self.until = until
    }

    /// Whether a finding dated `date` belongs in the window (undated ones always do).
    public func contains(_ date: Date?) -> Bool {
        guard let date else { return true }
        if let since, date < since { return false }
        if let until, date >= until { return false }
        return true
    }

    /// Why a window could not be built from what the user typed.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `2026-11-16`, `2026-11-16T09:00`, `2026-11-16T09:00:00Z`, `2026-11-16 09:00:00+01:00`:
    /// a date means its midnight, and a time without a zone is read in `timeZone`.
    public static func parseBound(_ text: String, timeZone: TimeZone) throws(ParseError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let datePart = trimmed.prefix(10)
        let pieces = datePart.split(separator: "-")
        guard datePart.count == 10, pieces.count == 3, let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]),
              ISO8601.isDay(year: year, month: month, day: day) else {
            throw ParseError(description: "'\(text)' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])")
        }
        var rest = trimmed.dropFirst(10)
        guard !rest.isEmpty else { return local(year, month, day, 0, 0, 0, in: timeZone) }
        guard rest.first == "T" || rest.first == " " else { throw ParseError(description: "'\(text)': expected 'T' between date and time") }
        rest = rest.dropFirst()
        var zone: String?
        if rest.hasSuffix("Z") {
            zone = "Z"
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            zone = String(rest[sign...])
            rest = rest[..<sign]
        }
        let clock = rest.split(separator: ":").map { Int($0) }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }), clock[0]! < 24, clock[1]! < 60, (clock.count == 2 || clock[2]! < 60) else {
            throw ParseError(description: "'\(text)': the time must be HH:MM or HH:MM:SS")
        }
        let seconds = clock.count == 3 ? clock[2]! : 0
        guard let zone else { return local(year, month, day, clock[0]!, clock[1]!, seconds, in: timeZone) }
        let utc = Double(ISO8601.days(year: year, month: month, day: day) * 86_400 + clock[0]! * 3600 + clock[1]! * 60 + seconds)
        return Date(timeIntervalSince1970: utc - Double(zone == "Z" ? 0 : Array(zone.utf8).withUnsafeBytes { TimestampParser.offsetSeconds($0) }))
    }

    /// The ISO 8601 week `2026-W47`, or `last`/`this` week relative to `now`, Monday to Monday in `timeZone`.
    public static func week(_ text: String, now: Date, timeZone: TimeZone) throws(ParseError) -> TimeWindow {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let start: Date
        switch text.lowercased() {
        case "this", "last":
            guard let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)?.start else {
                throw ParseError(description: "cannot compute the current week")
            }
            start = text.lowercased() == "this" ? thisWeek : calendar.date(byAdding: .day, value: -7, to: thisWeek)!
        default:
            let parts = text.uppercased().split(separator: "-W")
            guard parts.count == 2, let year = Int(parts[0]), let week = Int(parts[1]), (1...53).contains(week),
                  let date = calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)),
                  calendar.component(.weekOfYear, from: date) == week else {
                throw ParseError(description: "'\(text)' is not an ISO week (YYYY-Www, e.g. 2026-W47), 'last' or 'this'")
            }
            start = date
        }
        return TimeWindow(since: start, until: calendar.date(byAdding: .day, value: 7, to: start))
    }

    private static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, in timeZone: TimeZone) -> Date {
        let naive = Double(ISO8601.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second)
        let guess = Date(timeIntervalSince1970: naive)
        return Date(timeIntervalSince1970: naive - Double(timeZone.secondsFromGMT(for: guess)))
    }
}
