import GRDB

/// Another connection holding the store's write lock, as a run writing to it does, until `release()`.
public final class WriteLockHolder: Sendable {
    private let queue: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the lock is held across accesses on purpose
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO run (startedAt, inputs, newOccurrences) VALUES (0, 1, 0)")
        }
    }

    public func release() throws {
        try queue.inDatabase { db in try db.execute(sql: "ROLLBACK") }
    }
}

/// How many runs the store at `path` holds.
public func runCount(_ path: String) throws -> Int {
    try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run") ?? -1 }
}
