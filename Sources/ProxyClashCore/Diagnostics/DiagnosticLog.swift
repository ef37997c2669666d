/// Collects diagnostics with a bound on memory: every diagnostic is counted by category, and the
/// first `samplesPerCategory` of each category are kept in full.
public struct DiagnosticLog: Sendable {
    /// How many diagnostics of one category are kept verbatim.
    package let samplesPerCategory: Int
    public private(set) var counts: [DiagnosticCategory: Int] = [:]
    private var samples: [DiagnosticCategory: [Diagnostic]] = [:]

    package init(samplesPerCategory: Int = 50) {
        self.samplesPerCategory = samplesPerCategory
    }

    package mutating func record(_ diagnostic: Diagnostic) {
        count(diagnostic.category)
        if keeps(diagnostic.category) {
            samples[diagnostic.category, default: []].append(diagnostic)
        }
    }

    /// True while diagnostics of `category` are still kept in full (not only counted).
    package func keeps(_ category: DiagnosticCategory) -> Bool {
        (samples[category]?.count ?? 0) < samplesPerCategory
    }

    /// Counts one diagnostic of `category` without keeping it (its sample list is full).
    package mutating func count(_ category: DiagnosticCategory) {
        counts[category, default: 0].addSaturating(1)
    }

    /// Kept diagnostics, ordered by category, then path and line.
    public var entries: [Diagnostic] {
        samples.keys.sorted().flatMap { category in
            samples[category]!.sorted { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
        }
    }

    /// True when any error-severity diagnostic was recorded.
    public var hasErrors: Bool { counts.contains { $0.key.severity == .error && $0.value > 0 } }

    /// Adds `offset` to the line of every kept diagnostic about `path`.
    mutating func shiftLines(of path: String, by offset: Int) {
        for category in samples.keys {
            samples[category] = samples[category]!.map {
                guard $0.path == path, let line = $0.line else { return $0 }
                return Diagnostic(path: path, line: line + offset, category: $0.category, message: $0.message)
            }
        }
    }

    /// Adds diagnostics counted elsewhere (a report from another machine): `counts` may exceed
    /// the `samples` given, as a report keeps only the first ones of each category.
    package mutating func merge(counts: [DiagnosticCategory: Int], samples: [Diagnostic]) {
        var other = DiagnosticLog(samplesPerCategory: samplesPerCategory)
        other.counts = counts
        for sample in samples where other.samples[sample.category, default: []].count < samplesPerCategory {
            other.samples[sample.category, default: []].append(sample)
        }
        merge(other)
    }

    /// Combines two logs (scans of different inputs); keeps the earliest samples of each category.
    package mutating func merge(_ other: DiagnosticLog) {
        for (category, count) in other.counts { counts[category, default: 0].addSaturating(count) }
        for (category, list) in other.samples {
            var combined = samples[category, default: []] + list
            combined.sort { ($0.path, $0.line ?? 0, $0.message) < ($1.path, $1.line ?? 0, $1.message) }
            samples[category] = Array(combined.prefix(samplesPerCategory))
        }
    }
}
