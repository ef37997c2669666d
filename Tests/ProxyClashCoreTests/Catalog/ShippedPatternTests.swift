import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct ShippedPatternTests {
    @Test func everySampleAndCounterSamplePasses() {
        let failures = PatternChecker(catalog: shippedCatalog).check()
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        #expect(PatternChecker(catalog: shippedCatalog).sampleCount >= 30)
    }

    @Test func allThreeKindsAreCovered() {
        let kinds = Set(shippedCatalog.patterns.map(\.definition.kind))
        #expect(kinds == Set(IncidentKind.allCases))
    }

    @Test func everyPatternRunsThroughTheJIT() throws {
        try #require(PCRE2Available.jit)
        #expect(shippedCatalog.patterns.allSatisfy { $0.code.isJITCompiled })
    }
}

enum PCRE2Available { static let jit = Pattern.jitAvailable }
