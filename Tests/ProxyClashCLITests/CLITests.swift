import Foundation
import Testing

@Suite(.serialized) struct CLITests {
    @Test func scanningSampleLogsFindsIncidentsAndExitsOne() throws {
        let result = try run(["scan", "SampleLogs/"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("ProxyClash: 31 incidents from 48 messages in 18 files"))
        #expect(!result.stdout.contains("\u{1B}["))  // stdout is a pipe: no colour
        // The mixed-encoding sample warns on stderr, one line per problem, path and line first.
        #expect(result.stderr.split(separator: "\n").map { $0.prefix(57) } == [
            "proxyclash: SampleLogs/run-history-mixed-encoding.log:3: ",
            "proxyclash: SampleLogs/run-history-mixed-encoding.log:4: ",
            "proxyclash: SampleLogs/run-history-mixed-encoding.log: te",
        ])
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
        #expect(try run(["scan", "x.log", "--format", "yaml"]).status == 64)
        #expect(try run(["scan", "x.log", "--timezone", "Mars/Olympus"]).status == 64)
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

    @Test func helpShowsExamples() throws {
        let help = try run(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("proxyclash scan logs/ more.log.gz - --format json > report.json"))
    }
}

@Suite(.serialized) struct MergeCLITests {
    @Test func mergeCombinesShardReports() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let a = folder.appendingPathComponent("a.json").path
        let b = folder.appendingPathComponent("b.json").path
        let whole = folder.appendingPathComponent("whole.json").path
        _ = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--format", "json", "-o", a])
        _ = try run(["scan", "SampleLogs/onboarding-transcript-utf16le.txt", "--format", "json", "-o", b])
        _ = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "SampleLogs/onboarding-transcript-utf16le.txt", "--format", "json", "-o", whole])
        let merged = try run(["merge", a, b])
        #expect(merged.status == 1)
        #expect(merged.stdout == (try String(contentsOfFile: whole, encoding: .utf8)))
    }

    @Test func unreadableReportIsSkippedWithExitTwo() throws {
        let bad = try temporaryFile("bad.json", "{ not json")
        let result = try run(["merge", bad.path, "--format", "text"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("proxyclash: \(bad.path): not a readable proxyclash JSON report"))
        #expect(result.stdout.hasPrefix("ProxyClash: 0 incidents"))
    }
}

@Suite(.serialized) struct HistoryCLITests {
    @Test func scanRecordsOnceAndSummaryReportsTheWeek() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-ops-\(UUID().uuidString).sqlite").path
        let first = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--history", store, "--format", "json", "-o", "/dev/null"])
        #expect(first.status == 1)
        #expect(first.stderr == "proxyclash: \(store): 6 new messages recorded\n")
        let again = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--history", store, "--format", "json", "-o", "/dev/null"])
        #expect(again.stderr == "proxyclash: \(store): 0 new messages recorded\n")

        let summary = try run(["summary", "--week", "2026-W47", "--history", store, "--format", "json"])
        #expect(summary.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any]
        #expect(json?["schema"] as? String == "proxyclash.summary/v1")
        #expect(json?["counts"] as? [String: Int] == ["new": 3, "ongoing": 0, "recurring": 0, "resolved": 0])
        #expect(json?["perDay"] as? [Int] == [6, 0, 0, 0, 0, 0, 0])
        let incidents = json?["incidents"] as? [[String: Any]] ?? []
        #expect(incidents.first?["key"] as? String == "smtp:lee.chen@contoso.com")
        #expect(incidents.first?["status"] as? String == "new")
        #expect(incidents.first?["occurrences"] as? Int == 3)

        let nextWeek = try run(["summary", "--week", "2026-W48", "--history", store, "--format", "markdown"])
        #expect(nextWeek.status == 0)  // everything resolved
        #expect(nextWeek.stdout.contains("0 new, 0 ongoing, 0 recurring, 3 resolved"))
        #expect(nextWeek.stdout.contains("## Resolved (3)"))
    }

    @Test func remediateWritesAScriptForOneOrAllOpenIncidents() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-ops-\(UUID().uuidString).sqlite").path
        _ = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--history", store, "-q", "--format", "json", "-o", "/dev/null"])
        let one = try run(["remediate", "pa-71475e9c1a0ff3ba", "--history", store])
        #expect(one.status == 0)
        #expect(one.stdout.contains("# ==== pa-71475e9c1a0ff3ba proxy-address-in-use: SMTP:lee.chen@contoso.com"))
        #expect(one.stdout.contains("# Seen 3 time(s)"))
        let all = try run(["remediate", "--all", "--week", "2026-W47", "--history", store])
        #expect(all.stdout.components(separatedBy: "\n# ==== ").count - 1 == 3)
        let missing = try run(["remediate", "pa-0000000000000000", "--history", store])
        #expect(missing.status == 64)
        #expect(try run(["remediate", "--history", store]).status == 64)
    }

    @Test func summaryWithoutAStoreExplainsHowToMakeOne() throws {
        let result = try run(["summary", "--history", "/nonexistent/ops.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no history store yet"))
    }
}

@Suite(.serialized) struct HostileInputCLITests {
    @Test func endlessZerosStopAtOnceAsBinary() throws {
        let start = Date()
        let result = try run(["scan", "/dev/zero", "--format", "json"])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.status == 2)
        #expect(result.stderr == "proxyclash: /dev/zero: binary file (starts with NUL bytes): not scanned\n")
        let summary = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["skipped"] as? Int == 1)
    }

    @Test func randomBytesStopAsBinary() throws {
        let start = Date()
        let result = try run(["scan", "/dev/urandom", "--format", "json", "--quiet"])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("proxyclash: /dev/urandom: binary file ("))
        let summary = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any]
        #expect((summary?["diagnostics"] as? [String: Int])?["skipped-input"] == 1)
    }

    /// A folder holding a symbolic link loop and a file whose reads fail. `/proc/self/mem` fails
    /// with EIO for every user; a mode-000 file would not do, since root (CI) reads it anyway.
    /// The link to a folder is not followed (a note in the report); with -L the loop is walked once.
    @Test func folderWithALinkLoopAndAnUnreadableFileScansTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "SampleLogs/exo-provisioning-2026-11-16.log", toPath: folder.appendingPathComponent("good.log").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("mem.log").path, withDestinationPath: "/proc/self/mem")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
        for follow in [false, true] {
            let result = try run(["scan", folder.path, "--format", "json"] + (follow ? ["-L"] : []))
            #expect(result.status == 2)
            #expect(result.stderr == "proxyclash: \(folder.path)/mem.log: read error: Input/output error\n")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect((json?["incidents"] as? [Any])?.count == 3)
            let statuses = (json?["inputs"] as? [[String: Any]])?.map { "\(($0["path"] as? String ?? "").split(separator: "/").last ?? ""): \($0["status"] ?? "")" }
            #expect(statuses == ["good.log: scanned", "mem.log: unreadable"])
            #expect((json?["summary"] as? [String: Any])?["skipped"] as? Int == 1)
            let notes = (json?["diagnostics"] as? [[String: Any]])?.filter { $0["category"] as? String == "skipped-path" }.compactMap { $0["message"] as? String }
            #expect(notes == [follow ? "folder already walked (reached again through a symbolic link): skipped"
                                     : "symbolic link to a folder: not followed (use -L/--follow to follow it)"])
        }
    }

    /// A 1 GiB line without a newline, fed through a FIFO: its first --max-record-length bytes
    /// are scanned, the rest is skipped over, and the line after it is found at its right number.
    @Test func oneGibibyteLineIsCutAndTheNextLineIsStillFound() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let head = Data((conflictLine + " ").utf8)
        let tail = Data(("\n" + conflictLine.replacingOccurrences(of: "lee.chen", with: "after.line") + "\n").utf8)
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(head)
            for _ in 0..<1024 { handle?.write(block) }
            handle?.write(tail)
            try? handle?.close()
        }
        writer.start()
        let result = try run(["scan", fifo, "--format", "json"])
        #expect(result.status == 2)  // most of the line was not scanned
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let summary = json?["summary"] as? [String: Any]
        #expect(summary?["records"] as? Int == 2)
        #expect(summary?["bytes"] as? Int == head.count + (1 << 30) + tail.count)
        #expect((summary?["diagnostics"] as? [String: Int])?["overlong-record"] == 1)
        let places = (json?["incidents"] as? [[String: Any]])?.map { incident -> String in
            let place = ((incident["sources"] as? [String: Any])?["sample"] as? [[String: Any]])?.first
            return "\(incident["key"] ?? ""): line \(place?["line"] ?? "")"
        }
        #expect(places?.sorted() == ["smtp:after.line@contoso.com: line 2", "smtp:lee.chen@contoso.com: line 1"])
    }

    @Test func aFIFOIsReadLikeAFile() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(#"The proxy address "SMTP:pipe@contoso.com" is already being used by "x/y". Choose another proxy address."#.utf8 + [0x0A]))
            try? handle?.close()
        }
        writer.start()
        let result = try run(["scan", fifo, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("smtp:pipe@contoso.com"))
    }

    @Test func controlSequencesInLogsReachTheTerminalEscaped() throws {
        let file = try temporaryFile("evil.log", "The proxy address \"SMTP:a@contoso.com\" is already being used by \"x/\u{1B}]8;;http://evil\u{7}click\u{1B}]8;;\u{7}\u{1B}[2J\u{202E}gpj.exe\". Choose another proxy address.\n")
        let result = try run(["scan", file.path, "--color", "always"])
        #expect(!result.stdout.contains("\u{1B}]"))
        #expect(!result.stdout.contains("\u{1B}[2J"))
        #expect(!result.stdout.contains("\u{202E}"))
        #expect(result.stdout.contains("\\u{1B}]8;;http://evil\\u{7}click"))
    }
}
