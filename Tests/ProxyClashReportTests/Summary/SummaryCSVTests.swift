import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct SummaryCSVTests {
    @Test func cellsAreQuotedAndFormulasNeutralised() {
        #expect(SummaryCSVRenderer.cell("plain") == "\"plain\"")
        #expect(SummaryCSVRenderer.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SummaryCSVRenderer.cell("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"")
        #expect(SummaryCSVRenderer.cell("+1") == "\"'+1\"")
        #expect(SummaryCSVRenderer.cell("-2") == "\"'-2\"")
        #expect(SummaryCSVRenderer.cell("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(SummaryCSVRenderer.cell("a,b\r\nc") == "\"a,b\r\nc\"")
    }
}
