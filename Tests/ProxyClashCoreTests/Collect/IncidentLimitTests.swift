import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct IncidentLimitTests {
    @Test func distinctIncidentsAreCappedWithAWarning() {
        var options = ScanOptions()
        options.maxIncidents = 3
        let text = (1...5).map { #"The proxy address "SMTP:u\#($0)@contoso.com" is already being used by "x/y". Choose another proxy address."# }
            .joined(separator: "\n") + "\n" + #"The proxy address "SMTP:u1@contoso.com" is already being used by "x/y". Choose another proxy address."#
        let source = MemoryByteSource(text)
        let result = ParallelScanner(catalog: shippedCatalog, options: options, jobs: 1).scan([])  // empty: no warning
        #expect(result.diagnostics.counts.isEmpty)
        let scanned = Scanner(catalog: shippedCatalog, options: options).scan(source: source, path: "many.log")
        #expect(scanned.incidents.count == 3)
        #expect(scanned.incidents.droppedFindings == 2)
        #expect(scanned.incidents.incidents.first { $0.key == "smtp:u1@contoso.com" }?.occurrences == 2)
    }

    @Test func theLimitIsReportedOnceForTheRun() throws {
        var options = ScanOptions()
        options.maxIncidents = 2
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-many-\(UUID().uuidString).log")
        try Data((1...6).map { #"The proxy address "SMTP:v\#($0)@contoso.com" is already being used by "x/y"."# + "\n" }.joined().utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = ParallelScanner(catalog: shippedCatalog, options: options, jobs: 2).scan([InputItem(path: url.path)])
        #expect(result.incidents.count == 2)
        #expect(result.diagnostics.counts[.incidentLimit] == 1)
        #expect(result.diagnostics.entries.first { $0.category == .incidentLimit }?.message.hasPrefix("more than 2 distinct incidents: 4 finding(s)") == true)
    }
}
