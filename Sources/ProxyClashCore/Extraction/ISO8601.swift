import Foundation

/// ISO 8601 UTC formatting and civil-date arithmetic without `DateFormatter` (fast, locale-free).
package enum ISO8601 {
    /// `2026-11-16T09:14:03Z`, or with milliseconds when the time has a fraction.
    package static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let milliseconds = Int(((totalMilliseconds % 1000) + 1000) % 1000)
        let seconds = (totalMilliseconds - Int64(milliseconds)) / 1000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        // A year outside 0...9999 (rare) is written with all its digits, at least four.
        let longYear = (0...9999).contains(year) ? nil : pad(year, 4)
        // Written as bytes: string concatenation cost 9,000 instructions a date, in every report.
        return String(unsafeUninitializedCapacity: 48) { text in
            var count = 0
            func put(_ value: Int, _ width: Int) {
                var value = value
                for place in stride(from: count + width - 1, through: count, by: -1) {
                    text[place] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                count += width
            }
            func put(_ byte: Unicode.Scalar) {
                text[count] = UInt8(ascii: byte)
                count += 1
            }
            if let longYear {
                for byte in longYear.utf8 { text[count] = byte; count += 1 }
            } else {
                put(year, 4)
            }
            put("-"); put(month, 2); put("-"); put(day, 2); put("T")
            put(secondOfDay / 3600, 2); put(":"); put(secondOfDay / 60 % 60, 2); put(":"); put(secondOfDay % 60, 2)
            if milliseconds != 0 { put("."); put(milliseconds, 3) }
            put("Z")
            return count
        }
    }

    /// Parses what ``format(_:)`` writes (and any ISO 8601 date-time with `Z` or an offset).
    package static func parse(_ text: String) -> Date? {
        TimestampParser.parseISO(text)
    }

    /// Whether `day` exists in `month` of `year` (proleptic Gregorian): 2026-02-30 and 11/31 do
    /// not, and are no date rather than a day of the next month.
    static func isDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        switch month {
        case 2: return day <= (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        case 4, 6, 9, 11: return day <= 30
        default: return day <= 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
