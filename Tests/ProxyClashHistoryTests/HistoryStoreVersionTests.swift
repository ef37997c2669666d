import Foundation
import GRDB
import ProxyClashCore
import Testing
@testable import ProxyClashHistory

/// Stores this version must not write: from a newer proxyclash, or not a ProxyClash store at all.
/// They are refused read-write and left byte for byte as they were.
@Suite struct HistoryStoreVersionTests {
    /// A store with one run, then a migration this version does not know, as a newer proxyclash
    /// leaves it; `change` alters it further (all connections closed afterwards).
    private func newerStore(_ change: String = "") throws -> String {
        let path = temporaryStorePath()
        try HistoryStore(path: path).record(scan(conflict("ann", at: "2026-11-16T09:00:00Z")), startedAt: date("2026-11-16T12:00Z"))
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
            if !change.isEmpty { try db.execute(sql: change) }
        }
        return path
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aNewerStoreIsRefusedReadWriteAndLeftAsItWas() throws {
        let path = try newerStore()
        let before = try bytes(path)
        #expect(throws: HistoryError.newer(path: path, migration: "v9-from-the-future")) { try HistoryStore(path: path) }
        #expect(try bytes(path) == before)
        #expect(HistoryError.newer(path: path, migration: "v9-from-the-future").description
            == "\(path): history store written by a newer proxyclash (unknown migration 'v9-from-the-future'); upgrade proxyclash")
    }

    @Test func aNewerStoreWithTheTablesThisVersionReadsIsReadReadOnly() throws {
        let path = try newerStore("ALTER TABLE incident ADD COLUMN comment TEXT")
        let before = try bytes(path)
        let store = try HistoryStore(path: path, access: .readOnly)
        #expect(store.newerMigration == "v9-from-the-future")
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        #expect(try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47").incidents.count == 1)
        #expect(try bytes(path) == before)
    }

    @Test func aNewerStoreWithoutATableThisVersionReadsIsRefusedEvenReadOnly() throws {
        let path = try newerStore("ALTER TABLE occurrence RENAME TO message")
        #expect(throws: HistoryError.newer(path: path, migration: "v9-from-the-future")) {
            try HistoryStore(path: path, access: .readOnly)
        }
    }

    @Test func anotherSQLiteDatabaseIsNeitherReadNorWritten() throws {
        let path = temporaryStorePath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT)") }
        let before = try bytes(path)
        let refusal = HistoryError.unusable(path: path, reason: "it is not a proxyclash history store (left as it is)")
        #expect(throws: refusal) { try HistoryStore(path: path) }
        #expect(throws: refusal) { try HistoryStore(path: path, access: .readOnly) }
        #expect(try bytes(path) == before)
    }

    @Test func readOnlyNeverCreatesAStore() throws {
        let path = temporaryStorePath()
        #expect(throws: HistoryError.missing(path: path)) { try HistoryStore(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
        // An empty file, as a run that failed before its first write may leave, holds no runs yet.
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(throws: HistoryError.missing(path: path)) { try HistoryStore(path: path, access: .readOnly) }
        #expect(try bytes(path).isEmpty)
    }
}
