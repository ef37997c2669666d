import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct ReadmePatternExampleTests {
    /// The README's "Adding a pattern" example loads with the shipped fragments and passes its samples.
    @Test func readmeExampleIsAWorkingPattern() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let fragments = try String(contentsOf: repositoryRoot.appendingPathComponent("Patterns/fragments.yaml"), encoding: .utf8)
        let catalog = try PatternCatalog.load(sources: [("fragments.yaml", fragments), ("README.md", example)])
        #expect(catalog.patterns.map(\.definition.id) == ["my-exchange-conflict"])
        #expect(PatternChecker(catalog: catalog).check().map(\.description) == [])
    }
}
