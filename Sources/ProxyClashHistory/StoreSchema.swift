import GRDB

/// Who wrote a store, as its tables and applied migrations tell: read before anything is written,
/// so a store this version must not touch is left byte for byte as it was.
enum StoreSchema: Equatable {
    /// No table at all: a new, empty file.
    case empty
    /// Tables, but none of ProxyClash's migrations: some other SQLite database.
    case foreign
    /// A ProxyClash store. `unknownMigration`: one applied by a newer proxyclash, if any;
    /// `complete`: every migration this version knows is applied.
    case proxyClash(unknownMigration: String?, complete: Bool)

    /// The tables and columns ``HistoryStore`` reads (summaries, incidents).
    static let readColumns: [String: Set<String>] = [
        "run": ["id", "startedAt"],
        "incident": ["id", "kind", "key", "detail"],
        "occurrence": ["fingerprint", "incidentId", "seenAt", "runId", "path", "line"],
    ]

    init(_ db: Database) throws {
        let migrator = HistoryStore.migrator
        let applied = try migrator.appliedIdentifiers(db)
        let known = Set(migrator.migrations)
        guard applied.isDisjoint(with: known) else {
            self = .proxyClash(unknownMigration: applied.subtracting(known).sorted().first,
                               complete: try migrator.hasCompletedMigrations(db))
            return
        }
        let tables = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            """) ?? 0
        self = applied.isEmpty && tables == 0 ? .empty : .foreign
    }

    /// Whether the store has every table and column this version reads.
    static func isReadable(_ db: Database) throws -> Bool {
        try readColumns.allSatisfy { table, columns in
            try db.tableExists(table) && columns.isSubset(of: try db.columns(in: table).map(\.name))
        }
    }
}
