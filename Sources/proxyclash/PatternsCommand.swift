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
            for pattern in catalog.patterns {
                let definition = pattern.definition
                print(definition.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
                      + definition.kind.rawValue.padding(toLength: kindWidth + 2, withPad: " ", startingAt: 0)
                      + definition.title + "  (" + definition.location.description + ")")
            }
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
            for failure in failures { print(failure.description) }
            print("\(catalog.patterns.count) patterns, \(checker.sampleCount) samples: \(failures.isEmpty ? "all passed" : "\(failures.count) failed")")
            if !failures.isEmpty { throw ExitStatus.incidents }
        }
    }
}
