import Foundation

/// Decides when a record was written. In this order (README, "How conflicts are counted"):
///
/// 1. the time a pattern captured;
/// 2. the time a framer found for the record (a CSV time column, a JSON or XML time field, a
///    Format-List time property), or, for a JSON object on a line of its own in a text log, its
///    top-level time member (``EmbeddedJSON/ownTime(of:timestamps:)``);
/// 3. the first timestamp in the record's text (a time-only trace line takes its date from the
///    file name), except in a JSON line, whose nested times are not its own;
/// 4. the time around it: the framer's context (for a console error, the server's `TimeStamp=`
///    in its own error block (``ErrorBlock``), else the entry header above it, else the
///    transcript's `Start time:`; the object around a JSON record), else a timestamped line at most ``lookbackLines`` lines
///    above it (a log entry's header such as `[11/17/2026 9:40:12 AM] ...` or
///    `Date:          2026-11-18 02:30:11`: at most 32 bytes of label before the time);
/// 5. otherwise undated.
///
/// Step 1 happens in ``RecordMatcher`` as it extracts findings; ``date(_:record:recordTime:around:)``
/// does the rest, asking for the time around a record only when a finding is still undated.
struct RecordDating {
    let timestamps: TimestampParser
    let lookbackLines: Int

    /// Starts an input: a date in its file name (`trace-20261116-...log`) dates its time-only lines.
    func begin(input path: String) {
        timestamps.useFileName(path)
    }

    /// Gives each finding without a time of its own one, in the documented order (steps 2 to 4).
    /// - Parameter searchesText: step 3 applies (false for a JSON object on a line of its own:
    ///   a time in its text belongs to a nested object, such as an error's `innerError.date`).
    func date(_ findings: inout [Finding], record: UnsafeRawBufferPointer, recordTime: Date?, searchesText: Bool = true,
              around: () -> DatedTime?) {
        guard findings.contains(where: { $0.timestamp == nil }) else { return }
        let time = recordTime.map { DatedTime(date: $0, evidence: .recordField) } ?? (searchesText ? timeInText(record) : nil) ?? around()
        for index in findings.indices where findings[index].timestamp == nil {
            findings[index].timestamp = time?.date
            findings[index].datedBy = time?.evidence ?? .undated
        }
    }

    /// Step 3: the first timestamp in the text, or a time of day dated by the file name.
    private func timeInText(_ record: UnsafeRawBufferPointer) -> DatedTime? {
        guard let found = timestamps.firstTimestamp(in: record) else { return nil }
        return DatedTime(date: found.date, evidence: timestamps.lastWasDatedByFileName ? .fileName : .text)
    }

    /// The time that starts one of the first ``lookbackLines`` lines of `text` (the input's
    /// head): where the input's span of times begins.
    func firstLineTime(in text: UnsafeRawBufferPointer) -> Date? {
        timestamps.withoutAdvancing { firstLineTimeInOrder(text) }
    }

    private func firstLineTimeInOrder(_ text: UnsafeRawBufferPointer) -> Date? {
        var found: Date?
        var lines = 0
        Lines.forEach(in: text, firstLine: 1) { line, _ in
            guard found == nil, lines < lookbackLines else { return }
            lines += 1
            if let time = timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: line.prefix(96))), time.offset <= 32 { found = time.date }
        }
        return found
    }

    /// The time that starts one of the last ``lookbackLines`` lines of `text` (a chunk).
    func lastLineTime(in text: UnsafeRawBufferPointer) -> Date? {
        timeAbove(UnsafeRawBufferPointer(rebasing: text[text.count...]), in: text)
    }

    /// Step 4 without a framer: the timestamp that starts one of the few lines before `record` in
    /// `window` (the chunk with the context lines before it), else nil.
    func timeAbove(_ record: UnsafeRawBufferPointer, in window: UnsafeRawBufferPointer) -> Date? {
        timestamps.withoutAdvancing { timeAboveInOrder(record, in: window) }
    }

    private func timeAboveInOrder(_ record: UnsafeRawBufferPointer, in window: UnsafeRawBufferPointer) -> Date? {
        guard let recordBase = record.baseAddress, let windowBase = window.baseAddress else { return nil }
        var end = recordBase - windowBase  // start of the record = end of the previous line + 1
        for _ in 0..<lookbackLines {
            guard end > 0 else { return nil }
            let previousEnd = end - 1  // the newline ending the previous line
            let start = Lines.start(before: previousEnd, in: window, floor: 0)
            let line = UnsafeRawBufferPointer(rebasing: window[start..<previousEnd])
            if let found = timestamps.firstTimestamp(in: line), found.offset <= 32 { return found.date }
            end = start
        }
        return nil
    }
}
