internal import CStringSearch

/// Finds the records worth running patterns on: those containing at least one literal that some
/// pattern requires. It may report records no pattern matches (they become diagnostics), but it
/// never skips one a pattern could match, because every pattern lists literals it cannot match
/// without (a test checks this against every sample).
///
/// All literals are searched for in one pass over the text (a vectorised fingerprint test, see
/// `Sources/CStringSearch/LiteralSet.c`), so a chunk costs one pass whatever the number of literals.
package struct LiteralPrefilter: Sendable {
    /// The literals searched for, sorted.
    let literals: [[UInt8]]
    private let vectorWidth: Int32
    private let set: LiteralSet

    /// Keeps each distinct literal once, and drops a literal that contains another one: a text
    /// holding it holds the shorter one too (`ConflictingObjects` → `ConflictingObject`).
    package init(literals: [String]) {
        self.init(literals: literals, vectorWidth: 32)
    }

    /// `vectorWidth` caps the vector size the search may use (32, 16 or 0), for tests of each path.
    init(literals: [String], vectorWidth: Int32) {
        // Byte for byte: two spellings of one text (é, or e and a combining accent) are two literals.
        let distinct = Set(literals.filter { !$0.isEmpty }.map { Array($0.utf8) })
        let needed = distinct.filter { literal in !distinct.contains { $0 != literal && literal.firstRange(of: $0) != nil } }
        self.init(sortedLiterals: needed.sorted { $0.lexicographicallyPrecedes($1) }, vectorWidth: vectorWidth,
                  sample: UnsafeRawBufferPointer(start: nil, count: 0), refining: false)
    }

    private init(sortedLiterals: [[UInt8]], vectorWidth: Int32, sample: UnsafeRawBufferPointer, refining: Bool) {
        literals = sortedLiterals
        self.vectorWidth = vectorWidth
        set = LiteralSet(sortedLiterals, sample: sample, refining: refining)
        pc_literal_set_limit_vector_width(set.pointer, vectorWidth)
    }

    /// The same literals, fingerprinted by the bytes least seen in `sample` (the head of an input):
    /// words a log repeats on every line, such as "object", then rarely cost a false candidate.
    /// What is found does not change, only how fast.
    /// - Parameter refining: also try other fingerprints and buckets, counting candidates in the
    ///   sample (about 0.3 ms, worth it for a prefilter that runs over every byte of an input).
    package func tuned(to sample: UnsafeRawBufferPointer, refining: Bool = true) -> LiteralPrefilter {
        LiteralPrefilter(sortedLiterals: literals, vectorWidth: vectorWidth, sample: sample, refining: refining)
    }

    /// The two halves of every literal (a literal of fewer than 8 bytes stays whole). When a line
    /// break falls inside a literal (a message wrapped at the console width), one of its halves is
    /// still whole on one of the two lines, so searching the halves finds wrapped literals too.
    package func halves() -> LiteralPrefilter {
        let pieces = literals.flatMap { literal -> [[UInt8]] in
            guard literal.count >= 8 else { return [literal] }
            var middle = literal.count / 2
            while middle > 1, literal[middle] & 0xC0 == 0x80 { middle -= 1 }  // not inside a UTF-8 character
            return [Array(literal[..<middle]), Array(literal[middle...])]
        }
        return LiteralPrefilter(literals: pieces.map { String(decoding: $0, as: UTF8.self) }, vectorWidth: vectorWidth)
    }

    /// The first position at or after `offset` where one of the literals starts, nil when none does.
    package func firstMatch(in bytes: UnsafeRawBufferPointer, from offset: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, offset < bytes.count else { return nil }
        let found = pc_literal_set_find(set.pointer, base, bytes.count, offset)
        return found < bytes.count ? found : nil
    }

    /// Where ``nextEvent(in:from:lineStarts:)`` stopped.
    struct LineEvent {
        /// A literal's start, an odd line's start, or the end of the bytes.
        let position: Int
        /// The newlines between the search's start and `position`.
        let newlines: Int
        /// `position` starts a line that begins with none of `lineStarts` (nor CR or LF).
        let isOddLine: Bool
        /// 32-byte blocks on the way whose fingerprints matched but that held no literal (counted
        /// when ``countsFalseCandidates``).
        let falseCandidates: Int
    }

    /// Whether ``nextEvent(in:from:lineStarts:)`` counts false candidates on this machine (its
    /// AVX2 path does).
    var countsFalseCandidates: Bool { pc_literal_set_counts_false_candidates(set.pointer) != 0 }

    /// In one pass: the first literal's start at or after `offset`, or, when `lineStarts` is
    /// given (1 to 4 bytes), the first line start after `offset` that begins with none of them
    /// (a continuation line in a log whose lines start with timestamps), whichever comes first
    /// (the literal when both are at one place); and the newlines up to it.
    func nextEvent(in bytes: UnsafeRawBufferPointer, from offset: Int, lineStarts: [UInt8]?) -> LineEvent {
        guard let base = bytes.baseAddress, offset < bytes.count else {
            return LineEvent(position: bytes.count, newlines: 0, isOddLine: false, falseCandidates: 0)
        }
        let event = pc_literal_set_find_line(set.pointer, base, bytes.count, offset, lineStarts ?? [], Int32(lineStarts?.count ?? 0))
        return LineEvent(position: event.position, newlines: event.newlines, isOddLine: event.odd != 0, falseCandidates: event.false_candidates)
    }

    /// Which of the literals occur in `bytes`, one pass: bit `i` stands for `literals[i]` (all
    /// bits set when there are more than 64 literals: then nothing is ruled out).
    package func presentLiterals(in bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard literals.count <= 64 else { return .max }
        guard let base = bytes.baseAddress else { return 0 }
        return pc_literal_set_present(set.pointer, base, bytes.count)
    }

    /// The bits of ``presentLiterals(in:)`` that a text holding one of `required` shows: those of
    /// the literals inside one of them (a kept literal is required, or inside a required one).
    package func mask(forAnyOf required: [String]) -> UInt64 {
        guard literals.count <= 64 else { return .max }
        var mask: UInt64 = 0
        for (index, literal) in literals.enumerated()
        where required.contains(where: { Array($0.utf8).firstRange(of: literal) != nil }) {
            mask |= 1 << UInt64(index)
        }
        return mask
    }

    /// True when `bytes` contains any of the literals.
    package func containsAny(in bytes: UnsafeRawBufferPointer) -> Bool {
        firstMatch(in: bytes) != nil
    }
}

/// Owns the C searcher; it is never mutated after it is built, so workers share it.
private final class LiteralSet: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ literals: [[UInt8]], sample: UnsafeRawBufferPointer, refining: Bool) {
        let copies = literals.map { literal -> UnsafeMutablePointer<UInt8> in
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: literal.count)
            copy.initialize(from: literal, count: literal.count)
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        let starts = copies.map { UnsafePointer<UInt8>?(UnsafePointer($0)) }
        guard let made = pc_literal_set_create(starts, literals.map(\.count), literals.count, sample.baseAddress, sample.count, refining ? 1 : 0) else {
            fatalError("out of memory building the literal prefilter")
        }
        pointer = made
    }

    deinit { pc_literal_set_free(pointer) }
}
