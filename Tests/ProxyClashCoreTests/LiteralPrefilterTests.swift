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
