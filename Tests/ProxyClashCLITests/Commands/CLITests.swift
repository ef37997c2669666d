import Foundation
import Testing

@Suite(.serialized) struct CLITests {
    @Test func scanningSampleLogsFindsIncidentsAndExitsOne() throws {
        let result = try run(["scan", "SampleLogs/"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("ProxyClash: 41 incidents from 63 messages in 25 files"))
        #expect(!result.stdout.contains("\u{1B}["))  // stdout is a pipe: no colour
        // The mixed-encoding sample warns on stderr, one line per problem, path and line first.
        #expect(result.stderr.split(separator: "\n").map { $0.prefix(57) } == [
            "proxyclash: SampleLogs/run-history-mixed-encoding.log:3: ",
            "proxyclash: SampleLogs/run-history-mixed-encoding.log:4: ",
            "proxyclash: SampleLogs/run-history-mixed-encoding.log: te",
        ])
    }

    /// `-j2` works as `-j 2` does (as make's does), with the same report.
    @Test func jobsTakeAJoinedValue() throws {
        let joined = try run(["scan", "SampleLogs/", "-j1", "--format", "json", "-q"])
        let separate = try run(["scan", "SampleLogs/", "-j", "1", "--format", "json", "-q"])
        #expect(joined.status == 1)
        func withoutTime(_ text: String) -> String { text.split(separator: "\n").filter { !$0.contains("generatedAt") }.joined(separator: "\n") }
        #expect(withoutTime(joined.stdout) == withoutTime(separate.stdout))
    }

    /// With several workers, warnings still come in input order, the same in every run (they
    /// came in the order the workers happened to finish in).
    @Test func warningsComeInInputOrderWithSeveralWorkers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in 0..<8 {
            // Sizes differ, so the inputs finish out of order; a Latin-1 byte in each owner warns.
            let noise = String(repeating: "2026-11-16T08:00:00Z INFO nothing to see here\n", count: (8 - index) * 2_000)
            var bytes = Array((noise + "2026-11-16T09:00:00Z ERROR The proxy address \"SMTP:u\(index)@contoso.com\" is already being used by \"corp.example/Users/Jos").utf8)
            bytes += [0xE9] + Array("\". Choose another proxy address.\n".utf8)
            try Data(bytes).write(to: folder.appendingPathComponent("log-\(index).log"))
        }
        var outputs: Set<String> = []
        for _ in 0..<5 {
            let result = try run(["scan", folder.path, "-j", "3", "-o", "/dev/null"])
            #expect(result.status == 1)
            outputs.insert(result.stderr)
        }
        #expect(outputs.count == 1)
        let paths = outputs.first?.split(separator: "\n").map { $0.split(separator: ":")[1] } ?? []
        #expect(paths == (0..<8).map { " \(folder.path)/log-\($0).log" })
    }

    @Test func cleanInputExitsZeroWithValidJSON() throws {
        let file = try temporaryFile("quiet.log", "2026-11-16T08:00:00Z INFO nothing to see: proxy address smtp:a@contoso.com added\n")
        let result = try run(["scan", file.path, "--format", "json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["schema"] as? String == "proxyclash.report/v1")
        #expect((json?["incidents"] as? [Any])?.isEmpty == true)
    }

    @Test func unreadablePathIsReportedAndTheRestIsScanned() throws {
        let result = try run(["scan", "/nonexistent/sync.log", "SampleLogs/exo-provisioning-2026-11-16.log", "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stderr == "proxyclash: /nonexistent/sync.log: no such file or directory\n")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["incidents"] as? [Any])?.count == 3)
        #expect((json?["summary"] as? [String: Any])?["skipped"] as? Int == 1)
    }

    @Test func standardInputIsScannedAsDash() throws {
        let result = try run(["scan", "-", "--format", "json"], stdin: conflictLine + "\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""path" : "-""#))
        #expect(result.stdout.contains(#""key" : "smtp:lee.chen@contoso.com""#))
    }

    @Test func outputFileReceivesTheReport() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try run(["scan", "-", "--format", "json", "--output", output.path], stdin: conflictLine)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: output, encoding: .utf8).contains("smtp:lee.chen@contoso.com"))
    }

    /// A skipped binary file is content that was not scanned: an error even with --quiet, exit 2.
    @Test func binaryInputIsAnErrorEvenWhenQuiet() throws {
        let file = try temporaryFile("blob.bin", "\u{0}\u{1}binary\n")
        let loud = try run(["scan", file.path])
        #expect(loud.status == 2)
        #expect(loud.stderr == "proxyclash: \(file.path): binary file (starts with NUL bytes): not scanned\n")
        let quiet = try run(["scan", "--quiet", file.path])
        #expect(quiet.stderr == loud.stderr)
        #expect(quiet.status == 2)
    }

    @Test func weekLimitsTheReport() throws {
        let result = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--week", "2026-W47", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let window = json?["window"] as? [String: Any]
        #expect(window?["since"] as? String == "2026-11-16T00:00:00Z")
        #expect(window?["until"] as? String == "2026-11-23T00:00:00Z")
        let outside = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--since", "2026-11-17", "--format", "json"])
        #expect(outside.status == 0)
        let summary = (try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["outsideWindow"] as? Int == 6)
    }

    @Test func usageErrorsExitSixtyFour() throws {
        #expect(try run(["scan", "x.log", "--week", "2026-W47", "--since", "2026-11-16"]).status == 64)
        #expect(try run(["scan", "x.log", "--since", "2026-11-20", "--until", "2026-11-16"]).status == 64)
        #expect(try run(["scan", "x.log", "--week", "next"]).status == 64)
        #expect(try run(["scan"]).status == 64)
        #expect(try run(["scan", "x.log", "--redact", "full"]).status == 64)  // no key
        #expect(try run(["scan", "x.log", "--redact-key", "k"]).status == 64)  // no mode
        #expect(try run(["scan", "x.log", "--redact", "full", "--redact-key", ""]).status == 64)  // an empty key hides nothing
        #expect(try run(["scan", "x.log", "--since", "2026-02-30"]).status == 64)  // no such day
        let negative = try run(["scan", "x.log", "-j", "-1"])
        #expect(negative.status == 64 && negative.stderr.contains("--jobs must be at least 1"))
        #expect(try run(["scan", "x.log", "--format", "yaml"]).status == 64)
        #expect(try run(["scan", "x.log", "--timezone", "Mars/Olympus"]).status == 64)
    }

    /// `echo KEY > FILE` gives the pseudonyms of `--redact-key KEY`; a key file that is empty
    /// or missing is a usage error on `summary` as on `scan`; warnings on stderr are redacted.
    @Test func redactionKeysAndWarnings() throws {
        let sample = "SampleLogs/run-history-mixed-encoding.log"
        let keyFile = try temporaryFile("key", "s3cret\n")
        let byKey = try run(["scan", sample, "--redact", "full", "--redact-key", "s3cret", "--format", "json"])
        let byFile = try run(["scan", sample, "--redact", "full", "--redact-key-file", keyFile.path, "--format", "json"])
        #expect(byKey.status == 1 && byFile.stdout == byKey.stdout)
        let plain = try run(["scan", sample, "--format", "json", "-o", "/dev/null"])
        #expect(plain.stderr.contains("'SMTP:jos?.garcia@contoso.com' has '?'"))
        #expect(!byKey.stderr.contains("garcia") && !byKey.stderr.contains("contoso"))
        #expect(byKey.stderr.contains("'SMTP:u-") && byKey.stderr.contains(".example' has '?'"))

        let empty = try temporaryFile("empty-key", "")
        let store = try temporaryFolder().appendingPathComponent("ops.sqlite").path
        _ = try run(["scan", sample, "--history", store, "-q", "-o", "/dev/null"])
        let scanWithEmptyKey = try run(["scan", sample, "--redact", "full", "--redact-key-file", empty.path])
        #expect(scanWithEmptyKey.status == 64 && scanWithEmptyKey.stderr == "proxyclash: \(empty.path): redaction key file is empty\n")
        for keyPath in [empty.path, "/nonexistent/key", empty.deletingLastPathComponent().path] {
            let summary = try run(["summary", "--history", store, "--week", "2026-W47", "--redact", "full", "--redact-key-file", keyPath])
            #expect(summary.status == 64)
            #expect(summary.stderr.hasPrefix("proxyclash: \(keyPath): redaction key file"), "\(summary.stderr)")
        }
    }

    @Test func brokenPatternFileIsAUsageErrorNamingFileAndLine() throws {
        let file = try temporaryFile("bad.yaml", "patterns:\n  - id: x\n    kind: nonsense\n")
        let result = try run(["scan", "--patterns", file.deletingLastPathComponent().path, "SampleLogs/"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("bad.yaml:2: pattern is missing 'title'"))
    }

    @Test func patternsListAndCheck() throws {
        let list = try run(["patterns", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }
                == ["entra-duplicate-attribute-values", "entra-upn-modified", "entra-duplicate-detected",
                    "exchange-proxy-address-in-use", "dualwrite-object-conflict", "graph-provisioning-error",
                    "graph-provisioning-error-json-text", "adsync-error-extra-details", "adsync-error-extra-details-json-text",
                    "graph-conflicting-objects-detail"])
        let check = try run(["patterns", "check"])
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("all passed\n"))
    }

    @Test func environmentVariableLocatesPatterns() throws {
        let elsewhere = try run(["patterns", "list"], environment: ["PROXYCLASH_PATTERNS": "/nonexistent/patterns"])
        #expect(elsewhere.status == 64)
        #expect(elsewhere.stderr.contains("/nonexistent/patterns: pattern folder cannot be read"))
    }

    /// Started through PATH, argv[0] is the bare name: the patterns are still found from where
    /// the binary is (here the checkout's Patterns/), whatever the current folder.
    @Test func aBinaryStartedThroughPathFindsItsPatterns() throws {
        let elsewhere = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let listing = try runShell("cd '\(elsewhere.path)' && " + #"PATH="$(dirname "$PROXYCLASH"):$PATH" exec proxyclash patterns list"#)
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains(repositoryRoot.appendingPathComponent("Patterns").path))
    }

    @Test func helpShowsExamples() throws {
        let help = try run(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("proxyclash scan logs/ more.log.gz - --format json > report.json"))
    }
}
