import ArgumentParser
import ProxyClashCore

struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "List or check the pattern catalog.",
        subcommands: [List.self, Check.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every loaded pattern: id, kind, title and where it is defined.",
            discussion: "Example:\n  proxyclash patterns list --patterns ./my-patterns")

        @OptionGroup var patterns: PatternOptions

        func run() throws {
            let catalog = try patterns.loadCatalog()
            let idWidth = catalog.patterns.map(\.definition.id.count).max() ?? 2
            let kindWidth = catalog.patterns.map(\.definition.kind.rawValue.count).max() ?? 4
            let lines = catalog.patterns.map { pattern in
                let definition = pattern.definition
                return definition.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
                    + definition.kind.rawValue.padding(toLength: kindWidth + 2, withPad: " ", startingAt: 0)
                    + definition.title + "  (" + definition.location.description + ")\n"
            }
            try ReportOutput.write(lines.joined(), to: nil)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every pattern's samples and counter-samples; exit 1 if any fails.",
            discussion: "Example:\n  proxyclash patterns check --patterns ./my-patterns")

        @OptionGroup var patterns: PatternOptions

        func run() throws {
            let catalog = try patterns.loadCatalog()
            let checker = PatternChecker(catalog: catalog)
            let failures = checker.check()
            let verdict = "\(catalog.patterns.count) patterns, \(checker.sampleCount) samples: \(failures.isEmpty ? "all passed" : "\(failures.count) failed")"
            try ReportOutput.write((failures.map(\.description) + [verdict]).map { $0 + "\n" }.joined(), to: nil)
            if !failures.isEmpty { throw ExitStatus.incidents }
        }
    }
}
