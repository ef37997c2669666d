import Foundation

/// Scans inputs on several workers at once: each worker is a ``Scanner`` of its own (its own
/// PCRE2 match data and buffers) and takes the next piece of work when it is done with one. A
/// piece is a whole input, or a range of a big plain log (`FileSplitter`), so one big file also
/// uses every core. Results are merged in input order (ranges joined with their line numbers
/// shifted), so the report is the same for any number of jobs.
public struct ParallelScanner: Sendable {
    public let catalog: PatternCatalog
    public let options: ScanOptions
    /// Number of workers (1: scan on the calling thread).
    public let jobs: Int

    public init(catalog: PatternCatalog, options: ScanOptions = ScanOptions(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.catalog = catalog
        self.options = options
        self.jobs = max(1, jobs)
    }

    /// Scans `items`.
    /// - Parameters:
    ///   - onDiagnostic: called with warnings and errors: with one worker as they happen; with
    ///     several, an input's once it is done and those of every input before it were told, so
    ///     they come in input order whichever worker finished first (and a split file's with the
    ///     line numbers of the whole file).
    ///   - progress: called with the running totals, from any worker.
    public func scan(_ items: [InputItem], onDiagnostic: (@Sendable (Diagnostic) -> Void)? = nil,
                     progress: (@Sendable (ScanProgress) -> Void)? = nil) -> ScanResult {
        let splitter = FileSplitter(minimumPartSize: options.splitMinimumBytes)
        // A file is split only when it is more than half a worker's share of all the bytes: eight
        // equal files keep two workers busy whole, one big file among small ones is split.
        let sizes = items.map { $0.fileSystemPath.flatMap(FileByteSource.regularFileSize(atPath:)) ?? 0 }
        let share = sizes.reduce(0, +) / (2 * jobs)
        let units: [WorkUnit] = items.enumerated().flatMap { index, item in
            guard jobs > 1, sizes[index] > share, let ranges = splitter.ranges(of: item, parts: jobs * 2, options: options) else {
                return [WorkUnit(item: index, range: nil, part: 0, parts: 1)]
            }
            return ranges.enumerated().map { WorkUnit(item: index, range: $1, part: $0, parts: ranges.count) }
        }
        let shared = SharedScanState(units: units, itemCount: items.count, onDiagnostic: onDiagnostic)
        let concurrent = min(jobs, units.count) > 1
        let work: @Sendable (Int) -> Void = { _ in
            let scanner = Scanner(catalog: catalog, options: options)
            while let unitIndex = shared.nextUnit() {
                let unit = units[unitIndex]
                let item = items[unit.item]
                let held = HeldDiagnostics()
                // With several workers, diagnostics wait for their turn in input order (and a
                // range's for the whole file, their line numbers shifted).
                let tell: ((Diagnostic) -> Void)?
                if concurrent {
                    tell = { held.add($0) }
                } else {
                    tell = onDiagnostic
                }
                var reported = 0
                let report: (Int) -> Void = { bytes in
                    let total = shared.addBytes(bytes - reported)
                    reported = bytes
                    progress?(ScanProgress(inputsDone: shared.done, inputsTotal: items.count, bytes: total, currentPath: item.displayPath))
                }
                let result: ScanResult
                if let range = unit.range {
                    result = scanner.scan(item, range: range, onDiagnostic: tell, progress: report)
                } else {
                    result = scanner.scan(item, onDiagnostic: tell, progress: report)
                }
                shared.store(result, deferred: held.diagnostics, unit: unitIndex)
            }
        }
        if !concurrent {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: min(jobs, units.count), execute: work)
        }
        var result = shared.merged(incidentLimit: options.maxIncidents)
        // Once the ranges of a split file are joined: clipping each range first would make the
        // span depend on where the file was split (on --jobs).
        result.clipSpans(to: options.window)
        if result.incidents.droppedFindings > 0 {
            let diagnostic = Diagnostic(path: items.count == 1 ? items[0].displayPath : "(all inputs)", category: .incidentLimit,
                                        message: "more than \(options.maxIncidents) distinct incidents: \(result.incidents.droppedFindings) finding(s) of further incidents were counted, not kept (raise --max-incidents)")
            result.diagnostics.record(diagnostic)
            onDiagnostic?(diagnostic)
        }
        return result
    }
}

/// Warnings of a unit, held until their input's turn (at most 1,000; the report counts all).
private final class HeldDiagnostics {
    private(set) var diagnostics: [Diagnostic] = []
    func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < 1000 { diagnostics.append(diagnostic) }
    }
}

/// One piece of work: a whole input, or one range of a split file.
private struct WorkUnit: Sendable {
    let item: Int
    let range: Range<Int>?
    let part: Int
    let parts: Int
}

/// What workers share: the next unit to take, byte totals, and each unit's result.
private final class SharedScanState: @unchecked Sendable {
    private let lock = NSLock()
    private let units: [WorkUnit]
    private let onDiagnostic: (@Sendable (Diagnostic) -> Void)?
    private var next = 0
    private var bytes = 0
    private var results: [ScanResult?]
    private var deferred: [[Diagnostic]]
    private var partsDone: [Int]
    private var items: [ScanResult?]
    private var finished = 0
    /// Held diagnostics of each finished input, until those of every input before it are told.
    private var waiting: [[Diagnostic]?]
    /// The first input whose diagnostics are not told yet.
    private var nextToTell = 0

    init(units: [WorkUnit], itemCount: Int, onDiagnostic: (@Sendable (Diagnostic) -> Void)?) {
        self.units = units
        self.onDiagnostic = onDiagnostic
        results = Array(repeating: nil, count: units.count)
        deferred = Array(repeating: [], count: units.count)
        partsDone = Array(repeating: 0, count: itemCount)
        items = Array(repeating: nil, count: itemCount)
        waiting = Array(repeating: nil, count: itemCount)
    }

    /// Inputs finished so far.
    var done: Int { lock.withLock { finished } }

    func nextUnit() -> Int? {
        lock.withLock {
            guard next < units.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func addBytes(_ delta: Int) -> Int {
        lock.withLock {
            bytes += delta
            return bytes
        }
    }

    /// Keeps a unit's result; when it completes its input, joins the input's ranges, and tells
    /// the held diagnostics of every input now next in line (a range's with whole-file line
    /// numbers), under the lock so that workers finishing together keep the order.
    func store(_ result: ScanResult, deferred held: [Diagnostic], unit index: Int) {
        let unit = units[index]
        lock.withLock {
            results[index] = result
            deferred[index] = held
            partsDone[unit.item] += 1
            guard partsDone[unit.item] == unit.parts else { return }
            finished += 1
            let first = index - unit.part
            let parts = (first..<first + unit.parts).map { results[$0]! }
            items[unit.item] = unit.parts == 1 ? parts[0] : ScanResult.joining(ranges: parts)
            var shifted: [Diagnostic] = []
            var offset = 0
            for part in first..<first + unit.parts {
                shifted += deferred[part].map { diagnostic in
                    diagnostic.line.map { Diagnostic(path: diagnostic.path, line: $0 + offset, category: diagnostic.category, message: diagnostic.message) } ?? diagnostic
                }
                guard let summary = results[part]?.inputs.first else { break }
                offset += summary.lines
                if summary.status != .scanned { break }
            }
            waiting[unit.item] = shifted
            while nextToTell < waiting.count, let ready = waiting[nextToTell] {
                ready.forEach { onDiagnostic?($0) }
                waiting[nextToTell] = []
                nextToTell += 1
            }
        }
    }

    /// Every input's result, merged in input order.
    func merged(incidentLimit: Int) -> ScanResult {
        lock.withLock {
            items.reduce(into: ScanResult(incidentLimit: incidentLimit)) { merged, result in
                if let result { merged.merge(result) }
            }
        }
    }
}
