import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct SummaryCSVTests {
    @Test func cellsAreQuotedAndFormulasNeutralised() {
        #expect(SummaryCSV.cell("plain") == "\"plain\"")
        #expect(SummaryCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SummaryCSV.cell("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"")
        #expect(SummaryCSV.cell("+1") == "\"'+1\"")
        #expect(SummaryCSV.cell("-2") == "\"'-2\"")
        #expect(SummaryCSV.cell("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(SummaryCSV.cell("a,b\r\nc") == "\"a,b\r\nc\"")
    }
}
