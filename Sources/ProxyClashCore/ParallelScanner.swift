import Foundation

/// Scans inputs on several workers at once: each worker is a ``Scanner`` of its own (its own
/// PCRE2 match data and buffers) and takes the next input when it is done with one. Results are
/// merged in input order, so the report is the same for any number of jobs.
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
    ///   - onDiagnostic: called with warnings and errors as they happen, from any worker.
    ///   - progress: called with the running totals, from any worker.
    public func scan(_ items: [InputItem], onDiagnostic: (@Sendable (Diagnostic) -> Void)? = nil,
                     progress: (@Sendable (ScanProgress) -> Void)? = nil) -> ScanResult {
        let workers = min(jobs, items.count)
        let shared = SharedScanState(count: items.count)
        let work: @Sendable (Int) -> Void = { _ in
            let scanner = Scanner(catalog: catalog, options: options)
            scanner.onDiagnostic = onDiagnostic
            while let index = shared.nextIndex() {
                var reported = 0
                let result = scanner.scan(items[index]) { bytes in
                    let total = shared.addBytes(bytes - reported)
                    reported = bytes
                    progress?(ScanProgress(inputsDone: shared.done, inputsTotal: items.count, bytes: total, currentPath: items[index].displayPath))
                }
                shared.store(result, at: index)
            }
        }
        if workers <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return shared.merged()
    }
}

/// The state workers share: the next input to take, byte totals, and each input's result.
private final class SharedScanState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var bytes = 0
    private var results: [ScanResult?]
    private var finished = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// Inputs finished so far.
    var done: Int { lock.withLock { finished } }

    func nextIndex() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
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

    func store(_ result: ScanResult, at index: Int) {
        lock.withLock {
            results[index] = result
            finished += 1
        }
    }

    /// Every input's result, merged in input order.
    func merged() -> ScanResult {
        lock.withLock {
            results.reduce(into: ScanResult()) { merged, result in
                if let result { merged.merge(result) }
            }
        }
    }
}
