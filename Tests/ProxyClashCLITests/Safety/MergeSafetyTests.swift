import Foundation
import Testing

/// `proxyclash merge` on hostile or broken shards: never a crash, every bad shard reported and
/// recorded, the rest merged, exit code 2.
@Suite(.serialized) struct MergeSafetyTests {
    /// A folder of its own for one test.
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-merge-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The JSON report of one sample log, written into `folder` as `name`, after `edit`.
    private func shard(_ name: String, in folder: URL, edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let scan = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--format", "json", "-o", path])
        #expect(scan.status == 1)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func editFirstIncident(_ json: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var incidents = json["incidents"] as! [[String: Any]]
        edit(&incidents[0])
        json["incidents"] = incidents
    }

    private func editSummary(_ json: inout [String: Any], _ key: String, _ value: Int) {
        var summary = json["summary"] as! [String: Any]
        summary[key] = value
        json["summary"] = summary
    }

    /// `value` as JSON with sorted keys, to compare decoded values.
    private func canonical(_ value: Any?) throws -> Data {
        try JSONSerialization.data(withJSONObject: try #require(value), options: .sortedKeys)
    }

    private func report(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func countsAtIntMaxSaturateInsteadOfCrashing() throws {
        let folder = try folder()
        let huge = try shard("huge.json", in: folder) { json in
            editFirstIncident(&json) { $0["occurrences"] = Int.max }
            for key in ["files", "bytes", "records", "messages", "skipped"] { editSummary(&json, key, Int.max) }
        }
        // Two copies (one file named twice is merged once): their sum overflows.
        let copy = folder.appendingPathComponent("huge-copy.json").path
        try FileManager.default.copyItem(atPath: huge, toPath: copy)
        let normal = try shard("normal.json", in: folder)
        let merged = try run(["merge", huge, copy, normal])
        #expect(merged.status == 2, "\(merged.stderr)")  // the shard says inputs were skipped
        #expect(merged.stderr.isEmpty)
        let json = try report(merged.stdout)
        let summary = try #require(json["summary"] as? [String: Any])
        for key in ["files", "bytes", "records", "messages", "skipped"] { #expect(summary[key] as? Int == Int.max) }
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        #expect(incidents.contains { $0["occurrences"] as? Int == Int.max })
        let text = try run(["merge", huge, huge, "--format", "text"])
        #expect(text.status == 2)
        #expect(text.stdout.contains("\(Int.max)×"))
    }

    /// A shard refused for `reason`, merged with a good one: reported on stderr, recorded in the
    /// report, the good one still merged, exit code 2.
    @Test(arguments: [
        ("incidents[0].occurrences: a count cannot be negative (-3)", "occurrences", -3 as any Sendable),
        ("incidents[0].firstSeen: not an ISO 8601 time ('yesterday')", "firstSeen", "yesterday" as any Sendable),
        ("incidents[0].kind: unknown incident kind 'nonsense'", "kind", "nonsense" as any Sendable),
    ] as [(String, String, any Sendable)])
    func badIncidentFieldRefusesOnlyThatShard(reason: String, field: String, value: any Sendable) throws {
        let folder = try folder()
        let bad = try shard("bad.json", in: folder) { json in editFirstIncident(&json) { $0[field] = value } }
        let good = try shard("good.json", in: folder)
        let merged = try run(["merge", bad, good])
        #expect(merged.status == 2)
        #expect(merged.stderr == "proxyclash: \(bad): \(reason)\n")
        let single = try run(["merge", good])
        try expectRecorded([(bad, reason)], in: merged.stdout, merging: single.stdout)
    }

    @Test func unreadableMalformedAndForeignShardsAreAllLeftOut() throws {
        let folder = try folder()
        let good = try shard("good.json", in: folder)
        let missing = folder.appendingPathComponent("missing.json").path
        let malformed = folder.appendingPathComponent("malformed.json").path
        try Data("{ \"schema\": ".utf8).write(to: URL(fileURLWithPath: malformed))
        let foreign = folder.appendingPathComponent("summary.json").path
        try Data(#"{"schema": "proxyclash.summary/v1", "incidents": []}"#.utf8).write(to: URL(fileURLWithPath: foreign))
        let merged = try run(["merge", missing, foreign, good, malformed])
        #expect(merged.status == 2)
        let lines = merged.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "proxyclash: \(missing): no such file or directory")
        #expect(lines[1] == "proxyclash: \(foreign): not a proxyclash.report/v1 report (schema 'proxyclash.summary/v1')")
        #expect(lines[2].hasPrefix("proxyclash: \(malformed): not a readable proxyclash JSON report ("))
        let reasons = lines.map { String($0.dropFirst("proxyclash: ".count)) }
        let single = try run(["merge", good])
        try expectRecorded(zip([missing, foreign, malformed], reasons).map { ($0, String($1.dropFirst($0.count + 2))) },
                           in: merged.stdout, merging: single.stdout)
    }

    @Test(arguments: ["json", "text"])
    func everyShardBadStillWritesAnEmptyReport(format: String) throws {
        let folder = try folder()
        let negative = try shard("negative.json", in: folder) { editSummary(&$0, "bytes", -1) }
        let missing = folder.appendingPathComponent("missing.json").path
        let output = folder.appendingPathComponent("merged.\(format)").path
        let merged = try run(["merge", negative, missing, "--format", format, "-o", output])
        #expect(merged.status == 2)
        #expect(merged.stderr.split(separator: "\n").count == 2)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        if format == "json" {
            let json = try report(written)
            #expect((json["incidents"] as? [Any])?.isEmpty == true)
            #expect((json["inputs"] as? [Any])?.isEmpty == true)
            let summary = try #require(json["summary"] as? [String: Any])
            #expect(summary["skipped"] as? Int == 2)
            #expect(summary["files"] as? Int == 0)
            #expect((summary["diagnostics"] as? [String: Int])?["unreadable-input"] == 2)
        } else {
            #expect(written.hasPrefix("ProxyClash: 0 incidents"))
            #expect(written.contains("2 inputs skipped or unreadable"))
            // The paths are wrapped like any value, but never within a file name.
            #expect(written.contains("negative.json: summary.bytes: a count cannot be negative (-1)"))
            #expect(written.contains("missing.json: no such file or directory"))
        }
    }

    /// `merged` is `single` plus one `unreadable-input` error diagnostic per refused shard, each
    /// counted in `summary.skipped`.
    private func expectRecorded(_ refused: [(path: String, reason: String)], in merged: String, merging single: String) throws {
        let merged = try report(merged), single = try report(single)
        for key in ["incidents", "inputs"] {
            #expect(try canonical(merged[key]) == (try canonical(single[key])), "\(key)")
        }
        let summary = try #require(merged["summary"] as? [String: Any])
        let singleSummary = try #require(single["summary"] as? [String: Any])
        #expect(summary["skipped"] as? Int == (singleSummary["skipped"] as? Int ?? 0) + refused.count)
        #expect((summary["diagnostics"] as? [String: Int])?["unreadable-input"] == refused.count)
        let diagnostics = try #require(merged["diagnostics"] as? [[String: Any]])
        for (path, reason) in refused {
            #expect(diagnostics.contains {
                $0["path"] as? String == path && $0["category"] as? String == "unreadable-input"
                    && $0["severity"] as? String == "error" && $0["message"] as? String == reason && $0["line"] == nil
            }, "\(path): \(reason)")
        }
    }

    /// A shard whose scan skipped content merges to exit 2, as one scan of its inputs exits.
    @Test func aShardWithSkippedContentExitsTwo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("blob.bin").path
        #expect(FileManager.default.createFile(atPath: binary, contents: Data(repeating: 0, count: 100)))
        let scan = try run(["scan", binary, "SampleLogs/exo-provisioning-2026-11-16.log", "--format", "json", "-q"])
        #expect(scan.status == 2)
        let shard = folder.appendingPathComponent("shard.json")
        try Data(scan.stdout.utf8).write(to: shard)
        let merged = try run(["merge", shard.path])
        #expect(merged.status == 2)
        #expect(merged.stderr.isEmpty)
    }

    /// A path that is not a report is refused from its first bytes, not read to its end.
    @Test func endlessInputIsRefusedAtOnce() throws {
        let result = try runShell("timeout 20 \"$PROXYCLASH\" merge /dev/zero")
        #expect(result.status == 2)
        #expect(result.stderr == "proxyclash: /dev/zero: not a proxyclash JSON report (it does not start with '{')\n")
    }
}
