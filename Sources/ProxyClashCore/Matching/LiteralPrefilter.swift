internal import CStringSearch

/// Finds the records worth running patterns on: those containing at least one literal that some
/// pattern requires. It may report records no pattern matches (they become diagnostics), but it
/// never skips one a pattern could match, because every pattern lists literals it cannot match
/// without (a test checks this against every sample).
///
/// Each literal is searched with `memmem` over the whole chunk, and the next hit of each literal is
/// remembered, so one chunk costs about one pass per literal, not one per line.
public struct LiteralPrefilter: Sendable {
    let literals: [[UInt8]]

    /// Keeps each distinct literal once, and drops a literal that contains another one: a text
    /// holding it holds the shorter one too (`ConflictingObjects` → `ConflictingObject`).
    public init(literals: [String]) {
        let distinct = Set(literals.filter { !$0.isEmpty })
        let needed = distinct.filter { literal in !distinct.contains { $0 != literal && literal.contains($0) } }
        self.literals = needed.sorted().map { Array($0.utf8) }
    }

    /// True when `bytes` contains any of `literals`.
    static func containsAny(_ literals: [[UInt8]], in bytes: UnsafeRawBufferPointer) -> Bool {
        literals.contains { find($0, in: bytes, from: 0) != nil }
    }

    static func find(_ literal: [UInt8], in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
        guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
        return literal.withUnsafeBytes { needle in
            guard let hit = memmem(base + offset, bytes.count - offset, needle.baseAddress, needle.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
    }

    /// Walks the candidate positions of one chunk in increasing order.
    struct Cursor {
        private let literals: [[UInt8]]
        private let chunk: UnsafeRawBufferPointer
        /// Next hit of each literal at or after the last search position; nil when none is left.
        private var next: [Int?]

        init(_ prefilter: LiteralPrefilter, chunk: UnsafeRawBufferPointer) {
            literals = prefilter.literals
            self.chunk = chunk
            next = literals.map { LiteralPrefilter.find($0, in: chunk, from: 0) }
        }

        /// The first candidate position at or after `offset`.
        mutating func nextCandidate(from offset: Int) -> Int? {
            var best: Int?
            for index in next.indices {
                guard var position = next[index] else { continue }
                if position < offset {
                    guard let found = LiteralPrefilter.find(literals[index], in: chunk, from: offset) else {
                        next[index] = nil
                        continue
                    }
                    position = found
                    next[index] = found
                }
                if best == nil || position < best! { best = position }
            }
            return best
        }
    }
}
