import Foundation
import GRDB
import ProxyClashCore

/// The SQLite file (through GRDB) that remembers every incident and every message across runs,
/// so weekly summaries can say what is new, ongoing, recurring or resolved.
///
/// - A run is stored in one transaction: an interrupted run leaves the store as it was.
/// - Messages are identified by their fingerprint (kind, key, time, text), not by file or line:
///   scanning the same file again, or a rotated file that grew, never counts a message twice.
/// - WAL mode: readers never wait for a writer. A writer waits for another one for as long as
///   it holds the store, up to `busyTimeout`, then fails with ``HistoryError/busy(path:waited:)``.
/// - The schema is checked through a read-only connection before anything is written: a file
///   that is not a history store, or a store from a newer proxyclash, is never modified.
public final class HistoryStore: Sendable {
    /// How a store is opened.
    public enum Access: Sendable {
        /// For recording: created when missing, brought to this version's schema, written.
        case readWrite
        /// For summaries and look-ups: never created, migrated or written. A store from a newer
        /// proxyclash is read when it has every table and column this version reads.
        case readOnly
    }

    /// The store's file.
    public let path: String
    private let access: Access
    /// The migration this version does not know, when a newer proxyclash wrote the store (only
    /// with ``Access/readOnly``; read-write access refuses such a store).
    public let newerMigration: String?
    private let queue: DatabaseQueue
    private let busyTimeout: Double

    /// Opens the store at `path`; with ``Access/readWrite`` creates it when missing, with
    /// owner-only permissions (missing folders too).
    /// - Parameters:
    ///   - busyTimeout: how long, in seconds, to wait for another run holding the store (0: not at all).
    ///   - onWait: told each whole second spent waiting (0, 1, 2, ...), from the waiting thread.
    public init(path: String, access: Access = .readWrite, busyTimeout: Double = 600,
                onWait: (@Sendable (_ secondsWaited: Int) -> Void)? = nil) throws(HistoryError) {
        self.path = path
        self.access = access
        self.busyTimeout = busyTimeout
        let wait = BusyWait(timeout: busyTimeout, onWait: onWait)
        var configuration = Configuration()
        configuration.busyMode = .callback { wait.retry(numberOfTries: $0) }
        do {
            switch access {
            case .readOnly:
                (queue, newerMigration) = try Self.openReadOnly(path, configuration)
            case .readWrite:
                queue = try Self.openReadWrite(path, configuration)
                newerMigration = nil
            }
        } catch {
            throw Self.storeError(error, path: path, busyTimeout: busyTimeout, opening: true)
        }
    }

    private static func openReadOnly(_ path: String, _ configuration: Configuration) throws -> (DatabaseQueue, String?) {
        guard try StoreFile.exists(path) else { throw HistoryError.missing(path: path) }
        try StoreFile.checkAccess(path, writing: false)
        var configuration = configuration
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        switch try queue.read(StoreSchema.init) {
        case .empty:
            throw HistoryError.missing(path: path)
        case .foreign:
            throw HistoryError.unusable(path: path, reason: notAStore)
        case .proxyClash(nil, complete: true):
            return (queue, nil)
        case let .proxyClash(unknownMigration, _):
            guard try queue.read(StoreSchema.isReadable) else {
                throw unknownMigration.map { HistoryError.newer(path: path, migration: $0) }
                    ?? HistoryError.unusable(path: path, reason: "it lacks tables this version reads (left as it is)")
            }
            return (queue, unknownMigration)
        }
    }

    private static func openReadWrite(_ path: String, _ configuration: Configuration) throws -> DatabaseQueue {
        if try !StoreFile.exists(path) { try StoreFile.create(path) }
        try StoreFile.checkAccess(path, writing: true)
        var inspection = configuration
        inspection.readonly = true
        let schema = try DatabaseQueue(path: path, configuration: inspection).read(StoreSchema.init)
        if schema == .foreign { throw HistoryError.unusable(path: path, reason: notAStore) }
        if case let .proxyClash(unknownMigration?, _) = schema { throw HistoryError.newer(path: path, migration: unknownMigration) }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        if schema == .empty {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        }
        if schema != .proxyClash(unknownMigration: nil, complete: true) { try migrator.migrate(queue) }
        return queue
    }

    private static let notAStore = "it is not a proxyclash history store (left as it is)"

    /// The default location: `$XDG_STATE_HOME/proxyclash/history.sqlite` (`~/.local/state/...`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/proxyclash/history.sqlite"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-incidents-occurrences") { db in
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("startedAt", .double).notNull()
                table.column("inputs", .integer).notNull()
                table.column("newOccurrences", .integer).notNull()
            }
            try db.create(table: "incident") { table in
                table.primaryKey("id", .text)
                table.column("kind", .text).notNull()
                table.column("key", .text).notNull()
                table.column("detail", .jsonText).notNull()
            }
            try db.create(table: "occurrence") { table in
                table.primaryKey("fingerprint", .text)
                table.column("incidentId", .text).notNull().references("incident")
                table.column("seenAt", .double)
                table.column("runId", .integer).notNull().references("run")
                table.column("path", .text).notNull()
                table.column("line", .integer).notNull()
            }
            try db.create(index: "occurrence_by_incident", on: "occurrence", columns: ["incidentId"])
        }
        // What each run read and the days its logs cover: a week without logs resolves nothing.
        migrator.registerMigration("v2-input-spans") { db in
            try db.create(table: "input") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("runId", .integer).notNull().references("run")
                table.column("path", .text).notNull()
                table.column("firstRecord", .double)
                table.column("lastRecord", .double)
            }
            try db.create(index: "input_by_span", on: "input", columns: ["firstRecord", "lastRecord"])
            // Runs recorded before inputs were: their weeks' coverage is unknown, not empty.
            try db.execute(sql: "CREATE TABLE legacy (lastRun INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO legacy (lastRun) SELECT COALESCE(MAX(id), 0) FROM run")
        }
        // How each message's time was decided (null for messages recorded before).
        migrator.registerMigration("v3-occurrence-dating") { db in
            try db.alter(table: "occurrence") { table in table.add(column: "datedBy", .text) }
        }
        return migrator
    }

    /// Stores one run: its incidents (details merged with what is known) and its messages (only
    /// those not seen before). Returns how many messages were new.
    @discardableResult
    /// - Precondition: the store was opened with ``Access/readWrite``.
    public func record(_ result: ScanResult, startedAt: Date) throws(HistoryError) -> Int {
        precondition(access == .readWrite, "record(_:startedAt:) needs a store opened read-write")
        let incidents = result.incidents.incidents
        let occurrences = result.occurrences
        do {
            return try queue.write { db in
                try db.execute(sql: "INSERT INTO run (startedAt, inputs, newOccurrences) VALUES (?, ?, 0)",
                               arguments: [startedAt.timeIntervalSince1970, result.inputs.count])
                let runId = db.lastInsertedRowID
                for input in result.inputs {
                    // The same input read again (a rescan, a shard merged twice) is known already.
                    let first = input.firstRecord?.timeIntervalSince1970, last = input.lastRecord?.timeIntervalSince1970
                    try db.execute(sql: """
                        INSERT INTO input (runId, path, firstRecord, lastRecord) SELECT ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM input WHERE path = ? AND firstRecord IS ? AND lastRecord IS ?)
                        """, arguments: [runId, input.path, first, last, input.path, first, last])
                }
                for incident in incidents {
                    let stored = try String.fetchOne(db, sql: "SELECT detail FROM incident WHERE id = ?", arguments: [incident.id])
                    var detail = try stored.map { try IncidentDetail.decode($0) } ?? IncidentDetail()
                    detail.absorb(incident)
                    try db.execute(sql: "INSERT INTO incident (id, kind, key, detail) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET detail = excluded.detail",
                                   arguments: [incident.id, incident.kind.rawValue, incident.key, try detail.encoded()])
                }
                var added = 0
                for occurrence in occurrences {
                    try db.execute(sql: "INSERT OR IGNORE INTO occurrence (fingerprint, incidentId, seenAt, runId, path, line, datedBy) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [String(occurrence.fingerprint, radix: 16), Incident.id(kind: occurrence.kind, key: occurrence.key),
                                               occurrence.timestamp?.timeIntervalSince1970, runId, occurrence.source.path, occurrence.source.line,
                                               occurrence.datedBy?.rawValue])
                    added += db.changesCount
                }
                try db.execute(sql: "UPDATE run SET newOccurrences = ? WHERE id = ?", arguments: [added, runId])
                return added
            }
        } catch {
            throw Self.storeError(error, path: path, busyTimeout: busyTimeout, opening: false)
        }
    }

    /// The incident with this id as the store knows it (all its messages), or nil.
    public func incident(id: String) throws(HistoryError) -> Incident? {
        try read { db -> Incident? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT i.kind, i.key, i.detail, COUNT(o.fingerprint) AS n, MIN(o.seenAt) AS first, MAX(o.seenAt) AS last
                FROM incident i LEFT JOIN occurrence o ON o.incidentId = i.id WHERE i.id = ? GROUP BY i.id
                """, arguments: [id]), let kind = IncidentKind(rawValue: row["kind"]) else { return nil }
            let detail = try IncidentDetail.decode(row["detail"])
            let date = { (name: String) -> Date? in (row[name] as Double?).map(Date.init(timeIntervalSince1970:)) }
            let firstSeen = [date("first"), detail.began].compactMap { $0 }.min()
            return Incident(kind: kind, key: row["key"], occurrences: row["n"], firstSeen: firstSeen, lastSeen: date("last"),
                            address: detail.address, owners: detail.owners, forests: detail.forests, tenants: detail.tenants,
                            objectType: detail.objectType, guid: detail.guid, attribute: detail.attribute, value: detail.value,
                            sources: [], sourceTotal: row["n"], patternIDs: detail.patterns, addressSource: detail.addressSource)
        }
    }

    /// The ``HistoryError`` for a failure while opening (the store is unusable) or while reading
    /// or writing it.
    private static func storeError(_ error: any Error, path: String, busyTimeout: Double, opening: Bool) -> HistoryError {
        switch error {
        case let error as HistoryError: error
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY: .busy(path: path, waited: busyTimeout)
        default: opening ? .unusable(path: path, reason: reason(error)) : .failed(path: path, reason: reason(error))
        }
    }

    /// What an SQLite failure means, in plain words.
    static func reason(_ error: any Error) -> String {
        guard let database = error as? DatabaseError else { return error.localizedDescription }
        switch database.resultCode {
        case .SQLITE_NOTADB: return "it is not an SQLite database (left as it is)"
        case .SQLITE_CORRUPT: return "the database is damaged"
        case .SQLITE_FULL: return "no space left on the device"
        case .SQLITE_READONLY: return "the file or its folder can only be read"
        case .SQLITE_IOERR: return "input/output error"
        case .SQLITE_CANTOPEN: return "the file cannot be opened"
        case .SQLITE_PERM, .SQLITE_AUTH: return "permission denied"
        default: return database.message ?? "\(database.resultCode)"
        }
    }

    /// Runs a read on the store (for ``WeeklySummaryBuilder``).
    func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.storeError(error, path: path, busyTimeout: busyTimeout, opening: false)
        }
    }
}
