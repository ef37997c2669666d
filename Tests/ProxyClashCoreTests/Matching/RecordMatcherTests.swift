import PCRE2
import Testing
@testable import ProxyClashCore

/// The matcher keeps what extraction made of each distinct capture: a repeated message must give
/// exactly what a fresh matcher gives, and messages that differ in any captured field must not
/// share an entry.
struct RecordMatcherTests {
    private func matcher() -> RecordMatcher {
        let context = MatchContext()
        return RecordMatcher(catalog: shippedCatalog, context: context, timestamps: TimestampParser(context: context))
    }

    private func findings(_ matcher: RecordMatcher, _ text: String) -> [Finding] {
        Array(text.utf8).withUnsafeBytes { matcher.match($0).findings }
    }

    private func inUse(_ address: String, by owner: String, at time: String = "2026-11-25T08:00:00Z") -> String {
        "\(time) ERROR The proxy address \"SMTP:\(address)\" is already being used by \"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/\(owner)\". Choose another proxy address."
    }

    @Test func repeatedMessagesGiveWhatAFreshMatcherGives() {
        let shared = matcher()
        let messages = [
            inUse("jo@contoso.com", by: "Jo Kim"), inUse("jo@contoso.com", by: "Jo Kim", at: "2026-11-26T09:30:00Z"),
            inUse("jo@contoso.com", by: "Jane Doe"), inUse("ann@contoso.com", by: "Jo Kim"),
            "Error: Another object with the same value for property proxyAddresses already exists. ConflictingObject: PublicFolder_0f4c8a2e-1b7d-4c59-9e3a-6d2f1a8b7c90",
            "Error: Another object with the same value for property proxyAddresses already exists. ConflictingObject: PublicFolder_1f4c8a2e-1b7d-4c59-9e3a-6d2f1a8b7c90",
        ]
        for message in messages + messages.reversed() {
            let found = findings(shared, message)
            #expect(!found.isEmpty, "\(message)")
            #expect(found == findings(matcher(), message), "\(message)")
        }
        #expect(findings(shared, messages[0]).first?.owner != findings(shared, messages[2]).first?.owner)
    }

    @Test func aFullCacheStartsAgainWithTheSameResults() {
        let shared = matcher()
        let first = inUse("user0@contoso.com", by: "Owner 0")
        let before = findings(shared, first)
        for index in 1...(RecordMatcher.extractionLimit + 5) {
            #expect(findings(shared, inUse("user\(index)@contoso.com", by: "Owner \(index)")).first?.key == "smtp:user\(index)@contoso.com")
        }
        #expect(findings(shared, first) == before)
    }

    /// Memory stays bounded: a message with a huge capture (an owner path of kilobytes) is
    /// extracted but not kept, and the cache never holds more than its limit.
    @Test func longCapturesAreNotKept() {
        let shared = matcher()
        let long = inUse("long@contoso.com", by: String(repeating: "Owner ", count: 400))
        #expect(findings(shared, long).first?.owner?.utf8.count ?? 0 > RecordMatcher.extractionKeyLimit)
        #expect(shared.extractions.isEmpty)
        _ = findings(shared, inUse("short@contoso.com", by: "Jo Kim"))
        #expect(!shared.extractions.isEmpty)
        for index in 0..<(2 * RecordMatcher.extractionLimit) { _ = findings(shared, inUse("u\(index)@contoso.com", by: "Jo Kim")) }
        #expect(shared.extractions.count <= RecordMatcher.extractionLimit)
    }

    @Test func capturesAreKeyedWithTheirBoundaries() {
        let separate = Array("abc".utf8)
        separate.withUnsafeBytes { all in
            let split1 = RecordMatcher.extractionKey(pattern: 0, groups: [UnsafeRawBufferPointer(rebasing: all[0..<2]), UnsafeRawBufferPointer(rebasing: all[2..<3])])
            let split2 = RecordMatcher.extractionKey(pattern: 0, groups: [UnsafeRawBufferPointer(rebasing: all[0..<1]), UnsafeRawBufferPointer(rebasing: all[1..<3])])
            let absent = RecordMatcher.extractionKey(pattern: 0, groups: [nil, UnsafeRawBufferPointer(rebasing: all[0..<3])])
            let empty = RecordMatcher.extractionKey(pattern: 0, groups: [UnsafeRawBufferPointer(rebasing: all[0..<0]), UnsafeRawBufferPointer(rebasing: all[0..<3])])
            let otherPattern = RecordMatcher.extractionKey(pattern: 1, groups: [UnsafeRawBufferPointer(rebasing: all[0..<2]), UnsafeRawBufferPointer(rebasing: all[2..<3])])
            #expect(Set([split1, split2, absent, empty, otherPattern]).count == 5)
        }
    }
}
