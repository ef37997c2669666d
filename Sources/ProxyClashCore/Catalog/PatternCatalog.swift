import Foundation

/// Every pattern ProxyClash knows, loaded from one or more folders of `*.yaml` files.
///
/// Files load in name order, folders in the order given; `{{fragment}}` references resolve across
/// all files. Any problem (bad YAML, unknown key, duplicate id, regex that does not compile) fails
/// the whole load with every problem listed: a half-loaded catalog would miss conflicts silently.
public struct PatternCatalog: Sendable {
    package let patterns: [CompiledPattern]
    /// The pattern files that were read.
    public let files: [String]

    /// Loads every `.yaml`/`.yml` file in `directories`.
    public static func load(directories: [String]) throws(CatalogError) -> PatternCatalog {
        var files: [String] = []
        var problems: [CatalogError.Problem] = []
        for directory in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                problems.append(.init(location: nil, message: "\(directory): pattern folder cannot be read"))
                continue
            }
            let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            if yaml.isEmpty { problems.append(.init(location: nil, message: "\(directory): no pattern files (*.yaml) in folder")) }
            files += yaml.map { (directory as NSString).appendingPathComponent($0) }
        }
        var sources: [(file: String, text: String)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append(.init(location: nil, message: "\(file): cannot be read"))
                continue
            }
            sources.append((file, String(decoding: data, as: UTF8.self)))
        }
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        return try load(sources: sources, files: files)
    }

    /// Loads pattern files given as text (`file` names them in messages).
    public static func load(sources: [(file: String, text: String)], files: [String]? = nil) throws(CatalogError) -> PatternCatalog {
        var problems: [CatalogError.Problem] = []
        var parsers: [(PatternFileParser, [PatternFileParser.RawPattern])] = []
        var fragments: [String: (String, SourceLocation)] = [:]
        for source in sources {
            let parser = PatternFileParser(file: source.file)
            let parsed = parser.parse(source.text)
            for (name, fragment) in parsed.fragments {
                if let existing = fragments[name] {
                    problems.append(.init(location: fragment.1, message: "fragment '\(name)' already defined at \(existing.1)"))
                }
                fragments[name] = fragment
            }
            parsers.append((parser, parsed.patterns))
        }
        var compiled: [CompiledPattern] = []
        var seenIDs: [String: SourceLocation] = [:]
        for (parser, raws) in parsers {
            for raw in raws {
                guard let definition = parser.definition(from: raw, fragments: fragments) else { continue }
                if let first = seenIDs[definition.id] {
                    problems.append(.init(location: definition.location, message: "duplicate pattern id '\(definition.id)' (first defined at \(first))"))
                    continue
                }
                seenIDs[definition.id] = definition.location
                do {
                    compiled.append(try CompiledPattern(definition: definition))
                } catch {
                    problems += error.problems
                }
            }
            problems += parser.problems
        }
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        guard !compiled.isEmpty else { throw CatalogError(problems: [.init(location: nil, message: "no patterns defined")]) }
        return PatternCatalog(patterns: compiled, files: files ?? sources.map(\.file))
    }
}
