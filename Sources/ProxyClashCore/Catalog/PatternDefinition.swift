/// One pattern as written in a `Patterns/*.yaml` file, before compilation.
package struct PatternDefinition: Sendable {
    /// Stable identifier, unique across every loaded file.
    package let id: String
    package let kind: IncidentKind
    package let title: String
    /// Literals of which at least one occurs in every record the pattern can match (case-sensitive).
    package let prefilter: [String]
    /// PCRE2 source with fragments already expanded.
    package let regex: String
    /// Fixed field values for what the message implies but does not spell out (e.g. `attribute`).
    package let defaults: [String: String]
    /// When set, the `value` group holds a list split on this separator (`[ProxyAddresses a;b;]`).
    package let valueSeparator: String?
    package let samples: [PatternSample]
    package let counterSamples: [PatternCounterSample]
    /// Where it was defined, for error messages: `file:line`.
    package let location: SourceLocation
}

/// A text a pattern must match, with the findings it must produce.
package struct PatternSample: Sendable {
    package let text: String
    /// Expected findings: each a map of field name (`key`, `address`, `owner`, ...) to value.
    package let expected: [[String: String]]
    package let location: SourceLocation
}

/// A text that must produce no finding (it may match the regex, e.g. a documentation placeholder).
package struct PatternCounterSample: Sendable {
    package let text: String
    package let location: SourceLocation
}

/// A place in a pattern file.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    package let file: String
    package let line: Int
    package var description: String { "\(file):\(line)" }
}
