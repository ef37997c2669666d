import Foundation
import GRDB
import ProxyClashCore

/// The SQLite file (through GRDB) that remembers every incident and every message across runs,
/// so weekly summaries can say what is new, ongoing, recurring or resolved.
///
/// - A run is stored in one transaction: an interrupted run leaves the store as it was.
/// - Messages are identified by their fingerprint (kind, key, time, text), not by file or line:
///   scanning the same file again, or a rotated file that grew, never counts a message twice.
/// - WAL mode; a second run at the same time waits up to 10 seconds for the first, then fails
///   with ``HistoryError/busy(path:)``. A file that is not a history store is never replaced.
public final class HistoryStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating when missing, with owner-only permissions) the store at `path`.
    /// - Parameter busyTimeout: how long to wait for another run holding the store.
    public init(path: String, busyTimeout: TimeInterval = 10) throws(HistoryError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            if !existed {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw HistoryError.unusable(path: path, reason: "cannot create the file")
                }
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw .unusable(path: path, reason: Self.reason(error))
        }
    }

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
        return migrator
    }

    /// Stores one run: its incidents (details merged with what is known) and its messages (only
    /// those not seen before). Returns how many messages were new.
    @discardableResult
    public func record(_ result: ScanResult, startedAt: Date) throws(HistoryError) -> Int {
        let incidents = result.incidents.incidents
        let occurrences = result.occurrences
        do {
            return try pool.write { db in
                try db.execute(sql: "INSERT INTO run (startedAt, inputs, newOccurrences) VALUES (?, ?, 0)",
                               arguments: [startedAt.timeIntervalSince1970, result.inputs.count])
                let runId = db.lastInsertedRowID
                for incident in incidents {
                    let stored = try String.fetchOne(db, sql: "SELECT detail FROM incident WHERE id = ?", arguments: [incident.id])
                    var detail = try stored.map { try IncidentDetail.decode($0) } ?? IncidentDetail()
                    detail.absorb(incident)
                    try db.execute(sql: "INSERT INTO incident (id, kind, key, detail) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET detail = excluded.detail",
                                   arguments: [incident.id, incident.kind.rawValue, incident.key, try detail.encoded()])
                }
                var added = 0
                for occurrence in occurrences {
                    try db.execute(sql: "INSERT OR IGNORE INTO occurrence (fingerprint, incidentId, seenAt, runId, path, line) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [String(occurrence.fingerprint, radix: 16), Incident.id(kind: occurrence.kind, key: occurrence.key),
                                               occurrence.timestamp?.timeIntervalSince1970, runId, occurrence.source.path, occurrence.source.line])
                    added += db.changesCount
                }
                try db.execute(sql: "UPDATE run SET newOccurrences = ? WHERE id = ?", arguments: [added, runId])
                return added
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw .busy(path: path)
        } catch {
            throw .failed(path: path, reason: Self.reason(error))
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
            return Incident(kind: kind, key: row["key"], occurrences: row["n"], firstSeen: date("first"), lastSeen: date("last"),
                            address: detail.address, owners: detail.owners, forests: detail.forests, tenants: detail.tenants,
                            objectType: detail.objectType, guid: detail.guid, attribute: detail.attribute, value: detail.value,
                            sources: [], sourceTotal: row["n"], patternIDs: detail.patterns)
        }
    }

    static func reason(_ error: Error) -> String {
        if let database = error as? DatabaseError { return database.message ?? "\(database.resultCode)" }
        return "\(error)"
    }

    /// Runs a read on the store (for ``WeeklySummaryBuilder``).
    func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw .failed(path: path, reason: Self.reason(error))
        }
    }
}
