import Testing
@testable import ProxyClashCore

/// The one-pass multi-literal search must give exactly what a naive search gives: the leftmost
/// start of any literal at or after the offset, wherever the text falls relative to the 16- and
/// 32-byte blocks of the vector code and however many literals share a fingerprint bucket.
@Suite struct LiteralPrefilterTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func naiveFirstMatch(_ literals: [[UInt8]], in text: [UInt8], from offset: Int) -> Int? {
        guard offset < text.count else { return nil }
        for start in offset..<text.count {
            for literal in literals where start + literal.count <= text.count {
                if text[start..<(start + literal.count)].elementsEqual(literal) { return start }
            }
        }
        return nil
    }

    /// Each literal count with each code path: AVX2 (32), SSSE3 (16) and the portable loop (0).
    @Test(arguments: [1, 3, 8, 9, 20], [Int32(32), 16, 0])
    func agreesWithNaiveSearchOnRandomText(literalCount: Int, vectorWidth: Int32) {
        // A four-letter alphabet makes fingerprint collisions, partial matches and overlapping
        // literals common; lengths 1-7 cover literals shorter than the 3-byte fingerprint.
        let alphabet = Array("abcA".utf8)
        var random = SplitMix(state: UInt64(literalCount))
        for _ in 0..<60 {
            let literals = (0..<literalCount).map { _ in
                (0..<Int.random(in: 1...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            }
            let prefilter = LiteralPrefilter(literals: literals.map { String(decoding: $0, as: UTF8.self) }, vectorWidth: vectorWidth)
            let text = (0..<Int.random(in: 0...300, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            text.withUnsafeBytes { bytes in
                // Fingerprints tuned to the text itself pick other windows; the answers stay the same.
                let tuned = prefilter.tuned(to: UnsafeRawBufferPointer(rebasing: bytes.prefix(100)))
                for offset in stride(from: 0, through: text.count, by: 1) {
                    let expected = Self.naiveFirstMatch(prefilter.literals, in: text, from: offset)
                    let context: Comment = "literals \(literals.map { String(decoding: $0, as: UTF8.self) }) offset \(offset) in \(String(decoding: text, as: UTF8.self))"
                    #expect(prefilter.firstMatch(in: bytes, from: offset) == expected, context)
                    #expect(tuned.firstMatch(in: bytes, from: offset) == expected, context)
                }
            }
        }
    }

    /// Which literals a text holds (one pass, a bit per literal) against a naive search for
    /// each, with every code path and with buckets shared by several literals.
    @Test(arguments: [1, 3, 8, 9, 20], [Int32(32), 16, 0])
    func presentLiteralsAgreeWithNaiveSearch(literalCount: Int, vectorWidth: Int32) {
        let alphabet = Array("abcA".utf8)
        var random = SplitMix(state: UInt64(literalCount) &* 31)
        for _ in 0..<200 {
            let literals = (0..<literalCount).map { _ in
                (0..<Int.random(in: 1...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            }
            let prefilter = LiteralPrefilter(literals: literals.map { String(decoding: $0, as: UTF8.self) }, vectorWidth: vectorWidth)
            let text = (0..<Int.random(in: 0...120, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            var expected: UInt64 = 0
            for (index, literal) in prefilter.literals.enumerated() where text.firstRange(of: literal) != nil { expected |= 1 << UInt64(index) }
            let present = text.withUnsafeBytes { prefilter.presentLiterals(in: $0) }
            #expect(present == expected, "literals \(prefilter.literals.map { String(decoding: $0, as: UTF8.self) }) in \(String(decoding: text, as: UTF8.self))")
        }
    }

    /// A pattern's mask names the literals that show one of its own: a literal dropped because it
    /// holds a shorter one (`ConflictingObjects` holds `ConflictingObject`) maps to the shorter one.
    @Test func patternMasksFollowTheLiteralsKept() {
        let prefilter = LiteralPrefilter(literals: ["ConflictingObjects", "ConflictingObject", "is already being used by"])
        #expect(prefilter.literals.map { String(decoding: $0, as: UTF8.self) } == ["ConflictingObject", "is already being used by"])
        #expect(prefilter.mask(forAnyOf: ["ConflictingObjects"]) == 0b01)
        #expect(prefilter.mask(forAnyOf: ["is already being used by"]) == 0b10)
        #expect(prefilter.mask(forAnyOf: ["AttributeConflictName"]) == 0)
        let present = Array("ConflictingObjects: PublicFolder_x".utf8).withUnsafeBytes { prefilter.presentLiterals(in: $0) }
        #expect(present == 0b01)
    }

    /// Two spellings of one text (é, and e with a combining accent) are equal Swift strings but
    /// different bytes: both stay literals, so the pattern of each still runs on its own text.
    @Test func literalsAreKeptByTheirBytes() {
        let composed = "caf\u{E9} conflict", decomposed = "cafe\u{301} conflict"
        let prefilter = LiteralPrefilter(literals: [composed, decomposed])
        #expect(prefilter.literals.count == 2)
        let present = Array(decomposed.utf8).withUnsafeBytes { prefilter.presentLiterals(in: $0) }
        #expect(present != 0 && present & prefilter.mask(forAnyOf: [decomposed]) == present)
        #expect(present & prefilter.mask(forAnyOf: [composed]) == 0)
    }

    /// The fused search (literals, odd lines, newline count) against a naive one, on text made
    /// of lines: mostly "timestamped" ones (starting with 2), some odd or blank, some holding a
    /// literal, so that blocks without any event (the fast path), false candidates, odd lines and
    /// literals at line starts all occur at every alignment.
    @Test(arguments: [Int32(32), 16, 0])
    func lineEventsAgreeWithNaiveSearch(vectorWidth: Int32) {
        var random = SplitMix(state: UInt64(vectorWidth) + 7)
        for round in 0..<80 {
            // More than 8 literals at times: buckets are then shared, and refining moves them.
            let literals = (0..<Int.random(in: 1...12, using: &random)).map { _ in
                // A newline inside a literal too (a pattern's literal may hold one).
                (0..<Int.random(in: 3...12, using: &random)).map { _ in Array("abcAabcA\n".utf8).randomElement(using: &random)! }
            }
            let prefilter = LiteralPrefilter(literals: literals.map { String(decoding: $0, as: UTF8.self) }, vectorWidth: vectorWidth)
            func lines(_ size: Int) -> [UInt8] {
                var text: [UInt8] = []
                while text.count < size {
                    let first: UInt8 = switch Int.random(in: 0..<20, using: &random) {
                    case 0: UInt8(ascii: "c")
                    case 1: UInt8(ascii: "\r")
                    case 2: UInt8(ascii: "\n")
                    default: UInt8(ascii: "2")
                    }
                    text.append(first)
                    text += (0..<Int.random(in: 0...70, using: &random)).map { _ in Array("defgh A".utf8).randomElement(using: &random)! }
                    if Int.random(in: 0..<6, using: &random) == 0 {
                        text.insert(contentsOf: literals.randomElement(using: &random)!, at: Int.random(in: max(0, text.count - 20)...text.count, using: &random))
                    }
                    text.append(0x0A)
                }
                return text
            }
            let text = lines(600)
            // A sample of 16 KiB or more: the fingerprints are then refined by counting candidates
            // (in every fourth round: that is hundreds of counting passes in a debug build).
            let refined = round % 4 == 0 ? (Array(repeating: lines(1_000), count: 17).joined() + text).withUnsafeBytes { prefilter.tuned(to: $0) } : prefilter
            let allowed: [[UInt8]?] = [nil, [UInt8(ascii: "2")], Array("2d".utf8)]
            // The naive answers for every offset, from tables built back to front.
            let count = text.count
            var nextHit = Array(repeating: count, count: count + 1)
            for start in (0..<count).reversed() {
                let here = prefilter.literals.contains { start + $0.count <= count && text[start..<(start + $0.count)].elementsEqual($0) }
                nextHit[start] = here ? start : nextHit[start + 1]
            }
            var newlinesBefore = [0]
            for byte in text { newlinesBefore.append(newlinesBefore.last! + (byte == 0x0A ? 1 : 0)) }
            text.withUnsafeBytes { bytes in
                let tuned = prefilter.tuned(to: UnsafeRawBufferPointer(rebasing: bytes.prefix(200)))
                for lineStarts in allowed {
                    let fine = (lineStarts ?? []) + [0x0A, 0x0D]
                    var nextOdd = Array(repeating: count, count: count + 2)
                    for start in (1..<count).reversed() {
                        nextOdd[start] = text[start - 1] == 0x0A && !fine.contains(text[start]) ? start : nextOdd[start + 1]
                    }
                    for offset in 0...count {
                        let hit = nextHit[offset]
                        let odd = lineStarts == nil || nextOdd[offset + 1] >= hit ? nil : nextOdd[offset + 1]
                        let position = odd ?? hit
                        let expected = [position, newlinesBefore[position] - newlinesBefore[offset], odd == nil ? 0 : 1]
                        let context: Comment = "round \(round) offset \(offset) starts \(lineStarts ?? [])"
                        for searcher in [prefilter, tuned, refined] {
                            let event = searcher.nextEvent(in: bytes, from: offset, lineStarts: lineStarts)
                            #expect([event.position, event.newlines, event.isOddLine ? 1 : 0] == expected, context)
                        }
                    }
                }
            }
        }
    }

    /// Nine literals share eight buckets: sorted, the first and the last share bucket 0, whose
    /// nibble tables then also let "qBy" through (q = 0x71 mixes "!" = 0x21 with "z" = 0x7A).
    /// Counting candidates in the sample moves "zBy" to a bucket where it mixes with nothing here.
    @Test func sharedBucketsAreRefinedByCountingCandidates() {
        let prefilter = LiteralPrefilter(literals: ["!Ax", "\"1%", "#2(", "$3)", "%4*", "&5+", "'6,", "(7-", "zBy"])
        let sample = Array(String(repeating: "qBy and more text ", count: 2_000).utf8)
        sample.withUnsafeBytes { bytes in
            let plain = prefilter.tuned(to: bytes, refining: false)
            let refined = prefilter.tuned(to: bytes)
            let before = plain.nextEvent(in: bytes, from: 0, lineStarts: nil).falseCandidates
            let after = refined.nextEvent(in: bytes, from: 0, lineStarts: nil).falseCandidates
            if prefilter.countsFalseCandidates {
                #expect(before > 1_000, "\(before) false candidates before refining")
                #expect(after == 0)
            } else {
                #expect(before == 0 && after == 0)  // not counted off the AVX2 path (nor refined there)
            }
            #expect(plain.firstMatch(in: bytes) == nil && refined.firstMatch(in: bytes) == nil)
        }
    }

    /// Fingerprints tuned to a head unlike the rest (here it is full of the literal's rarest
    /// windows, so the others are chosen, and the rest of the log is full of those) are tuned
    /// again to the text that misled them, after which it costs no false candidates.
    @Test func aMisledPrefilterIsTunedAgainToTheText() {
        let base = LiteralPrefilter(literals: ["ConflictingObject"])
        let head = Array(String(repeating: "ngObj gOb ngO\n", count: 200).utf8)
        let body = Array(String(repeating: "2026-11-18 Conflicting object ject Object ing Con flicting\n", count: 4_000).utf8)
        func falseCandidates(_ prefilter: LiteralPrefilter) -> Int {
            body.withUnsafeBytes { prefilter.nextEvent(in: $0, from: 0, lineStarts: nil).falseCandidates }
        }
        var finder = head.withUnsafeBytes {
            CandidateFinder(prefilter: base, wrapPrefilter: base.halves(), head: $0, headSize: $0.count)
        }
        let before = falseCandidates(finder.prefilter)
        /// Searches the body as one chunk, then lets the finder judge it.
        func searchBody() {
            body.withUnsafeBytes {
                _ = finder.nextEvent(in: $0, from: 0, lineStarts: nil)
                finder.retuneIfMisled(by: $0)
            }
        }
        // Not in the first `retuneInterval` chunks of an input, however misled.
        for _ in 1..<CandidateFinder.retuneInterval { searchBody() }
        #expect(falseCandidates(finder.prefilter) == before)
        searchBody()
        if base.countsFalseCandidates {
            #expect(before > 1_000, "\(before) false candidates")
            #expect(falseCandidates(finder.prefilter) == 0)
            // Not again before `retuneInterval` chunks, however misled.
            #expect(finder.chunksSinceTuning == 0)
            searchBody()
            #expect(finder.chunksSinceTuning == 1)
        } else {
            #expect(before == 0)  // the portable and SSSE3 paths do not count them: nothing to act on
            #expect(finder.chunksSinceTuning == CandidateFinder.retuneInterval)
        }
        // Results never change: the literal is found in the body only where it is.
        #expect(body.withUnsafeBytes { finder.prefilter.firstMatch(in: $0) } == nil)
    }

    @Test func findsConflictLiteralsInLogTextAtEveryAlignment() {
        let literals = ["is already being used by", "ConflictingObject", "propertyCausingError", "We detected a duplicate"]
        let prefilter = LiteralPrefilter(literals: literals)
        let noise = Array("INFO object CN=x,OU=Staff updated (ObjectId 1f2e) proxy address smtp:a@contoso.com\n".utf8)
        for literal in literals {
            for shift in 0..<70 {
                let text = Array(noise.prefix(shift)) + Array(literal.utf8) + noise
                text.withUnsafeBytes { bytes in
                    #expect(prefilter.firstMatch(in: bytes) == shift, "\(literal) at \(shift)")
                    #expect(prefilter.firstMatch(in: bytes, from: shift + 1) == nil)
                    // Cut one byte short, the literal is not there.
                    let cut = UnsafeRawBufferPointer(rebasing: bytes[..<(shift + literal.utf8.count - 1)])
                    #expect(prefilter.firstMatch(in: cut) == nil)
                }
            }
        }
    }

    @Test func keepsOnlyLiteralsNotContainingAnother() {
        let prefilter = LiteralPrefilter(literals: ["ConflictingObjects", "ConflictingObject", "", "ConflictingObject"])
        #expect(prefilter.literals == [Array("ConflictingObject".utf8)])
    }
}
