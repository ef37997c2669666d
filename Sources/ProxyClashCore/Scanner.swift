import Foundation

/// Progress of a running scan, for a progress line.
public struct ScanProgress: Sendable {
    public let inputsDone: Int
    public let inputsTotal: Int
    public let bytes: Int
    public let currentPath: String
}

/// One worker's scanner: opens each input and runs its search (``InputScan``: decode, detect,
/// frame, find candidates), whose records go to a sink that matches, dates and collects them
/// (``FindingSink``). It owns its PCRE2 match data and buffers; ``ParallelScanner`` runs several
/// and merges their results.
public final class Scanner {
    let settings: SearchSettings
    let opener = InputOpener()
    var options: ScanOptions { settings.options }

    public init(catalog: PatternCatalog, options: ScanOptions = ScanOptions()) {
        settings = SearchSettings(catalog: catalog, options: options)
    }

    /// Scans one input (every member, for a tar or zip archive); unreadable inputs yield a result
    /// holding only the diagnostic.
    /// - Parameters:
    ///   - onDiagnostic: called with each warning and error as it happens.
    ///   - progress: called with the bytes read so far.
    public func scan(_ item: InputItem, onDiagnostic: ((Diagnostic) -> Void)? = nil, progress: ((Int) -> Void)? = nil) -> ScanResult {
        var result: ScanResult
        do throws(InputError) {
            switch try opener.open(item) {
            case let .stream(source, compression):
                result = scan(source: source, path: item.displayPath, compression: compression, onDiagnostic: onDiagnostic, progress: progress)
            case let .archive(reader):
                result = scanArchive(reader, displayPath: item.displayPath, onDiagnostic: onDiagnostic, progress: progress)
            }
        } catch {
            return unreadable(item.displayPath, error, onDiagnostic: onDiagnostic)
        }
        result.clipSpans(to: options.window)
        return result
    }

    /// Scans one byte range of a big plain file (see `FileSplitter`); line numbers in the result
    /// count from the range's first line, and the caller shifts them.
    func scan(_ item: InputItem, range: Range<Int>, onDiagnostic: ((Diagnostic) -> Void)?, progress: ((Int) -> Void)?) -> ScanResult {
        do {
            let source = try FileRangeByteSource(path: item.fileSystemPath!, range: range)
            return scan(source: source, path: item.displayPath, format: range.lowerBound == 0 ? nil : .lines,
                        offset: range.lowerBound, onDiagnostic: onDiagnostic, progress: progress)
        } catch {
            return unreadable(item.displayPath, error, onDiagnostic: onDiagnostic)
        }
    }

    /// Scans raw (still encoded) bytes from `source`, reporting places as `path:line`.
    /// - Parameters:
    ///   - format: read as this format instead of detecting it (`--input-format` still wins).
    ///   - offset: where `source` starts in its file (a part of a split file), for byte offsets in diagnostics.
    ///   - compression: the compressors `source` was unwrapped from (see ``InputSummary/compression``).
    public func scan(source: ByteSource, path: String, compression: String? = nil, format: InputFormat? = nil, offset: Int = 0,
                     onDiagnostic: ((Diagnostic) -> Void)? = nil, progress: ((Int) -> Void)? = nil) -> ScanResult {
        InputScan.run(source, path: path, compression: compression, format: format, offset: offset,
                      settings: settings, onDiagnostic: onDiagnostic, progress: progress)
    }

    /// A result holding only "could not be read" for `path`.
    func unreadable(_ path: String, _ error: InputError, onDiagnostic: ((Diagnostic) -> Void)?) -> ScanResult {
        only(Diagnostic(path: path, category: .unreadableInput, message: error.description), status: .unreadable, onDiagnostic: onDiagnostic)
    }

    /// A result holding only "damaged: the rest not read" for `path` (what was read before stays
    /// in the results it was merged with).
    func damaged(_ path: String, _ message: String, onDiagnostic: ((Diagnostic) -> Void)?) -> ScanResult {
        var result = ScanResult()
        let diagnostic = Diagnostic(path: path, category: .damagedInput, message: message)
        result.diagnostics.record(diagnostic)
        onDiagnostic?(diagnostic)
        return result
    }

    /// A result holding only "not scanned" for `path`.
    func skipped(_ path: String, _ message: String, onDiagnostic: ((Diagnostic) -> Void)?) -> ScanResult {
        only(Diagnostic(path: path, category: .skippedInput, message: message), status: .skipped, onDiagnostic: onDiagnostic)
    }

    private func only(_ diagnostic: Diagnostic, status: InputSummary.Status, onDiagnostic: ((Diagnostic) -> Void)?) -> ScanResult {
        var result = ScanResult()
        result.diagnostics.record(diagnostic)
        onDiagnostic?(diagnostic)
        result.statistics.skipped = 1
        result.inputs = [InputSummary(path: diagnostic.path, status: status, encoding: nil, format: nil, compression: nil, bytes: 0, lines: 0)]
        return result
    }
}
