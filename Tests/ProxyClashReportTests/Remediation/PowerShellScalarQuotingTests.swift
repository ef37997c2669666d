import Testing
@testable import ProxyClashReport

/// PowerShell's tokenizer reads a single quote as one character whatever follows it: a quote
/// followed by a combining mark (one grapheme to Swift) must still be doubled, or the literal
/// would end there and the rest of the address would run as code.
@Suite struct PowerShellScalarQuotingTests {
    @Test(arguments: ["'", "‘", "’", "‚", "‛"])
    func aQuoteFollowedByACombiningMarkIsStillDoubled(quote: String) {
        let value = "a" + quote + "\u{301}; Remove-Item C:\\ #"
        let expected = "'a" + quote + quote + "\u{301}; Remove-Item C:\\ #'"
        #expect(Array(PowerShell.quote(value).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func textWithoutQuotesIsKeptAsItIs() {
        #expect(PowerShell.quote("Zoë Müller/田中 \u{1F600}") == "'Zoë Müller/田中 \u{1F600}'")
    }
}
