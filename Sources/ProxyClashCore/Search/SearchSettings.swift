import PCRE2

/// What every input scan of one worker shares: the options, the untuned prefilters, the record
/// matcher (one PCRE2 matcher per pattern), the time parser and the line reader's buffer.
struct SearchSettings {
    let options: ScanOptions
    let prefilter: LiteralPrefilter
    let wrapPrefilter: LiteralPrefilter
    let matcher: RecordMatcher
    let dating: RecordDating
    /// The line reader's buffer, kept from one input to the next.
    let readStorage = LineReader.Storage()
    /// How much of an input is looked at before it is scanned: format, fingerprints, line starts.
    static let headSize = 64 * 1024

    init(catalog: PatternCatalog, options: ScanOptions) {
        self.options = options
        let context = MatchContext(matchLimit: options.matchLimit)
        let timestamps = TimestampParser(timeZone: options.timeZone, context: context)
        dating = RecordDating(timestamps: timestamps, lookbackLines: options.timestampLookbackLines)
        matcher = RecordMatcher(catalog: catalog, context: context, timestamps: timestamps)
        prefilter = LiteralPrefilter(literals: catalog.patterns.flatMap(\.definition.prefilter))
        wrapPrefilter = prefilter.halves()
    }

    /// The framer for a format that is not read line by line (nil for `lines`).
    func makeFramer(_ format: InputFormat, head: UnsafeRawBufferPointer) -> (any RecordFramer)? {
        let timestamps = dating.timestamps
        let limit = options.maxRecordLength
        return switch format {
        case .lines: nil
        case .console: ConsoleFramer(timestamps: timestamps, maxRecordLength: limit)
        case .csv: CSVFramer(timestamps: timestamps, maxRecordLength: limit, head: Substring(String(decoding: head.prefix(64 * 1024), as: UTF8.self)))
        case .json: JSONFramer(timestamps: timestamps, maxRecordLength: limit)
        case .email: EmailFramer(timestamps: timestamps, maxRecordLength: limit)
        case .xml: XMLFramer(timestamps: timestamps, maxRecordLength: limit)
        }
    }
}
