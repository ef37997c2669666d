/// One pattern as written in a `Patterns/*.yaml` file, before compilation.
public struct PatternDefinition: Sendable {
    /// Stable identifier, unique across every loaded file.
    public let id: String
    public let kind: IncidentKind
    public let title: String
    /// Literals of which at least one occurs in every record the pattern can match (case-sensitive).
    public let prefilter: [String]
    /// PCRE2 source with fragments already expanded.
    public let regex: String
    /// Fixed field values for what the message implies but does not spell out (e.g. `attribute`).
    public let defaults: [String: String]
    /// When set, the `value` group holds a list split on this separator (`[ProxyAddresses a;b;]`).
    public let valueSeparator: String?
    public let samples: [PatternSample]
    public let counterSamples: [PatternCounterSample]
    /// Where it was defined, for error messages: `file:line`.
    public let location: SourceLocation
}

/// A text a pattern must match, with the findings it must produce.
public struct PatternSample: Sendable {
    public let text: String
    /// Expected findings: each a map of field name (`key`, `address`, `owner`, ...) to value.
    public let expected: [[String: String]]
    public let location: SourceLocation
}

/// A text that must produce no finding (it may match the regex, e.g. a documentation placeholder).
public struct PatternCounterSample: Sendable {
    public let text: String
    public let location: SourceLocation
}

/// A place in a pattern file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public var description: String { "\(file):\(line)" }
}
