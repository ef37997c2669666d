import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite(.serialized) struct GoldenSummaryTests {
    @Test(arguments: [(SummaryFormat.text, "txt"), (.markdown, "md"), (.json, "json"), (.csv, "csv"), (.html, "html")])
    func weeklySummaryOfSampleLogs(format: SummaryFormat, suffix: String) throws {
        try assertGolden(try format.renderer.render(try sampleSummary()), "summary-2026-W47.\(suffix)")
    }
}
