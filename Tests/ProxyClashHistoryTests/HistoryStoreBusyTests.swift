import Foundation
import HistoryTestSupport
import ProxyClashCore
import Synchronization
import Testing
@testable import ProxyClashHistory

/// A store held by another run: waited on up to the timeout, then a clear ``HistoryError/busy(path:waited:)``;
/// readers and opening never wait for the holder.
@Suite struct HistoryStoreBusyTests {
    private let log = conflict("ann", at: "2026-11-16T09:00:00Z")

    /// A store with one run recorded and closed again, as a previous scan leaves it.
    private func existingStore() throws -> String {
        let path = temporaryStorePath()
        try HistoryStore(path: path).record(scan(log), startedAt: date("2026-11-16T12:00Z"))
        return path
    }

    @Test func aStoreHeldPastTheTimeoutFailsAsBusyAndStoresNothing() throws {
        let path = try existingStore()
        let holder = try WriteLockHolder(path: path)
        let waits = Mutex<[Int]>([])
        let store = try HistoryStore(path: path, busyTimeout: 1.5, onWait: { second in waits.withLock { $0.append(second) } })
        let start = Date()
        #expect(throws: HistoryError.busy(path: path, waited: 1.5)) {
            try store.record(scan(conflict("bob", at: "2026-11-17T09:00:00Z")), startedAt: date("2026-11-17T12:00Z"))
        }
        #expect(Date().timeIntervalSince(start) >= 1.4)
        #expect(waits.withLock { $0 } == [1])  // a lock held for under a second is no news
        try holder.release()
        #expect(try runCount(path) == 1)
        #expect(HistoryError.busy(path: path, waited: 1.5).description == "\(path): history store still held by another run after waiting 1.5 s")
    }

    @Test func aStoreReleasedWithinTheTimeoutIsWrittenAfterTheWait() throws {
        let path = try existingStore()
        let holder = try WriteLockHolder(path: path)
        let store = try HistoryStore(path: path, busyTimeout: 120)
        let start = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { try? holder.release() }
        let added = try store.record(scan(conflict("bob", at: "2026-11-17T09:00:00Z")), startedAt: date("2026-11-17T12:00Z"))
        #expect(added == 1)
        #expect(Date().timeIntervalSince(start) >= 0.9)
        #expect(try runCount(path) == 2)
    }

    @Test func timeoutZeroDoesNotWait() throws {
        let path = try existingStore()
        let holder = try WriteLockHolder(path: path)
        defer { try? holder.release() }
        let store = try HistoryStore(path: path, busyTimeout: 0, onWait: { _ in Issue.record("waited with timeout 0") })
        #expect(throws: HistoryError.busy(path: path, waited: 0)) {
            try store.record(scan(conflict("bob", at: "2026-11-17T09:00:00Z")), startedAt: Date())
        }
        #expect(HistoryError.busy(path: path, waited: 0).description == "\(path): history store held by another run (not waiting for it)")
    }

    /// Opening (schema check) and reading need no write lock: a scan can open the store before
    /// scanning, and summaries read, while another run writes.
    @Test func openingAndReadingDoNotWaitForAWriter() throws {
        let path = try existingStore()
        let holder = try WriteLockHolder(path: path)
        defer { try? holder.release() }
        _ = try HistoryStore(path: path, busyTimeout: 0)
        let reader = try HistoryStore(path: path, access: .readOnly, busyTimeout: 0)
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        #expect(try WeeklySummaryBuilder(store: reader).summary(week: week, label: "2026-W47").incidents.count == 1)
        #expect(try reader.incident(id: "pa-0000000000000000") == nil)
    }
}
