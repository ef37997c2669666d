import Foundation

/// Cuts CSV (RFC 4180 as `Export-Csv` writes it) into one record per row.
///
/// A `#TYPE ...` first line is skipped; the header row (a leading `#` allowed, as in
/// `Sync-MailPublicFolders` summaries) names the columns and picks the delimiter and the time
/// column. Quoted cells may hold delimiters, doubled quotes (`""SMTP:x@y""`) and line breaks.
/// A row's text is its unescaped cells joined by newlines, so no pattern spans two cells; the
/// row's place is its first line. Rows are cut at `maxRecordLength` bytes, with a diagnostic; an
/// unterminated quote at the end of the input is reported as damage, keeping the rows before it.
struct CSVFramer: RecordFramer {
    private let timestamps: TimestampParser
    private let delimiter: UInt8
    private var header: [String]?
    private var timeColumn: Int?
    private var sawFirstLine = false
    private var skippingLine = false
    private var inQuotes = false
    private var cellStartsHere = true
    private var row: BoundedRecord
    private var rowLine = 0
    private var cellIndex = 0
    private var cellStart = 0
    /// Bytes of `row` holding the time column.
    private var rowTimeRange: Range<Int>?
    private var line = 1

    /// - Parameter head: the start of the input, to find the header line and its delimiter.
    init(timestamps: TimestampParser, maxRecordLength: Int, head: Substring) {
        self.timestamps = timestamps
        row = BoundedRecord(limit: maxRecordLength)
        let lines = head.split(maxSplits: 2, omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let headerLine = lines.first { !$0.hasPrefix("#TYPE ") } ?? ""
        delimiter = CSVDialect.delimiter(in: headerLine) ?? UInt8(ascii: ",")
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, firstLine: Int, emit: (FramerEvent) -> Void) {
        line = firstLine
        var index = 0
        while index < chunk.count {
            let byte = chunk[index]
            index += 1
            if !sawFirstLine {
                sawFirstLine = true
                if chunk.count >= 6, String(decoding: chunk.prefix(6), as: UTF8.self) == "#TYPE " { skippingLine = true }
            }
            if skippingLine {
                if byte == UInt8(ascii: "\n") { skippingLine = false; line += 1 }
                continue
            }
            if row.isEmpty, cellIndex == 0, cellStartsHere, !inQuotes { rowLine = line }
            if inQuotes, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
                // Plain cell text: copy the run up to the next quote or line break at once.
                var end = index
                while end < chunk.count, chunk[end] != UInt8(ascii: "\""), chunk[end] != UInt8(ascii: "\n"), chunk[end] != UInt8(ascii: "\r") { end += 1 }
                row.appendPrefix(UnsafeRawBufferPointer(rebasing: chunk[(index - 1)..<end]))
                index = end
                continue
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < chunk.count, chunk[index] == UInt8(ascii: "\"") {
                        row.append(UInt8(ascii: "\""))
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else if byte == UInt8(ascii: "\r"), index < chunk.count, chunk[index] == UInt8(ascii: "\n") {
                    continue  // CRLF inside a cell: keep the LF only
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    row.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where cellStartsHere:
                inQuotes = true
                cellStartsHere = false
            case delimiter:
                endCell()
                row.append(UInt8(ascii: "\n"))
                cellStart = row.count
                cellStartsHere = true
            case UInt8(ascii: "\r") where index < chunk.count && chunk[index] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                endRow(emit)
                line += 1
            default:
                if byte == UInt8(ascii: "#"), header == nil, row.isEmpty, cellIndex == 0, cellStartsHere { break }  // `#Timestamp,...` header
                cellStartsHere = false
                row.append(byte)
            }
        }
    }

    mutating func finish(emit: (FramerEvent) -> Void) {
        if inQuotes {
            emit(.problem(line: rowLine, category: .damagedInput,
                          message: "CSV quoted cell opened in the row starting here is never closed; that row was scanned as far as the end of the input"))
            inQuotes = false
        }
        if !row.isEmpty || cellIndex > 0 { endRow(emit) }
    }


    private mutating func endCell() {
        if header != nil, cellIndex == timeColumn { rowTimeRange = cellStart..<row.count }
        cellIndex += 1
    }

    private mutating func endRow(_ emit: (FramerEvent) -> Void) {
        endCell()
        if header == nil {
            let names = row.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            header = names
            timeColumn = CSVDialect.timeColumn(in: names)
        } else {
            if let problem = row.overlongProblem("CSV row", line: rowLine) { emit(problem) }
            row.withUnsafeBytes { text in
                let time = rowTimeRange.map { RecordTime.inText($0, timestamps) } ?? .known(nil)
                emit(.record(FramedRecord(text: text, line: rowLine, ownTime: time)))
            }
        }
        row.reset()
        cellIndex = 0
        cellStart = 0
        cellStartsHere = true
        rowTimeRange = nil
    }
}
