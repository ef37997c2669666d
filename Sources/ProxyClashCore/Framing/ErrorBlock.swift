import Foundation

/// A PowerShell error as the console prints it: the `Verb-Noun : message` record, then
/// `At line:...`, the command echoed with `~~~` under it, and the `+ CategoryInfo` /
/// `+ FullyQualifiedErrorId` lines. Exchange Online puts the server's time in the last one
/// (`[Server=...,RequestId=...,TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT]`, often wrapped inside
/// the token): the message is held until its block ends, and dated by that time when the block
/// has one, by the entry's time otherwise.
///
/// The block's lines are kept together (at most 8 KiB), indented continuation lines included, and
/// the time after `TimeStamp=` is read with white space ignored: however the console cut it
/// (`...Nov` / ` 2026`, `09:14:` / `03 GMT`) and however the lines were joined, it reads the same.
struct ErrorBlock {
    private var held: (text: [UInt8], line: Int, context: DatedTime?, command: String?)?
    /// The held error's block so far, its white space taken out.
    private var block: [UInt8] = []
    private static let maxBlockBytes = 8 * 1024

    /// Takes a finished console record: a cmdlet error is held, a line of the held error's block
    /// goes out (and, once the block holds the server's time, lets the error out dated by it),
    /// anything else ends the block. `command` is the one typed at the prompt above it.
    mutating func take(_ text: UnsafeRawBufferPointer, line: Int, context: DatedTime?, command: String?, timestamps: TimestampParser,
                       emit: (FramerEvent) -> Void) {
        let indent = text.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? text.count
        let content = UnsafeRawBufferPointer(rebasing: text[indent...])
        if ConsoleFramer.isCmdletErrorStart(content) {
            release(emit)
            held = (Array(text), line, context, command)
            return
        }
        // A line of the block, an indented continuation, or the rest of a `TimeStamp=` the
        // console cut (a line too wide for the framer to join it to the one above).
        let finishesTimeStamp = block.count < Self.maxBlockBytes && Self.awaitsRest(block)
        guard held != nil, Self.isBlockLine(content) || indent > 0 || finishesTimeStamp else {
            release(emit)
            Self.emit(text, line: line, context: context, command: command, emit)
            return
        }
        Self.emit(text, line: line, context: context, command: command, emit)
        if block.count < Self.maxBlockBytes {
            block += text.lazy.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        }
        if let server = Self.serverTime(in: block) { release(emit, time: DatedTime(date: server, evidence: .serverTimeStamp)) }
    }

    /// Lets the held error out (the input ended, or its block did).
    mutating func release(_ emit: (FramerEvent) -> Void, time: DatedTime? = nil) {
        block.removeAll(keepingCapacity: true)
        guard let error = held else { return }
        held = nil
        error.text.withUnsafeBytes { Self.emit($0, line: error.line, context: time ?? error.context, command: error.command, emit) }
    }

    private static func emit(_ text: UnsafeRawBufferPointer, line: Int, context: DatedTime?, command: String?, _ emit: (FramerEvent) -> Void) {
        emit(.record(FramedRecord(text: text, line: line, recordTime: nil, contextTime: context?.date,
                                  contextEvidence: context?.evidence ?? .lineAbove, command: command)))
    }

    /// The block's `FullyQualifiedErrorId` opened its `[Server=...,TimeStamp=...]` and the
    /// console cut it before its `]`: the next line is the rest of it.
    private static func awaitsRest(_ compact: [UInt8]) -> Bool {
        let text = String(decoding: compact, as: UTF8.self)
        guard let id = text.range(of: "FullyQualifiedErrorId:", options: .backwards) else { return false }
        let after = text[id.upperBound...]
        guard let open = after.firstIndex(of: "[") else { return false }
        return !after[open...].contains("]") && serverTime(in: compact) == nil
    }

    /// `At line:1 char:1`, `+ New-Mailbox ...`, `+ ~~~~`, `+ CategoryInfo : ...`.
    private static func isBlockLine(_ content: UnsafeRawBufferPointer) -> Bool {
        content.starts(with: "+ ".utf8) || content.starts(with: "At ".utf8) || content.first == UInt8(ascii: "~")
    }

    /// The time after `TimeStamp=` in a block with its white space taken out: RFC 1123
    /// (`Mon,16Nov202609:14:03GMT`) or the server's day-first locale (`17/11/202614:05:01`).
    /// Nil while the block does not hold a whole one.
    static func serverTime(in compact: [UInt8]) -> Date? {
        let text = String(decoding: compact, as: UTF8.self)
        guard let marker = text.range(of: "TimeStamp=") else { return nil }
        let value = text[marker.upperBound...].prefix(40)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        if let match = value.prefixMatch(of: /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),(\d{1,2})([A-Z][a-z]{2})(\d{4})(\d{2}):(\d{2}):(\d{2})(?:GMT|UTC|Z)/),
           let month = months.firstIndex(of: String(match.2)) {
            return utc(Int(match.3)!, month + 1, Int(match.1)!, Int(match.4)!, Int(match.5)!, Int(match.6)!)
        }
        // A server's locale: day first when the first number is above 12 (`17/11/2026`), else
        // month first as in the US (`11/17/2026 2:05:01 PM`), as the timestamp parser reads them.
        if let match = value.prefixMatch(of: /(\d{1,2})\/(\d{1,2})\/(\d{4})(\d{1,2}):(\d{2}):(\d{2})(AM|PM|am|pm)?/) {
            let (first, second) = (Int(match.1)!, Int(match.2)!)
            var hour = Int(match.4)!
            if let meridiem = match.7 {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (meridiem.lowercased() == "pm" ? 12 : 0)
            }
            let (month, day) = first > 12 ? (second, first) : (first, second)
            return utc(Int(match.3)!, month, day, hour, Int(match.5)!, Int(match.6)!)
        }
        return nil
    }

    private static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Date? {
        guard ISO8601.isDay(year: year, month: month, day: day), hour < 24, minute < 60, second < 61 else { return nil }
        return Date(timeIntervalSince1970: Double(ISO8601.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second))
    }
}
