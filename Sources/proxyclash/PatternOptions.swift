import ArgumentParser
import ProxyClashCore

/// Which pattern files to load: the built-in catalog plus the user's folders.
struct PatternOptions: ParsableArguments {
    @Option(name: .customLong("patterns"), help: ArgumentHelp(
        "Also load the pattern files (*.yaml) in this folder (repeatable).", valueName: "dir"))
    var directories: [String] = []

    @Flag(help: "Do not load the built-in patterns (use only --patterns folders).")
    var noBuiltinPatterns = false

    /// Loads the catalog, or prints every problem and exits 64.
    func loadCatalog() throws -> PatternCatalog {
        var folders = directories
        if !noBuiltinPatterns {
            guard let builtIn = PatternLocator.builtInDirectory() else {
                StandardError.line("built-in patterns not found: set \(PatternLocator.environmentVariable) to the Patterns folder, or pass --patterns DIR")
                throw ExitStatus.usage
            }
            folders.insert(builtIn, at: 0)
        }
        guard !folders.isEmpty else {
            StandardError.line("no pattern folder: --no-builtin-patterns needs at least one --patterns DIR")
            throw ExitStatus.usage
        }
        do {
            return try PatternCatalog.load(directories: folders)
        } catch {
            for problem in error.problems { StandardError.line(problem.description) }
            throw ExitStatus.usage
        }
    }
}
