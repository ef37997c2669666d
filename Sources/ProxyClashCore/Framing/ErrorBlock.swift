import Foundation

/// A PowerShell error as the console prints it: the `Verb-Noun : message` record, then
/// `At line:...`, the command echoed with `~~~` under it, and the `+ CategoryInfo` /
/// `+ FullyQualifiedErrorId` lines. Exchange Online puts the server's time in the last one
/// (`[Server=...,RequestId=...,TimeStamp=Mon, 16 Nov 2026 09:14:03 GMT]`, often wrapped inside
/// the token): the message is held until its block ends, and dated by that time when the block
/// has one, by the entry's time otherwise.
struct ErrorBlock {
    private var held: (text: [UInt8], line: Int, context: DatedTime?)?

    /// Takes a finished console record: a cmdlet error is held, a line of the held error's block
    /// goes out (and, holding the server's time, lets the error out dated by it), anything else
    /// ends the block.
    mutating func take(_ text: UnsafeRawBufferPointer, line: Int, context: DatedTime?, timestamps: TimestampParser,
                       emit: (FramerEvent) -> Void) {
        let content = UnsafeRawBufferPointer(rebasing: text[(text.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? text.count)...])
        if ConsoleFramer.isCmdletErrorStart(content) {
            release(emit)
            held = (Array(text), line, context)
            return
        }
        guard held != nil, Self.isBlockLine(content) else {
            release(emit)
            Self.emit(text, line: line, context: context, emit)
            return
        }
        Self.emit(text, line: line, context: context, emit)
        if let server = Self.serverTime(in: text, timestamps) { release(emit, time: DatedTime(date: server, evidence: .serverTimeStamp)) }
    }

    /// Lets the held error out (the input ended, or its block did).
    mutating func release(_ emit: (FramerEvent) -> Void, time: DatedTime? = nil) {
        guard let error = held else { return }
        held = nil
        error.text.withUnsafeBytes { Self.emit($0, line: error.line, context: time ?? error.context, emit) }
    }

    private static func emit(_ text: UnsafeRawBufferPointer, line: Int, context: DatedTime?, _ emit: (FramerEvent) -> Void) {
        emit(.record(FramedRecord(text: text, line: line, recordTime: nil, contextTime: context?.date,
                                  contextEvidence: context?.evidence ?? .lineAbove)))
    }

    /// `At line:1 char:1`, `+ New-Mailbox ...`, `+ ~~~~`, `+ CategoryInfo : ...`.
    private static func isBlockLine(_ content: UnsafeRawBufferPointer) -> Bool {
        content.starts(with: "+ ".utf8) || content.starts(with: "At ".utf8) || content.first == UInt8(ascii: "~")
    }

    /// The time after `TimeStamp=` in a `FullyQualifiedErrorId` (RFC 1123 or the server's locale).
    private static func serverTime(in text: UnsafeRawBufferPointer, _ timestamps: TimestampParser) -> Date? {
        let marker = Array("TimeStamp=".utf8)
        guard text.count > marker.count, let start = (0...(text.count - marker.count)).first(where: { index in
            marker.indices.allSatisfy { text[index + $0] == marker[$0] }
        }) else { return nil }
        let after = UnsafeRawBufferPointer(rebasing: text[(start + marker.count)...].prefix(64))
        return timestamps.firstTimestamp(in: after).flatMap { $0.offset == 0 ? $0.date : nil }
    }
}
