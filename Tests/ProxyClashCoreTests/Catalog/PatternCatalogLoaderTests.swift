import PCRE2
import Testing
@testable import ProxyClashCore

@Suite struct PatternCatalogLoaderTests {
    private static let minimal = """
    patterns:
      - id: demo
        kind: proxy-address-in-use
        title: Demo
        prefilter: ["is already being used by"]
        regex: 'proxy address "(?<address>[^"\\n]+)" is already being used by'
        samples:
          - text: 'The proxy address "SMTP:a@contoso.com" is already being used by x'
            expect:
              key: smtp:a@contoso.com
              address: SMTP:a@contoso.com
    """

    @Test func checkerReportsAWrongExpectation() throws {
        let wrong = Self.minimal.replacingOccurrences(of: "key: smtp:a@contoso.com", with: "key: smtp:b@contoso.com")
        let catalog = try PatternCatalog.load(sources: [("demo.yaml", wrong)])
        let failures = PatternChecker(catalog: catalog).check()
        #expect(failures.count == 1)
        #expect(failures.first?.description.hasPrefix("demo.yaml:8: pattern 'demo': expected") == true)
    }

    @Test func checkerReportsASampleMissingThePrefilterLiteral() throws {
        let text = Self.minimal.replacingOccurrences(of: #"prefilter: ["is already being used by"]"#, with: #"prefilter: ["LegacyExchangeDN"]"#)
        let failures = PatternChecker(catalog: try PatternCatalog.load(sources: [("demo.yaml", text)])).check()
        #expect(failures.map(\.message).first?.contains("prefilter literals") == true)
    }

    @Test func checkerReportsACounterSampleThatMatches() throws {
        let text = Self.minimal + "\n    counterSamples:\n      - 'The proxy address \"SMTP:c@contoso.com\" is already being used by y'\n"
        let failures = PatternChecker(catalog: try PatternCatalog.load(sources: [("demo.yaml", text)])).check()
        #expect(failures.map(\.message) == [#"counter-sample produced {address: SMTP:c@contoso.com, key: smtp:c@contoso.com}"#])
    }

    @Test func unknownKeyIsRejectedWithItsLine() {
        let text = Self.minimal.replacingOccurrences(of: "    title: Demo", with: "    title: Demo\n    colour: red")
        #expect {
            try PatternCatalog.load(sources: [("demo.yaml", text)])
        } throws: { error in
            (error as? CatalogError)?.description.hasPrefix("demo.yaml:5: unknown key 'colour' in pattern") == true
        }
    }

    @Test func duplicateIDsAreRejected() {
        #expect {
            try PatternCatalog.load(sources: [("a.yaml", Self.minimal), ("b.yaml", Self.minimal)])
        } throws: { error in
            (error as? CatalogError)?.description == "b.yaml:2: duplicate pattern id 'demo' (first defined at a.yaml:2)"
        }
    }

    @Test func compileErrorNamesTheFileAndOffset() {
        let text = Self.minimal.replacingOccurrences(of: #"regex: 'proxy address"#, with: #"regex: '(proxy address"#)
        #expect {
            try PatternCatalog.load(sources: [("demo.yaml", text)])
        } throws: { error in
            let description = (error as? CatalogError)?.description ?? ""
            return description.hasPrefix("demo.yaml:2: pattern 'demo': regex does not compile: missing closing parenthesis at offset")
        }
    }

    @Test func unknownGroupNameIsRejected() {
        let text = Self.minimal.replacingOccurrences(of: "(?<address>", with: "(?<mailbox>")
        #expect {
            try PatternCatalog.load(sources: [("demo.yaml", text)])
        } throws: { error in
            (error as? CatalogError)?.description.contains("unknown group name 'mailbox'") == true
        }
    }

    @Test func fragmentsExpandAcrossFiles() throws {
        let fragments = "fragments:\n  quote: '[\"“]'\n"
        let text = Self.minimal.replacingOccurrences(of: #"proxy address "(?<address>[^"\n]+)""#, with: #"proxy address {{quote}}(?<address>[^"\n]+){{quote}}"#)
        let catalog = try PatternCatalog.load(sources: [("fragments.yaml", fragments), ("demo.yaml", text)])
        #expect(catalog.patterns.first?.definition.regex.contains(#"["“]"#) == true)
        #expect(PatternChecker(catalog: catalog).check().isEmpty)
    }

    @Test func invalidYAMLGivesTheLine() {
        #expect {
            try PatternCatalog.load(sources: [("bad.yaml", "patterns:\n  - id: [unclosed\n")])
        } throws: { error in
            (error as? CatalogError)?.description.hasPrefix("bad.yaml:") == true
        }
    }

    /// Every value of a pattern file is text: `1` and `"1"` (or `true` and `'true'`) are the same
    /// key, so a file that spells one fragment both ways is told it has a duplicated key, not
    /// silently given the last one.
    @Test func keysThatReadAsTheSameTextAreDuplicates() {
        #expect {
            try PatternCatalog.load(sources: [("dup.yaml", "fragments:\n  1: a\n  \"1\": b\n")])
        } throws: { error in
            let description = (error as? CatalogError)?.description ?? ""
            return description.hasPrefix("dup.yaml:") && description.contains("duplicated key")
        }
    }
}
