import Foundation
import GRDB
import ProxyClashCore
import Testing
@testable import ProxyClashHistory

@Suite struct HistoryStoreTests {
    @Test func theSameLogTwiceIsCountedOnce() throws {
        let store = try temporaryStore()
        let log = conflict("ann", at: "2026-11-16T09:00:00Z") + conflict("ann", at: "2026-11-16T10:00:00Z")
        #expect(try store.record(scan(log), startedAt: date("2026-11-16T12:00Z")) == 2)
        #expect(try store.record(scan(log, path: "copy-of-sync.log"), startedAt: date("2026-11-16T13:00Z")) == 0)
        // A rotated file that grew: only the new message counts.
        let grown = log + conflict("ann", at: "2026-11-16T11:00:00Z")
        #expect(try store.record(scan(grown), startedAt: date("2026-11-16T14:00Z")) == 1)
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        let summary = try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47")
        #expect(summary.incidents.map(\.incident.occurrences) == [3])
        #expect(summary.runs == 3)
    }

    @Test func lifecycleAcrossWeeks() throws {
        let store = try temporaryStore()
        try store.record(scan(conflict("dora", at: "2026-11-02T08:00:00Z")), startedAt: date("2026-11-02T09:00Z"))  // W45
        try store.record(scan(conflict("ann", at: "2026-11-10T08:00:00Z") + conflict("cem", at: "2026-11-11T08:00:00Z")),
                         startedAt: date("2026-11-11T09:00Z"))  // W46
        try store.record(scan(conflict("ann", at: "2026-11-17T08:00:00Z") + conflict("bob", at: "2026-11-18T08:00:00Z")
                              + conflict("bob", at: "2026-11-18T09:00:00Z") + conflict("dora", at: "2026-11-20T08:00:00Z")),
                         startedAt: date("2026-11-20T09:00Z"))  // W47
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        let summary = try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47")
        let statuses = Dictionary(uniqueKeysWithValues: summary.incidents.map { ($0.incident.key, $0.status) })
        #expect(statuses == ["smtp:ann@contoso.com": .ongoing, "smtp:bob@contoso.com": .new,
                             "smtp:cem@contoso.com": .resolved, "smtp:dora@contoso.com": .recurring])
        #expect(summary.incidents.map(\.incident.key) == ["smtp:bob@contoso.com", "smtp:ann@contoso.com", "smtp:dora@contoso.com", "smtp:cem@contoso.com"])
        let bob = try #require(summary.incidents.first)
        #expect(bob.perDay == [0, 0, 2, 0, 0, 0, 0])
        #expect(bob.incident.occurrences == 2)
        #expect(summary.incidents.first { $0.incident.key == "smtp:dora@contoso.com" }?.weeksSeen == 2)
        #expect(summary.perDay == [0, 1, 2, 0, 1, 0, 0])
        // A later week does not change this one.
        try store.record(scan(conflict("bob", at: "2026-11-24T08:00:00Z")), startedAt: date("2026-11-24T09:00Z"))
        let again = try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47")
        #expect(again.incidents.map(\.status) == summary.incidents.map(\.status))
    }

    /// An undated message is listed with the week whose run recorded it, apart: it is not moved
    /// into that week (no day, nothing new), and the next week knows nothing of it.
    @Test func undatedMessagesAreListedApartNotMovedIntoTheWeek() throws {
        let store = try temporaryStore()
        let undated = "The proxy address \"SMTP:eve@contoso.com\" is already being used by \"x/y\". Choose another proxy address.\n"
        try store.record(scan(undated, path: "transcript-1.txt"), startedAt: date("2026-11-23T08:00Z"))
        let w48 = try WeeklySummaryBuilder(store: store).summary(week: try TimeWindow.week("2026-W48", now: Date(), timeZone: .gmt), label: "2026-W48")
        #expect(w48.incidents.map(\.status) == [.undated])
        #expect(w48.incidents.map(\.undated) == [1])
        #expect(w48.incidents.first?.incident.occurrences == 1)
        #expect(w48.incidents.first?.incident.firstSeen == nil)
        #expect(w48.perDay == [0, 0, 0, 0, 0, 0, 0])
        let w47 = try WeeklySummaryBuilder(store: store).summary(week: try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt), label: "2026-W47")
        #expect(w47.incidents.isEmpty)
    }

    /// A week no scanned log covers resolves nothing: last week's incidents are unconfirmed. A
    /// week whose logs cover some days, without the conflict, resolves it.
    @Test func onlyACoveredWeekResolves() throws {
        let store = try temporaryStore()
        try store.record(scan(conflict("ann", at: "2026-11-18T09:00:00Z") + conflict("bob", at: "2026-11-19T09:00:00Z")), startedAt: date("2026-11-23T06:00Z"))
        let w48 = try TimeWindow.week("2026-W48", now: Date(), timeZone: .gmt)
        let empty = try WeeklySummaryBuilder(store: store).summary(week: w48, label: "2026-W48")
        #expect(empty.incidents.map(\.status) == [.unconfirmed, .unconfirmed])
        #expect(empty.coveredDays == Array(repeating: false, count: 7))
        #expect(empty.inputs == 0)
        // A log of Tuesday and Wednesday of that week, with bob again and not ann.
        let quiet = "2026-11-24T08:00:00Z INFO nothing to report\n" + conflict("bob", at: "2026-11-25T09:00:00Z")
        try store.record(scan(quiet, path: "w48.log"), startedAt: date("2026-11-30T06:00Z"))
        let covered = try WeeklySummaryBuilder(store: store).summary(week: w48, label: "2026-W48")
        #expect(covered.incidents.map { "\($0.incident.key) \($0.status)" } == ["smtp:bob@contoso.com ongoing", "smtp:ann@contoso.com resolved"])
        #expect(covered.coveredDays == [false, true, true, false, false, false, false])
        #expect(covered.inputs == 1)
    }

    /// Each stored message keeps how its time was decided.
    @Test func messagesKeepHowTheyWereDated() throws {
        let store = try temporaryStore()
        let undated = "The proxy address \"SMTP:eve@contoso.com\" is already being used by \"x/y\". Choose another proxy address.\n"
        try store.record(scan(undated + conflict("ann", at: "2026-11-18T09:00:00Z") + undated), startedAt: date("2026-11-23T06:00Z"))
        let dating = try DatabaseQueue(path: store.path).read { try String?.fetchAll($0, sql: "SELECT datedBy FROM occurrence ORDER BY line") }
        #expect(dating == ["undated", "text", "line-above"])
    }

    /// Runs recorded before inputs were (a store from an earlier version) leave their weeks'
    /// coverage unknown: what they saw resolves as it did, never turns unconfirmed.
    @Test func runsFromBeforeCoverageKeepResolving() throws {
        let store = try temporaryStore()
        try store.record(scan(conflict("ann", at: "2026-11-18T09:00:00Z")), startedAt: date("2026-11-23T06:00Z"))
        try DatabaseQueue(path: store.path).write { try $0.execute(sql: "UPDATE legacy SET lastRun = 1") }
        let w48 = try WeeklySummaryBuilder(store: store).summary(week: try TimeWindow.week("2026-W48", now: Date(), timeZone: .gmt), label: "2026-W48")
        #expect(w48.incidents.map(\.status) == [.resolved])
        #expect(w48.coveredDays == nil)
    }

    /// An undated message is known by its place too: the same file scanned again is the same
    /// message; the same words in next week's transcript are a new one, counted again.
    @Test func anUndatedMessageThatComesBackCountsAgain() throws {
        let store = try temporaryStore()
        let undated = "The proxy address \"SMTP:eve@contoso.com\" is already being used by \"x/y\". Choose another proxy address.\n"
        try store.record(scan(undated, path: "transcript-w48.txt"), startedAt: date("2026-11-23T08:00Z"))
        try store.record(scan(undated, path: "transcript-w48.txt"), startedAt: date("2026-11-24T08:00Z"))
        try store.record(scan(undated, path: "transcript-w49.txt"), startedAt: date("2026-11-30T08:00Z"))
        let w48 = try WeeklySummaryBuilder(store: store).summary(week: try TimeWindow.week("2026-W48", now: Date(), timeZone: .gmt), label: "2026-W48")
        let w49 = try WeeklySummaryBuilder(store: store).summary(week: try TimeWindow.week("2026-W49", now: Date(), timeZone: .gmt), label: "2026-W49")
        #expect(w48.incidents.map(\.undated) == [1])
        #expect(w49.incidents.map(\.status) == [.undated])
        #expect(w49.incidents.map(\.undated) == [1])
    }

    @Test func aBusyStoreFailsClearlyAndStoresNothing() throws {
        let store = try temporaryStore()
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // this test holds a lock across accesses on purpose
        let blocker = try DatabaseQueue(path: store.path, configuration: configuration)
        try blocker.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        #expect(throws: HistoryError.self) {
            try store.record(scan(conflict("ann", at: "2026-11-16T09:00:00Z")), startedAt: Date())
        }
        try blocker.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        let runs = try DatabaseQueue(path: store.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run") }
        #expect(runs == 0)
    }

    @Test func aRunThatFailsHalfwayLeavesTheStoreAsItWas() throws {
        let store = try temporaryStore()
        try store.record(scan(conflict("ann", at: "2026-11-16T09:00:00Z")), startedAt: date("2026-11-16T12:00Z"))
        // Make the third message of the next run fail, after incidents and two messages were written.
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_third AFTER INSERT ON occurrence
                WHEN (SELECT COUNT(*) FROM occurrence) >= 4 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END
                """)
        }
        let log = ["bob", "cem", "dan"].map { conflict($0, at: "2026-11-17T09:00:00Z") }.joined()
        #expect(throws: HistoryError.self) { try store.record(scan(log), startedAt: date("2026-11-17T12:00Z")) }
        let counts = try DatabaseQueue(path: store.path).read { db in
            try ["run", "incident", "occurrence"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
        #expect(counts == [1, 1, 1])
    }

    @Test func aFileThatIsNotAStoreIsLeftAlone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-not-a-db-\(UUID().uuidString).sqlite").path
        try Data("this is a log, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try HistoryStore(path: path)
        } throws: { error in
            (error as? HistoryError)?.description.contains("history store cannot be used") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is a log, not a database\n")
    }

    @Test func newStoresAreOwnerOnly() throws {
        let store = try temporaryStore()
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(HistoryStore.defaultPath(environment: ["XDG_STATE_HOME": "/var/state", "HOME": "/home/ops"]) == "/var/state/proxyclash/history.sqlite")
        #expect(HistoryStore.defaultPath(environment: ["HOME": "/home/ops"]) == "/home/ops/.local/state/proxyclash/history.sqlite")
    }
}
