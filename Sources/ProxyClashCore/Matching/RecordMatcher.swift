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
        /// Its place in ``RecordMatcher/entries``.
        let index: Int
        let pattern: CompiledPattern
        let matcher: Matcher
        /// The bits of ``RecordMatcher/literals`` that show one of the pattern's prefilter literals.
        let literalMask: UInt64
        let timestampGroup: Int?

        init(index: Int, pattern: CompiledPattern, matcher: Matcher, literalMask: UInt64) {
            self.index = index
            self.pattern = pattern
            self.matcher = matcher
            self.literalMask = literalMask
            timestampGroup = pattern.groups.first { $0.field == .timestamp }?.number
        }
    }

    private let entries: [Entry]
    /// What extraction made of what a pattern captured: a log repeats one conflict's message many
    /// times (each sync cycle, each retry), and normalizing its address, owner and GUID again
    /// was most of what a matched message cost. Captures longer than ``extractionKeyLimit`` bytes
    /// are extracted every time, and it is emptied when it reaches ``extractionLimit`` entries,
    /// so it stays within a few megabytes whatever the input.
    private(set) var extractions: [ExtractionKey: FindingExtractor.Outcome] = [:]
    static let extractionLimit = 1024
    static let extractionKeyLimit = 1024

    /// A pattern and the bytes of its captures that extraction reads, each after its length.
    struct ExtractionKey: Hashable {
        let pattern: Int
        let captured: [UInt8]
    }
    /// Every pattern's prefilter literals, searched for in one pass over a record.
    private let literals: LiteralPrefilter
    private let timestamps: TimestampParser

    package init(catalog: PatternCatalog, context: MatchContext, timestamps: TimestampParser) {
        let literals = LiteralPrefilter(literals: catalog.patterns.flatMap(\.definition.prefilter))
        entries = catalog.patterns.enumerated().map { index, pattern in
            Entry(index: index, pattern: pattern, matcher: Matcher(pattern.code, context: context),
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
        let key = Self.extractionKey(pattern: entry.index, groups: entry.pattern.groups.map { field, number in
            field == .timestamp ? nil : entry.matcher.range(ofGroup: number).map { UnsafeRawBufferPointer(rebasing: record[$0]) }
        })
        let extracted: FindingExtractor.Outcome
        if let known = extractions[key] {
            extracted = known
        } else {
            var captures: [FindingField: String] = [:]
            for (field, number) in entry.pattern.groups {
                guard let range = entry.matcher.range(ofGroup: number) else { continue }
                captures[field] = String(decoding: record[range], as: UTF8.self)
            }
            extracted = FindingExtractor.extract(captures, pattern: entry.pattern.definition)
            if key.captured.count <= Self.extractionKeyLimit {
                if extractions.count >= Self.extractionLimit { extractions.removeAll(keepingCapacity: true) }
                extractions[key] = extracted
            }
        }
        let stamp = entry.timestampGroup.flatMap { group in
            entry.matcher.range(ofGroup: group).flatMap { timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: record[$0]))?.date }
        }
        switch extracted {
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

    /// The key of what extraction reads: each group's bytes after their length, an absent group
    /// (or the time, which extraction does not read) as a length no capture has, so `ab` + `c`
    /// and `a` + `bc` differ.
    static func extractionKey(pattern: Int, groups: [UnsafeRawBufferPointer?]) -> ExtractionKey {
        var captured: [UInt8] = []
        captured.reserveCapacity(groups.reduce(0) { $0 + 4 + ($1?.count ?? 0) })
        for group in groups {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: group?.count ?? Int(UInt32.max)).littleEndian) { captured.append(contentsOf: $0) }
            if let group { captured.append(contentsOf: group) }
        }
        return ExtractionKey(pattern: pattern, captured: captured)
    }
}
