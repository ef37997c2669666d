import PCRE2
import Testing

/// Owned bytes for a test subject, alive as long as the test holds it.
private final class Subject {
    let bytes: UnsafeRawBufferPointer
    init(_ raw: [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: raw.count, alignment: 1)
        raw.withUnsafeBytes { storage.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(storage)
    }
    convenience init(_ text: String) { self.init(Array(text.utf8)) }
    deinit { bytes.deallocate() }
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

@Suite struct PatternTests {
    @Test func namedGroupsMapToNumbers() throws {
        let pattern = try Pattern(#"(?<type>SMTP|X500):(?<value>[^"\n]+)"#)
        #expect(pattern.captureCount == 2)
        #expect(pattern.groupNumbers == ["type": 1, "value": 2])
    }

    @Test func compileErrorReportsTheOffset() {
        #expect(throws: PCRE2Error.compile(message: "missing closing parenthesis", offset: 6)) {
            try Pattern("ab(c|d")
        }
    }

    @Test(arguments: [true, false])
    func matchGivesByteOffsetsIntoTheSubject(useJIT: Bool) throws {
        let pattern = try Pattern(#"address "(?<address>[^"\n]+)""#, useJIT: useJIT)
        let matcher = Matcher(pattern, context: MatchContext())
        // "é" is two bytes: offsets must count bytes, not characters.
        let subject = Subject(#"é The proxy address "SMTP:jane@contoso.com" is"#)
        do {
            #expect(try matcher.matches(in: subject.bytes))
            let range = try #require(matcher.range(ofGroup: 1))
            #expect(range == 22..<43)
            #expect(subject.text(range) == "SMTP:jane@contoso.com")
        }
    }

    @Test func unsetGroupIsNil() throws {
        let matcher = Matcher(try Pattern("a(?<opt>x)?b"), context: MatchContext())
        let subject = Subject("ab")
        do {
            #expect(try matcher.matches(in: subject.bytes))
            #expect(matcher.range(ofGroup: 1) == nil)
            #expect(matcher.matchRange == 0..<2)
        }
    }

    @Test func searchingFromAnOffsetFindsLaterMatches() throws {
        let matcher = Matcher(try Pattern("id=(\\d+)"), context: MatchContext())
        let subject = Subject("id=1 id=22 id=333")
        do {
            var found: [String] = []
            var offset = 0
            while try matcher.matches(in: subject.bytes, from: offset) {
                found.append(subject.text(matcher.range(ofGroup: 1)!))
                offset = matcher.matchRange.upperBound
            }
            #expect(found == ["1", "22", "333"])
        }
    }

    @Test(arguments: [true, false])
    func invalidUTF8IsABarrierNotAFailure(useJIT: Bool) throws {
        let matcher = Matcher(try Pattern("contoso", useJIT: useJIT), context: MatchContext())
        let bytes: [UInt8] = [0xFF, 0xFE, 0xC3] + Array(" contoso".utf8)
        let subject = Subject(bytes)
        do {
            #expect(try matcher.matches(in: subject.bytes))
            #expect(matcher.matchRange == 4..<11)
        }
    }

    @Test(arguments: [true, false])
    func catastrophicPatternHitsTheMatchLimit(useJIT: Bool) throws {
        let matcher = Matcher(try Pattern("^(a+)+$", useJIT: useJIT), context: MatchContext(matchLimit: 10_000))
        let subject = Subject(String(repeating: "a", count: 40) + "b")
        do {
            #expect(throws: PCRE2Error.matchLimitExceeded) { try matcher.matches(in: subject.bytes) }
        }
    }

    @Test func longSubjectNeedsTheLargerJITStack() throws {
        try #require(Pattern.jitAvailable)
        let matcher = Matcher(try Pattern("(a|b)*c"), context: MatchContext(matchLimit: 10_000_000, jitStackSize: 16 << 20))
        let subject = Subject(String(repeating: "ab", count: 100_000) + "c")
        do {
            #expect(try matcher.matches(in: subject.bytes))
        }
    }

    @Test func emptySubjectMatchesOnlyEmptyPatterns() throws {
        let context = MatchContext()
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(try Matcher(try Pattern("x*"), context: context).matches(in: empty))
        #expect(try !Matcher(try Pattern("x"), context: context).matches(in: empty))
    }

    @Test func caselessOption() throws {
        let matcher = Matcher(try Pattern("smtp:", caseless: true), context: MatchContext())
        let subject = Subject("SMTP:x")
        #expect(try matcher.matches(in: subject.bytes))
    }
}
