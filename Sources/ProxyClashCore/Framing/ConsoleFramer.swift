internal import CStringSearch
import Foundation

/// Joins PowerShell console output back into messages.
///
/// Windows PowerShell wraps error text at the console width: word wraps drop the space at the
/// break, hard wraps cut inside a word (`TimeStamp=Tue, 28 M` / `   ar 2023`). A line continues
/// the record above it when that line was wrapped (at least 80 characters and within 25 of the
/// widest line so far) and it does not itself start a record (a timestamp, a prompt, `+ ...`,
/// `At ...`, `Verb-Noun : ...`, a blank line). The join adds a space, except after a hard wrap:
/// a line exactly as wide as the console (a usual width, or one seen twice) that ends inside a
/// word, address or path and goes on at column 0 inside it (`contoso.` / `com`). An indented
/// continuation is joined with one space, whatever its indent.
/// Lines that start with a timestamp are entry headers: their time goes to the records after them.
/// The command typed at a prompt (`PS C:\> Set-Mailbox ...`) goes to the records after it, until
/// the next prompt or transcript header.
/// Format-List output (`Name : value` lines) becomes one record per object (``PropertyListBlock``).
struct ConsoleFramer: RecordFramer {
    private let timestamps: TimestampParser
    private let maxRecordLength: Int
    private var pending: [UInt8] = []
    private var pendingLine = 0
    private var pendingTime: DatedTime?
    private var headerTime: DatedTime?
    private var command: String?
    private var pendingCommand: String?
    private var previousLength = 0
    private var previousEndsInWord = false
    private var previousEndsInStop = false
    private var widest = 0
    private var lengthCounts: [Int: Int] = [:]
    private var list = PropertyListBlock()
    private var errorBlock = ErrorBlock()

    static let usualWidths: Set<Int> = [80, 100, 120, 132, 140, 150, 160, 180, 200, 220, 240, 250]

    init(timestamps: TimestampParser, maxRecordLength: Int) {
        self.timestamps = timestamps
        self.maxRecordLength = maxRecordLength
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, firstLine: Int, emit: (FramerEvent) -> Void) {
        Lines.forEach(in: chunk, firstLine: firstLine) { line, number in handle(line, number: number, emit: emit) }
    }

    mutating func finish(emit: (FramerEvent) -> Void) {
        flush(emit)
        flushList(emit)
        errorBlock.release(emit)
    }

    private mutating func handle(_ line: UnsafeRawBufferPointer, number: Int, emit: (FramerEvent) -> Void) {
        let indent = line.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        let content = UnsafeRawBufferPointer(rebasing: line[indent...])
        if takeListing(line, indent: indent, number: number, emit: emit) {
            noteWidth(of: line)
            return
        }
        guard !content.isEmpty else {
            flush(emit)
            previousLength = 0
            return
        }
        let header = Self.headerTime(of: line, timestamps).map { DatedTime(date: $0, evidence: .lineAbove) }
            ?? Self.transcriptStartTime(of: line, timestamps).map { DatedTime(date: $0, evidence: .header) }
        let startsRecord = header != nil || Self.startsRecord(line: line, content: content, indent: indent)
        if let header { headerTime = header }
        noteCommand(line)
        let wrapped = previousLength >= 80 && previousLength >= widest - 25
        let continues = !pending.isEmpty && !startsRecord && (wrapped || pending.withUnsafeBytes { Self.holderFollows($0, on: content) })
        if continues, pending.count + line.count + 1 <= maxRecordLength {
            let fullWidth = previousLength == widest && (Self.usualWidths.contains(widest) || lengthCounts[widest, default: 0] >= 2)
            if fullWidth, indent == 1 {
                // Cut at the console width right before a space: the space is the message's own.
                pending.append(contentsOf: line)
            } else {
                // A console cuts at column 0 of the next line: a line indented more was wrapped by
                // whoever wrote the log, and is joined with one space. After a full stop only a
                // lower-case letter or digit goes on inside a token (`contoso.` / `com`), not a
                // sentence (`...@contoso.com.` / `All values...`).
                let hardWrap = fullWidth && indent == 0 && previousEndsInWord && Self.continuesToken(content[0])
                    && (!previousEndsInStop || Self.isLowercaseOrDigit(content[0]))
                if !hardWrap, pending.last != UInt8(ascii: " ") { pending.append(UInt8(ascii: " ")) }
                pending.append(contentsOf: content)
            }
        } else {
            if continues {
                emit(.problem(line: pendingLine, category: .overlongRecord,
                              message: "wrapped message longer than \(maxRecordLength) bytes: split at line \(number)"))
            }
            flush(emit)
            pending.append(contentsOf: line.prefix(maxRecordLength))
            pendingLine = number
            pendingTime = headerTime
            pendingCommand = command
        }
        noteWidth(of: line)
    }

    /// Keeps what the wrap rules need to know of a non-blank line: its width, the widest so far,
    /// and whether it ends inside a word.
    /// A prompt line (`PS C:\> ...`) is never wrapped in a transcript: it does not say how wide
    /// the console is.
    private mutating func noteWidth(of line: UnsafeRawBufferPointer) {
        guard let last = line.last else { return }
        let length = Self.characterCount(line)
        if !Self.isPrompt(line) {
            widest = max(widest, length)
            if length >= 80 { lengthCounts[length, default: 0] += 1 }
        }
        previousLength = length
        previousEndsInWord = Self.continuesToken(last)
        previousEndsInStop = last == UInt8(ascii: ".")
    }

    /// A Format-List property line, or a continuation of the value above, goes to the open
    /// block (true); any other line ends the block (false, and the line is handled as usual).
    private mutating func takeListing(_ line: UnsafeRawBufferPointer, indent: Int, number: Int, emit: (FramerEvent) -> Void) -> Bool {
        if indent == 0, let colon = PropertyListBlock.colon(of: line) {
            flush(emit)
            if list.takes(line, colon: colon) {
                list.addProperty(line, colon: colon)
            } else {
                flushList(emit)
                list.start(line, colon: colon, number: number)
            }
        } else if list.isContinuation(line, indent: indent) {
            list.addContinuation(line)
        } else {
            flushList(emit)
            return false
        }
        if list.length > maxRecordLength {
            emit(.problem(line: list.firstLine, category: .overlongRecord,
                          message: "property list longer than \(maxRecordLength) bytes: split at line \(number)"))
            flushList(emit)
        }
        return true
    }

    /// Hands out the open Format-List block as one record, timed by its first time property.
    private mutating func flushList(_ emit: (FramerEvent) -> Void) {
        guard list.isOpen else { return }
        let block = list.finish()
        block.text.withUnsafeBytes { text in
            emit(.record(FramedRecord(text: text, line: block.line, ownTime: .values(block.timeValues, timestamps),
                                      contextTime: .known(headerTime?.date), contextEvidence: headerTime?.evidence ?? .lineAbove)))
        }
    }

    private mutating func flush(_ emit: (FramerEvent) -> Void) {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { text in
            errorBlock.take(text, line: pendingLine, context: pendingTime, command: pendingCommand, timestamps: timestamps, emit: emit)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// A prompt line sets the command the records after it belong to (none after a bare prompt);
    /// a transcript's `****` separator ends it.
    private mutating func noteCommand(_ line: UnsafeRawBufferPointer) {
        if Self.isPrompt(line), let prompt = line.prefix(256).firstIndex(of: UInt8(ascii: ">")) {
            let typed = String(decoding: line[(prompt + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            command = typed.isEmpty ? nil : typed
        } else if line.starts(with: "***".utf8) {
            command = nil
        }
    }

    /// A transcript header's `Start time: 20261116091222` (the host's local time, read in the
    /// parser's zone, `--timezone`): the time of the records after it until an entry says better.
    private static func transcriptStartTime(of line: UnsafeRawBufferPointer, _ timestamps: TimestampParser) -> Date? {
        let label = "Start time: ".utf8
        guard line.starts(with: label) else { return nil }
        return timestamps.compactTime(UnsafeRawBufferPointer(rebasing: line[label.count...]))
    }

    /// The time of an entry header: a line that starts with a timestamp.
    private static func headerTime(of line: UnsafeRawBufferPointer, _ timestamps: TimestampParser) -> Date? {
        // A time that starts the line fits in its first 64 bytes: the rest is not searched.
        timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: line.prefix(64))).flatMap { $0.offset <= 1 ? $0.date : nil }
    }

    /// True when `line` may continue the wrapped `previous` line: `previous` is console-wide
    /// (80 characters or more) and `line` is not blank and does not start a record of its own.
    /// The plain-lines path uses it to find the few wrapped messages in a log.
    /// - Parameter message: the lines joined so far, `previous` last (when they are known), for
    ///   a holder whose quote opened lines above.
    static func mayContinue(_ line: UnsafeRawBufferPointer, after previous: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer? = nil,
                            _ timestamps: TimestampParser) -> Bool {
        let indent = line.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        let content = UnsafeRawBufferPointer(rebasing: line[indent...])
        guard (previous.count >= 80 && holdsCharacters(80, previous)) || holderFollows(message ?? previous, on: content) else { return false }
        guard !content.isEmpty else { return false }
        // Most lines of a timestamped log start with an ISO time: known without the parser.
        guard !TimestampParser.startsWithISOTime(line) else { return false }
        return headerTime(of: line, timestamps) == nil && !startsRecord(line: line, content: content, indent: indent)
    }

    /// Lines that begin something new rather than continue a wrapped message.
    private static func startsRecord(line: UnsafeRawBufferPointer, content: UnsafeRawBufferPointer, indent: Int) -> Bool {
        let text = String(decoding: content.prefix(48), as: UTF8.self)
        if text.hasPrefix("+ ") || text.hasPrefix("~") || text.hasPrefix("***") { return true }
        guard indent == 0 else { return false }
        if isPrompt(line) { return true }
        // A JSON object or array (a REST response a script wrote into its log) is its own record.
        if Lines.startsJSON(content) { return true }
        if text.hasPrefix("At "), String(decoding: line, as: UTF8.self).contains(" char:") { return true }
        return isCmdletErrorStart(content)
    }

    /// `PS C:\> ...`: a prompt and the command typed after it.
    private static func isPrompt(_ line: UnsafeRawBufferPointer) -> Bool {
        line.starts(with: "PS ".utf8) && line.prefix(256).contains(UInt8(ascii: ">"))
    }

    /// `New-Mailbox : ...`, `Write-ErrorMessage: ...`: a cmdlet's error (`Verb-Noun :`).
    static func isCmdletErrorStart(_ text: UnsafeRawBufferPointer) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { byte | UInt8(ascii: " ") >= UInt8(ascii: "a") && byte | UInt8(ascii: " ") <= UInt8(ascii: "z") }
        var index = 0
        var sawDash = false
        guard let first = text.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        while index < text.count, index < 64 {
            let byte = text[index]
            if isLetter(byte) {
                index += 1
            } else if byte == UInt8(ascii: "-"), !sawDash, index > 0, index + 1 < text.count, text[index + 1] >= UInt8(ascii: "A"), text[index + 1] <= UInt8(ascii: "Z") {
                sawDash = true
                index += 1
            } else {
                break
            }
        }
        guard sawDash, index < text.count else { return false }
        if text[index] == UInt8(ascii: " ") { index += 1 }
        return index + 1 < text.count && text[index] == UInt8(ascii: ":") && text[index + 1] == UInt8(ascii: " ")
    }

    /// A byte of a word or of an address, domain or path (`.`, `@`, `/`, `\`, `_`, `-`): a hard
    /// wrap between two of them cut a token (`contoso.` / `com`, `onmicrosoft.com/` / `Jo Kim`).
    private static func continuesToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...:
            true
        case UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// Characters (Unicode scalars) in UTF-8 text: bytes that do not continue a sequence.
    private static func characterCount(_ text: UnsafeRawBufferPointer) -> Int {
        text.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// True when `text` has at least `count` characters (as ``characterCount(_:)`` counts them),
    /// counting only as far as needed: most lines of a log are well past a console's width.
    /// Where a message that stops short of its holder stands: right before it (`... is already
    /// being used by`), or inside it (`used by "NAMPR05A001.../Microsoft Exchange Hosted`, the
    /// quote not closed yet, this many bytes of it read).
    enum OpenHolder: Equatable {
        case before
        case inside(length: Int)
    }

    /// Whether `text` (a message so far, only its last 2 KiB read) stops where Exchange's message
    /// always goes on with its quoted holder. A wrap right before or inside a long holder leaves a
    /// line far shorter than the console, which the width rule alone would not join.
    static func openHolder(_ text: UnsafeRawBufferPointer) -> OpenHolder? {
        let line = UnsafeRawBufferPointer(rebasing: text[max(0, text.count - 2048)...])
        func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        /// True when `phrase` (lower case) ends at `end`, in any case.
        func endsWith(_ phrase: StaticString, at end: Int) -> Bool {
            FieldNormalizer.spells(phrase, in: line, at: end - phrase.utf8CodeUnitCount)
        }
        var end = line.count
        while end > 0, isBlank(line[end - 1]) { end -= 1 }
        if endsWith("being used by", at: end) { return .before }
        // The last quote opens the holder: `used by` right before it (blanks and line breaks between).
        guard end > 0, let base = line.baseAddress, let found = memrchr(base, Int32(UInt8(ascii: "\"")), end) else { return nil }
        let quote = UnsafeRawPointer(found) - base
        var before = quote
        while before > 0, isBlank(line[before - 1]) { before -= 1 }
        return endsWith("used by", at: before) ? .inside(length: end - quote - 1) : nil
    }

    /// True when `content` (a line without its indentation) goes on with the holder that `message`
    /// stops short of: it starts with the holder's quote (`"` or `“`) when the message stops right
    /// before it, the open holder is not longer than any holder is, and what the line holds of the
    /// holder (up to its closing quote) says neither `proxy address` nor `being used by`: a
    /// truncated table row or log line that never closes its quote does not swallow the next
    /// message.
    static func holderFollows(_ message: UnsafeRawBufferPointer, on content: UnsafeRawBufferPointer) -> Bool {
        guard let open = openHolder(message) else { return false }
        var holder = content[...]
        switch open {
        case .before:
            if content.first == UInt8(ascii: "\"") {
                holder = content.dropFirst()
            } else if content.starts(with: [0xE2, 0x80, 0x9C]) {
                holder = content.dropFirst(3)
            } else {
                return false
            }
        case let .inside(length):
            guard length < 512 else { return false }
        }
        if let close = holder.firstIndex(of: UInt8(ascii: "\"")) { holder = holder[..<close] }
        let bytes = UnsafeRawBufferPointer(rebasing: holder).bindMemory(to: UInt8.self)
        return FieldNormalizer.byteRange(of: "proxy address", in: bytes, ignoringASCIICase: true) == nil
            && FieldNormalizer.byteRange(of: "being used by", in: bytes, ignoringASCIICase: true) == nil
    }

    private static func isLowercaseOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func holdsCharacters(_ count: Int, _ text: UnsafeRawBufferPointer) -> Bool {
        var found = 0
        for byte in text where byte & 0xC0 != 0x80 {
            found += 1
            if found >= count { return true }
        }
        return false
    }
}
