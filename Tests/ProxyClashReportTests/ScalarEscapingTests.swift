import Testing
@testable import ProxyClashReport

/// PowerShell, LDAP, Markdown and browsers read a quote, a parenthesis or a `<` as one character
/// whatever follows it: followed by a combining mark (one grapheme to Swift) it must still be
/// escaped, or a value from a log would end a literal, a filter, a table cell or a tag there.
@Suite struct ScalarEscapingTests {
    @Test(arguments: ["'", "‘", "’", "‚", "‛"])
    func aQuoteFollowedByACombiningMarkIsStillDoubled(quote: String) {
        let value = "a" + quote + "\u{301}; Remove-Item C:\\ #"
        let expected = "'a" + quote + quote + "\u{301}; Remove-Item C:\\ #'"
        #expect(Array(PowerShell.quote(value).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func textWithoutQuotesIsKeptAsItIs() {
        #expect(PowerShell.quote("Zoë Müller/田中 \u{1F600}") == "'Zoë Müller/田中 \u{1F600}'")
    }

    @Test func ldapSpecialCharactersBeforeACombiningMarkAreEscaped() {
        #expect(PowerShell.ldapValue("a)\u{301}(x=*\u{301})") == "a\\29\u{301}\\28x=\\2a\u{301}\\29")
    }

    @Test func markdownPunctuationBeforeACombiningMarkIsEscaped() {
        #expect(Markdown.cell("x|\u{301}y[\u{301}") == "x\\|\u{301}y\\[\u{301}")
    }

    @Test func htmlMarkupBeforeACombiningMarkIsEscaped() {
        let html = SummaryHTMLRenderer.breakable("a\"\u{301}<\u{301}b")
        #expect(!html.contains("\"\u{301}") && !html.contains("<\u{301}"))
        #expect(html.contains("&quot;\u{301}&lt;\u{301}"))
    }
}
