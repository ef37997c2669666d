import Yams

/// Reads one pattern file's YAML into definitions, strictly: unknown keys, missing keys and
/// wrong types are problems with the line they are on, never silently ignored.
///
/// A file holds `patterns:` (a list) and/or `fragments:` (a map of name to regex text that any
/// pattern may insert with `{{name}}`).
final class PatternFileParser {
    let file: String
    private(set) var problems: [CatalogError.Problem] = []

    init(file: String) { self.file = file }

    struct RawPattern {
        var definitionFields: [String: Node]
        var location: SourceLocation
    }

    /// Parses `text`; returns the raw patterns and fragments found (problems accumulate).
    func parse(_ text: String) -> (patterns: [RawPattern], fragments: [String: (String, SourceLocation)]) {
        let root: Node?
        do {
            // Every value is read as text, so no tag is resolved: the default resolver's regular
            // expressions (booleans, numbers, times) cost a fifth of a small scan's start-up.
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            problems.append(.init(location: SourceLocation(file: file, line: Self.line(of: error)), message: "invalid YAML: \(Self.summary(of: error))"))
            return ([], [:])
        }
        guard let root else { return ([], [:]) }
        guard let top = mapping(root, allowed: ["patterns", "fragments"], what: "pattern file") else { return ([], [:]) }
        var fragments: [String: (String, SourceLocation)] = [:]
        if let node = top["fragments"], case let .mapping(map) = node {
            for (key, value) in map {
                guard let name = key.string, let regex = string(value, what: "fragment '\(key.string ?? "?")'") else { continue }
                fragments[name] = (regex, location(value))
            }
        } else if let node = top["fragments"] {
            problem(node, "'fragments' must be a map of name to regex")
        }
        var patterns: [RawPattern] = []
        if let node = top["patterns"] {
            guard case let .sequence(list) = node else {
                problem(node, "'patterns' must be a list")
                return ([], fragments)
            }
            for item in list {
                guard let fields = mapping(item, allowed: Self.patternKeys, what: "pattern") else { continue }
                patterns.append(RawPattern(definitionFields: fields, location: location(item)))
            }
        }
        return (patterns, fragments)
    }

    static let patternKeys: Set<String> = ["id", "kind", "title", "prefilter", "regex", "defaults", "valueSeparator", "samples", "counterSamples"]

    /// Turns a raw pattern into a definition, expanding `{{fragment}}` references.
    func definition(from raw: RawPattern, fragments: [String: (String, SourceLocation)]) -> PatternDefinition? {
        let fields = raw.definitionFields
        let before = problems.count
        for required in ["id", "kind", "title", "prefilter", "regex", "samples"] where fields[required] == nil {
            problems.append(.init(location: raw.location, message: "pattern is missing '\(required)'"))
        }
        guard problems.count == before else { return nil }
        let id = string(fields["id"]!, what: "id")
        let kindText = string(fields["kind"]!, what: "kind")
        let kind = kindText.flatMap(IncidentKind.init(rawValue:))
        if let kindText, kind == nil {
            problem(fields["kind"]!, "unknown kind '\(kindText)' (expected one of \(IncidentKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let title = string(fields["title"]!, what: "title")
        let prefilter = strings(fields["prefilter"]!, what: "prefilter")
        if prefilter?.isEmpty == true || prefilter?.contains("") == true {
            problem(fields["prefilter"]!, "'prefilter' needs at least one non-empty literal")
        }
        let regex = string(fields["regex"]!, what: "regex").flatMap { expand($0, fragments: fragments, at: fields["regex"]!) }
        var defaults: [String: String] = [:]
        if let node = fields["defaults"] {
            if let map = mapping(node, allowed: FindingField.allNames, what: "defaults") {
                for (key, value) in map { defaults[key] = string(value, what: "default '\(key)'") }
            }
        }
        let separator = fields["valueSeparator"].flatMap { string($0, what: "valueSeparator") }
        let samples = sequence(fields["samples"]!, what: "samples").compactMap(sample)
        let counterSamples = fields["counterSamples"].map { sequence($0, what: "counterSamples") }?.compactMap { node -> PatternCounterSample? in
            string(node, what: "counter-sample").map { PatternCounterSample(text: $0, location: location(node)) }
        } ?? []
        if samples.isEmpty { problems.append(.init(location: raw.location, message: "pattern '\(id ?? "?")' has no samples")) }
        guard problems.count == before, let id, let kind, let title, let prefilter, let regex else { return nil }
        return PatternDefinition(id: id, kind: kind, title: title, prefilter: prefilter, regex: regex, defaults: defaults,
                                 valueSeparator: separator, samples: samples, counterSamples: counterSamples, location: raw.location)
    }

    private func sample(_ node: Node) -> PatternSample? {
        guard let fields = mapping(node, allowed: ["text", "expect"], what: "sample") else { return nil }
        guard let textNode = fields["text"], let text = string(textNode, what: "sample text") else {
            problem(node, "sample is missing 'text'")
            return nil
        }
        guard let expectNode = fields["expect"] else {
            problem(node, "sample is missing 'expect'")
            return nil
        }
        let expectations: [Node] = if case let .sequence(list) = expectNode { Array(list) } else { [expectNode] }
        var expected: [[String: String]] = []
        for item in expectations {
            guard let map = mapping(item, allowed: FindingField.allNames, what: "expected finding") else { return nil }
            var finding: [String: String] = [:]
            for (key, value) in map { finding[key] = string(value, what: "expected '\(key)'") }
            expected.append(finding)
        }
        return PatternSample(text: text, expected: expected, location: location(node))
    }

    private func expand(_ regex: String, fragments: [String: (String, SourceLocation)], at node: Node) -> String? {
        var result = ""
        var rest = Substring(regex)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                problem(node, "unterminated '{{' in regex")
                return nil
            }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard let fragment = fragments[name] else {
                problem(node, "unknown fragment '{{\(name)}}'")
                return nil
            }
            result += fragment.0
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    // MARK: Node helpers

    private func mapping(_ node: Node, allowed: Set<String>, what: String) -> [String: Node]? {
        guard case let .mapping(map) = node else {
            problem(node, "\(what) must be a map")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in map {
            guard let name = key.string else { problem(key, "\(what) keys must be text"); continue }
            guard allowed.contains(name) else {
                problem(key, "unknown key '\(name)' in \(what) (allowed: \(allowed.sorted().joined(separator: ", ")))")
                continue
            }
            if result[name] != nil { problem(key, "duplicate key '\(name)' in \(what)") }
            result[name] = value
        }
        return result
    }

    private func string(_ node: Node, what: String) -> String? {
        guard case let .scalar(scalar) = node else {
            problem(node, "\(what) must be text")
            return nil
        }
        return scalar.string
    }

    private func strings(_ node: Node, what: String) -> [String]? {
        guard case let .sequence(list) = node else {
            problem(node, "\(what) must be a list of text")
            return nil
        }
        let values = list.compactMap { string($0, what: "\(what) entry") }
        return values.count == list.count ? values : nil
    }

    private func sequence(_ node: Node, what: String) -> [Node] {
        guard case let .sequence(list) = node else {
            problem(node, "\(what) must be a list")
            return []
        }
        return Array(list)
    }

    private func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0)
    }

    private func problem(_ node: Node, _ message: String) {
        problems.append(.init(location: location(node), message: message))
    }

    private static func line(of error: Error) -> Int {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
                return mark.line
            default: return 0
            }
        }
        return 0
    }

    private static func summary(of error: Error) -> String {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
                return problem
            default: break
            }
        }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
