import Foundation
import Testing

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
        #expect(json?["counts"] as? [String: Int] == ["new": 3, "ongoing": 0, "recurring": 0, "resolved": 0, "unconfirmed": 0, "undated": 0])
        #expect(json?["perDay"] as? [Int] == [6, 0, 0, 0, 0, 0, 0])
        let incidents = json?["incidents"] as? [[String: Any]] ?? []
        #expect(incidents.first?["key"] as? String == "smtp:lee.chen@contoso.com")
        #expect(incidents.first?["status"] as? String == "new")
        #expect(incidents.first?["occurrences"] as? Int == 3)
        #expect(incidents.first?["dating"] as? [String: Int] == ["text": 3])
        #expect(json?["runs"] as? Int == 1, "the run that recorded the week's messages, whenever it ran")

        // No log covers the next week yet: nothing is called resolved.
        let uncovered = try run(["summary", "--week", "2026-W48", "--history", store, "--format", "markdown"])
        #expect(uncovered.status == 1)
        #expect(uncovered.stdout.contains("no logs for this week (0 runs); 0 new, 0 ongoing, 0 recurring, 0 resolved, 3 unconfirmed, 0 undated"))
        #expect(uncovered.stdout.contains("## Unconfirmed (3)"))
        // A quiet log of that week: now they are resolved.
        let quiet = try temporaryFile("quiet-w48.log", "2026-11-24T08:00:00Z INFO provisioning run: nothing to do\n")
        _ = try run(["scan", quiet.path, "--history", store, "-q", "--format", "json", "-o", "/dev/null"])
        let nextWeek = try run(["summary", "--week", "2026-W48", "--history", store, "--format", "markdown"])
        #expect(nextWeek.status == 0)  // everything resolved
        #expect(nextWeek.stdout.contains("0 new, 0 ongoing, 0 recurring, 3 resolved, 0 unconfirmed, 0 undated; 0 messages from 1 input covering 1 day"))
        #expect(nextWeek.stdout.contains("## Resolved (3)"))
    }

    /// Two shards scanned on different machines, merged into the store twice: the same weekly
    /// summary as one scan of both logs, nothing counted twice.
    @Test func shardsMergedIntoTheHistoryGiveTheSameSummaryAsOneScan() throws {
        let folder = try temporaryFolder().path
        let logs = ["SampleLogs/exo-provisioning-2026-11-16.log", "SampleLogs/alias-sync-console-wrapped.txt"]
        for (index, log) in logs.enumerated() {
            let scan = try run(["scan", log, "--format", "json", "-o", "\(folder)/shard-\(index).json", "--occurrences", "\(folder)/shard-\(index).jsonl"])
            #expect(scan.status == 1)
        }
        let shards = ["\(folder)/shard-0.json", "\(folder)/shard-1.json"]
        let occurrenceFiles = ["\(folder)/shard-0.jsonl", "\(folder)/shard-1.jsonl"]
        for _ in 0..<2 {
            let merge = try run(["merge"] + shards + ["--occurrences"] + occurrenceFiles + ["--history", "\(folder)/sharded.sqlite", "-o", "/dev/null"])
            #expect(merge.status == 1, "\(merge.stderr)")
        }
        _ = try run(["scan"] + logs + ["--history", "\(folder)/one.sqlite", "-q", "--format", "json", "-o", "/dev/null"])
        let summaries = try ["sharded", "one"].map { name in
            try run(["summary", "--week", "2026-W47", "--history", "\(folder)/\(name).sqlite", "--format", "json"]).stdout
        }
        func comparable(_ json: String) throws -> [String: Any] {
            var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
            object["generatedAt"] = nil
            return object
        }
        let sharded = try comparable(summaries[0])
        let one = try comparable(summaries[1])
        #expect((sharded["counts"] as? [String: Int]) == (one["counts"] as? [String: Int]))
        #expect((sharded["perDay"] as? [Int]) == (one["perDay"] as? [Int]))
        #expect((sharded["coveredDays"] as? [Bool]) == (one["coveredDays"] as? [Bool]))
        let keys = { (object: [String: Any]) in (object["incidents"] as? [[String: Any]] ?? []).map { "\($0["key"]!) \($0["occurrences"]!)" } }
        #expect(keys(sharded) == keys(one))
        #expect(keys(one).count == 5)
    }

    /// A shard given without its occurrences file must not record a week of conflicts as none.
    @Test func aShardWithoutItsOccurrencesIsSaid() throws {
        let folder = try temporaryFolder().path
        _ = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--format", "json", "-o", "\(folder)/shard.json"])
        let merge = try run(["merge", "\(folder)/shard.json", "--history", "\(folder)/h.sqlite", "-o", "/dev/null"])
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("3 incident(s) of the reports have no message in the --occurrences files"))
        let garbage = try temporaryFile("bad.jsonl", "{\"kind\":1}\nnot json\n")
        let bad = try run(["merge", "\(folder)/shard.json", "--occurrences", garbage.path, "--history", "\(folder)/h2.sqlite", "-o", "/dev/null"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.jsonl:1: not an occurrence line ('kind' has the wrong type); left out"))
        #expect(bad.stderr.contains("bad.jsonl:2: not an occurrence line (not JSON); left out"))
    }

    @Test func occurrencesNeedHistoryAndRefuseRedaction() throws {
        let merge = try run(["merge", "a.json", "--occurrences", "a.jsonl"])
        #expect(merge.status == 64)
        let scan = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--occurrences", "/dev/null", "--redact", "full", "--redact-key", "k"])
        #expect(scan.status == 64)
        #expect(scan.stderr.contains("--occurrences names every real address"))
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
        // An id copied in upper case is the same incident.
        #expect(try run(["remediate", "PA-71475E9C1A0FF3BA", "--history", store]).stdout == one.stdout)
        // The week in a zone, as summary counts it; misplaced options are said as such.
        let berlin = try run(["remediate", "--all", "--week", "2026-W47", "--timezone", "Europe/Berlin", "--history", store])
        #expect(berlin.status == 0 && berlin.stdout.components(separatedBy: "\n# ==== ").count - 1 == 3)
        let both = try run(["remediate", "--all", "pa-71475e9c1a0ff3ba", "--history", store])
        #expect(both.status == 64 && both.stderr.contains("not both ('pa-71475e9c1a0ff3ba' was read as an incident id)"))
        let weekWithID = try run(["remediate", "pa-71475e9c1a0ff3ba", "--week", "2026-W47", "--history", store])
        #expect(weekWithID.status == 64 && weekWithID.stderr.contains("--week and --timezone go with --all"))
        // A week with nothing open: a script that does nothing, and said so.
        let quiet = try run(["remediate", "--all", "--week", "2026-W40", "--history", store])
        #expect(quiet.status == 0 && !quiet.stdout.contains("# ==== "))
        #expect(quiet.stderr == "proxyclash: \(store): no open incident in 2026-W40: the script does nothing\n")
    }

    /// As a new user would (issue #16): a transcript where the failed `Set-Mailbox ... @{Add=...}`
    /// sits above the public-folder error gives a script with that address in every step.
    @Test func aTranscriptsFailedCommandFillsTheScriptsAddress() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-ops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("ops.sqlite").path
        let scan = try run(["scan", "SampleLogs/hr-mailbox-transcript-2026-11-18.txt", "--history", store, "--format", "json", "-q"])
        #expect(scan.stdout.contains("\"addressSource\" : \"context\""))
        let script = try run(["remediate", "ao-867ba9c0c816b2e5", "--history", store])
        #expect(script.status == 0)
        #expect(script.stdout.contains("# Address: smtp:hr@contoso.com, from the log around the message"))
        #expect(script.stdout.contains("Set-MailPublicFolder -Identity $folder.Identity -EmailAddresses @{Remove = 'smtp:hr@contoso.com'}"))
        #expect(script.stdout.contains("Where-Object { $_.ProxyAddresses -icontains 'smtp:hr@contoso.com' }"))
        #expect(script.stdout.contains("Set-RecipientProxyAddress -Recipient $recipient -Change Add -Address 'smtp:hr@contoso.com'"))
        #expect(!script.stdout.contains("<") && !script.stdout.contains("Read-ProxyAddress"))
    }

    @Test func summaryWithoutAStoreExplainsHowToMakeOne() throws {
        let result = try run(["summary", "--history", "/nonexistent/ops.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no history store yet"))
    }
}
