import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct MarkdownEscapingTests {
    @Test func valuesCannotBreakTheTableOrMakeLinks() {
        #expect(Markdown.cell("a|b [x](http://evil) <img> *y*\nz") == "a\\|b \\[x\\]\\(http://evil\\) \\<img\\> \\*y\\* z")
        // Backticks are kept (an address may hold them, and the command must stay runnable).
        #expect(Markdown.code("Where-Object { $_ -contains 'a' } | Format-List `x`") == "`` Where-Object { $_ -contains 'a' } \\| Format-List `x` ``")
        #expect(Markdown.code("-contains 'smtp:a`b``c@contoso.com'") == "```-contains 'smtp:a`b``c@contoso.com'```")
    }
}
