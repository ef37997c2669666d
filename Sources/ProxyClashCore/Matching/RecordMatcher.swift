import Foundation
import PCRE2

/// Runs the catalog's patterns over one record for one worker (owns one PCRE2 matcher per pattern).
package final class RecordMatcher {
    /// What one record produced.
    package struct Outcome {
        /// Findings, at most one per key (a message repeated in one record counts once).
        package var findings: [Finding] = []
        /// Matches whose values were placeholders or malformed, with the reason.
        package var rejections: [String] = []
        /// Patterns that gave up on this record (match limit), with the error.
        package var failures: [String] = []

        /// Adds what another reading of the same record gave (its JSON escapes decoded): a
        /// finding whose kind and key are already here is the same message, counted once.
        mutating func add(_ other: Outcome) {
            for finding in other.findings where !findings.contains(where: { $0.kind == finding.kind && $0.key == finding.key }) {
                findings.append(finding)
            }
            if findings.isEmpty { rejections += other.rejections }
            failures += other.failures
        }
    }

    /// One pattern, with its matcher and the literals it cannot match without.
    private final class Entry {
        let pattern: CompiledPattern
        let matcher: Matcher
        /// The bits of ``RecordMatcher/literals`` that show one of the pattern's prefilter literals.
        let literalMask: UInt64
        let timestampGroup: Int?

        init(pattern: CompiledPattern, matcher: Matcher, literalMask: UInt64) {
            self.pattern = pattern
            self.matcher = matcher
            self.literalMask = literalMask
            timestampGroup = pattern.groups.first { $0.field == .timestamp }?.number
        }
    }

    private let entries: [Entry]
    /// Every pattern's prefilter literals, searched for in one pass over a record.
    private let literals: LiteralPrefilter
    private let timestamps: TimestampParser

    package init(catalog: PatternCatalog, context: MatchContext, timestamps: TimestampParser) {
        let literals = LiteralPrefilter(literals: catalog.patterns.flatMap(\.definition.prefilter))
        entries = catalog.patterns.map { pattern in
            Entry(pattern: pattern, matcher: Matcher(pattern.code, context: context),
                  literalMask: literals.mask(forAnyOf: pattern.definition.prefilter))
        }
        self.literals = literals
        self.timestamps = timestamps
    }

    /// Matches every pattern whose prefilter literals occur in `record` (one pass finds which
    /// do). Findings carry the time a pattern captured, or nil: ``RecordDating`` decides the rest.
    package func match(_ record: UnsafeRawBufferPointer) -> Outcome {
        var outcome = Outcome()
        var seenKeys: Set<String> = []
        let present = literals.presentLiterals(in: record)
        guard present != 0 else { return outcome }
        for entry in entries where entry.literalMask & present != 0 {
            var offset = 0
            while offset <= record.count {
                let matched: Bool
                do {
                    matched = try entry.matcher.matches(in: record, from: offset)
                } catch {
                    outcome.failures.append("pattern '\(entry.pattern.definition.id)': \(error)")
                    break
                }
                guard matched else { break }
                let range = entry.matcher.matchRange
                offset = range.isEmpty ? range.upperBound + 1 : range.upperBound
                collect(entry, record, into: &outcome, seenKeys: &seenKeys)
            }
        }
        return outcome
    }

    private func collect(_ entry: Entry, _ record: UnsafeRawBufferPointer, into outcome: inout Outcome, seenKeys: inout Set<String>) {
        var captures: [FindingField: String] = [:]
        for (field, number) in entry.pattern.groups {
            guard let range = entry.matcher.range(ofGroup: number) else { continue }
            captures[field] = String(decoding: record[range], as: UTF8.self)
        }
        let stamp = entry.timestampGroup.flatMap { group in
            entry.matcher.range(ofGroup: group).flatMap { timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: record[$0]))?.date }
        }
        switch FindingExtractor.extract(captures, pattern: entry.pattern.definition) {
        case let .findings(findings):
            for var finding in findings where seenKeys.insert(finding.kind.rawValue + "|" + finding.key).inserted {
                finding.timestamp = stamp
                if stamp != nil { finding.datedBy = .pattern }
                outcome.findings.append(finding)
            }
        case let .rejected(reason):
            outcome.rejections.append(reason)
        }
    }
}
