import PCRE2

/// Runs every pattern's samples and counter-samples through the same prefilter and matcher a
/// scan uses (`proxyclash patterns check`, and the test suite).
package struct PatternChecker {
    /// One sample that did not behave as its pattern file says.
    package struct Failure: Sendable, CustomStringConvertible {
        package let patternID: String
        package let location: SourceLocation
        package let message: String
        package var description: String { "\(location): pattern '\(patternID)': \(message)" }
    }

    private let catalog: PatternCatalog

    package init(catalog: PatternCatalog) { self.catalog = catalog }

    /// Number of samples and counter-samples checked.
    package var sampleCount: Int {
        catalog.patterns.reduce(0) { $0 + $1.definition.samples.count + $1.definition.counterSamples.count }
    }

    /// Checks everything; an empty result means every sample passed.
    package func check() -> [Failure] {
        let context = MatchContext()
        let timestamps = TimestampParser(context: context)
        let matcher = RecordMatcher(catalog: catalog, context: context, timestamps: timestamps)
        let dating = RecordDating(timestamps: timestamps, lookbackLines: 0)
        let prefilter = LiteralPrefilter(literals: catalog.patterns.flatMap(\.definition.prefilter))
        var failures: [Failure] = []
        for pattern in catalog.patterns {
            let definition = pattern.definition
            for sample in definition.samples {
                func fail(_ message: String) {
                    failures.append(Failure(patternID: definition.id, location: sample.location, message: message))
                }
                let bytes = Array(sample.text.utf8)
                let findings = bytes.withUnsafeBytes { record -> [Finding]? in
                    guard prefilter.containsAny(in: record),
                          LiteralPrefilter(literals: definition.prefilter).containsAny(in: record) else { return nil }
                    var findings = matcher.match(record).findings
                    // Dated as a scan dates a record standing alone.
                    dating.date(&findings, record: record, recordTime: nil) { nil }
                    return findings
                }
                guard let findings else {
                    fail("sample does not contain any of the pattern's prefilter literals \(definition.prefilter)")
                    continue
                }
                let produced = findings.map(Self.fields)
                let expected = sample.expected
                if !Self.sameFindings(produced, expected) {
                    fail("expected \(Self.render(expected)) but got \(Self.render(produced))")
                }
            }
            for counter in definition.counterSamples {
                let bytes = Array(counter.text.utf8)
                let findings = bytes.withUnsafeBytes { matcher.match($0).findings }
                if !findings.isEmpty {
                    failures.append(Failure(patternID: definition.id, location: counter.location,
                                            message: "counter-sample produced \(Self.render(findings.map(Self.fields)))"))
                }
            }
        }
        return failures
    }

    static func fields(_ finding: Finding) -> [String: String] {
        var result: [String: String] = [:]
        for field in FindingField.allCases {
            if let value = finding.text(of: field) { result[field.rawValue] = value }
        }
        return result
    }

    private static func sameFindings(_ produced: [[String: String]], _ expected: [[String: String]]) -> Bool {
        func sortKey(_ fields: [String: String]) -> String { fields["key"] ?? "" }
        return produced.sorted { sortKey($0) < sortKey($1) } == expected.sorted { sortKey($0) < sortKey($1) }
    }

    private static func render(_ findings: [[String: String]]) -> String {
        if findings.isEmpty { return "no finding" }
        return findings.map { finding in
            "{" + finding.keys.sorted().map { "\($0): \(finding[$0]!)" }.joined(separator: ", ") + "}"
        }.joined(separator: ", ")
    }
}
