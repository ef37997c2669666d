import Foundation
import GRDB
import HistoryTestSupport
import Testing

/// The history store's problems in `scan`, `summary` and `remediate`: the report is still
/// written, one line names the store and says what happened, the exit status is 2.
@Suite(.serialized) struct HistorySafetyTests {
    private let log = "SampleLogs/exo-provisioning-2026-11-16.log"

    /// A new folder of the test's own.
    private func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A store holding one earlier run (of one message not in `log`), closed again.
    private func recordedStore() throws -> String {
        let other = try temporaryFile("other.log", conflictLine.replacingOccurrences(of: "lee.chen", with: "ann.other") + "\n")
        let path = other.deletingLastPathComponent().appendingPathComponent("ops.sqlite").path
        let first = try run(["scan", other.path, "--history", path, "-q", "--format", "json", "-o", "/dev/null"])
        #expect(first.status == 1)
        return path
    }

    private func incidentCount(_ report: String) throws -> Int? {
        ((try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])?["incidents"] as? [Any])?.count
    }

    @Test func aStoreHeldPastTheTimeoutStillGetsTheReportAndExitsTwo() throws {
        let path = try recordedStore()
        let holder = try WriteLockHolder(path: path)
        let result = try run(["scan", log, "--history", path, "--history-timeout", "2", "--format", "json"])
        try holder.release()
        #expect(result.status == 2)
        #expect(try incidentCount(result.stdout) == 3)
        // The note comes once the wait passes a second (a lock held for a moment is no news).
        #expect(result.stderr == """
            proxyclash: \(path): history store busy, waiting up to 2 s
            proxyclash: \(path): history store still held by another run after waiting 2 s; nothing of this run was stored

            """)
        #expect(try runCount(path) == 1)
    }

    @Test func aStoreReleasedWithinTheTimeoutRecordsTheRun() throws {
        let path = try recordedStore()
        let holder = try WriteLockHolder(path: path)
        let start = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { try? holder.release() }
        let result = try run(["scan", log, "--history", path, "--history-timeout", "120", "--format", "json", "-o", "/dev/null"])
        #expect(Date().timeIntervalSince(start) >= 1.9)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("proxyclash: \(path): 6 new messages recorded\n"))
        #expect(try runCount(path) == 2)
    }

    @Test func aStoreFromANewerProxyclashIsRefusedForWritingButRead() throws {
        let path = try recordedStore()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let scan = try run(["scan", log, "--history", path, "--format", "json"])
        #expect(scan.status == 2)
        #expect(try incidentCount(scan.stdout) == 3)
        #expect(scan.stderr == "proxyclash: \(path): history store written by a newer proxyclash (unknown migration 'v9-from-the-future'); upgrade proxyclash; scanning anyway, nothing of this run will be stored\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let summary = try run(["summary", "--week", "2026-W47", "--history", path, "--format", "json"])
        #expect(summary.status == 1)
        #expect(summary.stderr == "proxyclash: \(path): history store written by a newer proxyclash (unknown migration 'v9-from-the-future'); reading what this version knows\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// Stores no command can use, each made in `folder`: its path and the reason every command gives.
    enum UnusableStore: CaseIterable {
        case underAFile, folder, notADatabase, anotherDatabase

        func make(in folder: String) throws -> (path: String, reason: String) {
            switch self {
            case .underAFile:
                try Data("notes\n".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
                return (folder + "/notes.txt/ops.sqlite", "\(folder)/notes.txt is a file, not a folder")
            case .folder:
                return (folder, "\(folder) is a folder, not a file")
            case .notADatabase:
                try Data("a log, not a database\n".utf8).write(to: URL(fileURLWithPath: folder + "/ops.sqlite"))
                return (folder + "/ops.sqlite", "it is not an SQLite database (left as it is)")
            case .anotherDatabase:
                try DatabaseQueue(path: folder + "/ops.sqlite").write { try $0.execute(sql: "CREATE TABLE contacts (name TEXT)") }
                return (folder + "/ops.sqlite", "it is not a proxyclash history store (left as it is)")
            }
        }
    }

    @Test(arguments: UnusableStore.allCases)
    func anUnusableStoreExitsTwoInEveryCommand(_ store: UnusableStore) throws {
        let (path, reason) = try store.make(in: try folder())
        let line = "proxyclash: \(path): history store cannot be used: \(reason)"
        let scan = try run(["scan", log, "--history", path, "--format", "json"])
        #expect(scan.status == 2)
        #expect(try incidentCount(scan.stdout) == 3)
        #expect(scan.stderr == line + "; scanning anyway, nothing of this run will be stored\n")
        for command in [["summary", "--week", "2026-W47"], ["remediate", "--all"], ["remediate", "pa-71475e9c1a0ff3ba"]] {
            let result = try run(command + ["--history", path])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr == line + "\n", "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
    }

    @Test func remediateWithoutAStoreExitsTwoLikeSummary() throws {
        let path = try folder() + "/missing/ops.sqlite"
        let summary = try run(["summary", "--history", path])
        let remediate = try run(["remediate", "--all", "--history", path])
        #expect(summary.status == 2)
        #expect(remediate.status == 2)
        #expect(remediate.stderr == "proxyclash: \(path): no history store yet: record runs with 'proxyclash scan --history \(path)'\n")
        #expect(summary.stderr == remediate.stderr)
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
    }

    @Test func aNegativeTimeoutIsAUsageError() throws {
        let result = try run(["scan", log, "--history", try folder() + "/ops.sqlite", "--history-timeout=-1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--history-timeout must be 0 or more seconds"))
    }
}
