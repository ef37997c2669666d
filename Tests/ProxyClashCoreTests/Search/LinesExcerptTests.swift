import Testing
@testable import ProxyClashCore

/// A note's excerpt of a record: its first 120 bytes on one line, breaks shown as ` | `.
@Suite struct LinesExcerptTests {
    /// What the excerpt is defined as: the text split at every kind of line break.
    static func reference(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let head = String(decoding: bytes.prefix(120), as: UTF8.self)
        let joined = head.split(whereSeparator: \.isNewline).joined(separator: " | ")
        return bytes.count > 120 ? joined + "…" : joined
    }

    @Test(arguments: ["", "one line", "Zoë Müller — “quoted” 田中", "a\nb", "a\r\nb\rc", "a\u{2028}b\u{2029}c\u{85}d", "v\u{0B}f\u{0C}",
                      String(repeating: "x", count: 119) + "é", String(repeating: "long line ", count: 30), "\n\n", "€ € €"])
    func excerptIsTheTextUpToItsLimitOnOneLine(text: String) {
        let excerpt = Array(text.utf8).withUnsafeBytes { Lines.excerpt($0) }
        #expect(excerpt == Self.reference(text))
    }
}
