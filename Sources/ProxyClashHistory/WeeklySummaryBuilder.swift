import Foundation
import GRDB
import ProxyClashCore
import ProxyClashSummary

/// Computes a ``WeeklySummary`` from the history store.
///
/// A message counts in the week of its own time. A message without one is never moved into a
/// week: it is listed with the week whose runs recorded it, apart (status ``IncidentStatus/undated``
/// when the incident has nothing dated that week, else counted in its `undated`), and it makes
/// no incident new, ongoing or resolved. An incident seen the week before and not this week is
/// resolved only when scanned logs cover some of this week; otherwise it is unconfirmed. Only
/// messages before the week's end count, so the summary of a past week does not change when
/// later weeks are added.
public struct WeeklySummaryBuilder {
    public let store: HistoryStore

    public init(store: HistoryStore) { self.store = store }

    /// Each message with its time (`t`, dated only) and, when undated, the start of the run
    /// that recorded it (`recorded`).
    private static let occurrences = """
        WITH occ AS (SELECT o.incidentId AS id, o.seenAt AS t, CASE WHEN o.seenAt IS NULL THEN r.startedAt END AS recorded,
          o.path, o.line FROM occurrence o JOIN run r ON r.id = o.runId)
        """

    public func summary(week: TimeWindow, label: String) throws(HistoryError) -> WeeklySummary {
        guard let start = week.since?.timeIntervalSince1970, let end = week.until?.timeIntervalSince1970 else {
            throw .failed(path: store.path, reason: "a weekly summary needs a week with a start and an end")
        }
        let previous = start - (end - start)
        let arguments: StatementArguments = ["start": start, "end": end, "previous": previous]
        return try store.read { db in
            let rows = try Row.fetchAll(db, sql: Self.occurrences + """
                SELECT occ.id, i.kind, i.key, i.detail,
                  SUM(t >= :start AND t < :end) AS inWeek,
                  SUM(t < :start) AS before,
                  SUM(t >= :previous AND t < :start) AS previousWeek,
                  MIN(CASE WHEN t >= :start AND t < :end THEN t END) AS firstIn,
                  MAX(CASE WHEN t >= :start AND t < :end THEN t END) AS lastIn,
                  MIN(t) AS firstEver, MAX(t) AS lastEver,
                  SUM(recorded >= :start AND recorded < :end) AS undatedIn,
                  COUNT(DISTINCT CASE WHEN t IS NOT NULL THEN CAST((t - :start) / 604800.0 + 100000 AS INTEGER) END) AS weeks
                FROM occ JOIN incident i ON i.id = occ.id
                WHERE t < :end OR recorded < :end
                GROUP BY occ.id
                HAVING inWeek > 0 OR previousWeek > 0 OR undatedIn > 0
                """, arguments: arguments)
            let days = try Self.messagesPerDay(db, arguments)
            let sources = try Self.sources(db, arguments)
            let runs = try Self.runs(db, arguments)
            let coverage = try Self.coverage(db, start: start, end: end)
            let dating = try Self.dating(db, arguments)
            let covered = coverage.map { $0.days.contains(true) } ?? true
            let incidents = try rows.compactMap { row throws -> SummaryIncident? in
                try summaryIncident(row, days: days, sources: sources, dating: dating, weekCovered: covered, weekStart: week.since!)
            }.sorted { ($0.status, $0.incident.kind, -$0.incident.occurrences, $0.incident.key) < ($1.status, $1.incident.kind, -$1.incident.occurrences, $1.incident.key) }
            let perDay = (0..<7).map { day in incidents.reduce(0) { $0 + $1.perDay[day] } }
            return WeeklySummary(label: label, window: week, incidents: incidents, perDay: perDay, runs: runs,
                                 coveredDays: coverage?.days, inputs: coverage?.inputs ?? 0)
        }
    }

    /// The runs that recorded something of the week: a message dated in it, an undated one
    /// recorded during it, or an input covering it (a store from before inputs were recorded:
    /// the runs that started in the week).
    private static func runs(_ db: Database, _ arguments: StatementArguments) throws -> Int {
        guard try db.tableExists("input") else {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run WHERE startedAt >= :start AND startedAt < :end", arguments: arguments) ?? 0
        }
        return try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM (
              SELECT o.runId FROM occurrence o JOIN run r ON r.id = o.runId
                WHERE (o.seenAt >= :start AND o.seenAt < :end) OR (o.seenAt IS NULL AND r.startedAt >= :start AND r.startedAt < :end)
              UNION SELECT runId FROM input WHERE firstRecord < :end AND lastRecord >= :start)
            """, arguments: arguments) ?? 0
    }

    /// How each incident's messages were dated: those the week counts (dated in it, undated and
    /// recorded during it) and those of the week before (what a resolved incident shows).
    private static func dating(_ db: Database, _ arguments: StatementArguments) throws
        -> [String: (week: [TimeEvidence: Int], previous: [TimeEvidence: Int])] {
        guard try db.columns(in: "occurrence").contains(where: { $0.name == "datedBy" }) else { return [:] }
        var dating: [String: (week: [TimeEvidence: Int], previous: [TimeEvidence: Int])] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT o.incidentId AS incident, o.datedBy AS d,
              SUM((o.seenAt >= :start AND o.seenAt < :end) OR (o.seenAt IS NULL AND r.startedAt >= :start AND r.startedAt < :end)) AS week,
              SUM(o.seenAt >= :previous AND o.seenAt < :start) AS previous
            FROM occurrence o JOIN run r ON r.id = o.runId WHERE o.datedBy IS NOT NULL GROUP BY o.incidentId, o.datedBy
            """, arguments: arguments) {
            guard let evidence = TimeEvidence(rawValue: row["d"]) else { continue }
            let id: String = row["incident"]
            var entry = dating[id] ?? ([:], [:])
            if let week: Int = row["week"], week > 0 { entry.week[evidence] = week }
            if let previous: Int = row["previous"], previous > 0 { entry.previous[evidence] = previous }
            dating[id] = entry
        }
        return dating
    }

    /// Each incident's dated messages per day of the week, Monday first.
    private static func messagesPerDay(_ db: Database, _ arguments: StatementArguments) throws -> [String: [Int]] {
        var days: [String: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: occurrences + "SELECT id, CAST((t - :start) / 86400 AS INTEGER) AS day, COUNT(*) AS n FROM occ WHERE t >= :start AND t < :end GROUP BY id, day",
                                    arguments: arguments) {
            let day: Int = row["day"]
            guard (0..<7).contains(day) else { continue }
            days[row["id"], default: Array(repeating: 0, count: 7)][day] += row["n"] as Int
        }
        return days
    }

    /// Each incident's first places in the week (its dated messages, and undated ones recorded by
    /// the week's runs), in path and line order.
    private static func sources(_ db: Database, _ arguments: StatementArguments) throws -> [String: [SourceRef]] {
        var sources: [String: [SourceRef]] = [:]
        for row in try Row.fetchAll(db, sql: occurrences + """
            SELECT id, path, line FROM occ WHERE (t >= :start AND t < :end) OR (recorded >= :start AND recorded < :end) ORDER BY id, path, line
            """, arguments: arguments) {
            let id: String = row["id"]
            if sources[id, default: []].count < IncidentAggregator.sourceSampleLimit {
                sources[id, default: []].append(SourceRef(path: row["path"], line: row["line"]))
            }
        }
        return sources
    }

    /// The week's days the recorded inputs cover (from each input's earliest to its latest time),
    /// and how many distinct inputs cover some of it; nil for a store from before inputs were
    /// recorded, or for a week (or the week before it) with messages from such runs.
    private static func coverage(_ db: Database, start: Double, end: Double) throws -> (days: [Bool], inputs: Int)? {
        guard try db.tableExists("input") else { return nil }
        let legacy = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM occurrence WHERE runId <= (SELECT COALESCE(MAX(lastRun), 0) FROM legacy) AND seenAt >= ? AND seenAt < ?
            """, arguments: [start - (end - start), end]) ?? 0
        guard legacy == 0 else { return nil }
        var days = Array(repeating: false, count: 7)
        var paths: Set<String> = []
        for row in try Row.fetchAll(db, sql: """
            SELECT path, firstRecord, lastRecord FROM input WHERE firstRecord IS NOT NULL AND firstRecord < ? AND lastRecord >= ?
            """, arguments: [end, start]) {
            let first: Double = row["firstRecord"]
            let last: Double = row["lastRecord"]
            paths.insert(row["path"])
            let from = max(0, Int((max(first, start) - start) / 86_400))
            let to = min(6, Int((min(last, end - 1) - start) / 86_400))
            if from <= to { for day in from...to { days[day] = true } }
        }
        return (days, paths.count)
    }

    private func summaryIncident(_ row: Row, days: [String: [Int]], sources: [String: [SourceRef]],
                                 dating: [String: (week: [TimeEvidence: Int], previous: [TimeEvidence: Int])], weekCovered: Bool,
                                 weekStart: Date) throws -> SummaryIncident? {
        let id: String = row["id"]
        guard let kind = IncidentKind(rawValue: row["kind"]) else { return nil }
        let inWeek: Int = row["inWeek"] ?? 0
        let before: Int = row["before"] ?? 0
        let previousWeek: Int = row["previousWeek"] ?? 0
        let undated: Int = row["undatedIn"] ?? 0
        let status: IncidentStatus = inWeek == 0 ? (undated > 0 ? .undated : weekCovered ? .resolved : .unconfirmed)
            : before == 0 ? .new : previousWeek > 0 ? .ongoing : .recurring
        let detail = try IncidentDetail.decode(row["detail"])
        let date = { (name: String) -> Date? in (row[name] as Double?).map(Date.init(timeIntervalSince1970:)) }
        // When a message said the conflict began earlier (an export error's first-occurred), that
        // is its first sighting: ever, or this week's when it falls in the week.
        let firstSeen: Date? = switch status {
        case .resolved, .unconfirmed: [date("firstEver"), detail.began].compactMap { $0 }.min()
        case .undated: date("firstIn")
        case .new, .ongoing, .recurring: [date("firstIn"), detail.began.flatMap { $0 >= weekStart ? $0 : nil }].compactMap { $0 }.min()
        }
        let incident = Incident(
            kind: kind, key: row["key"], occurrences: status == .resolved || status == .unconfirmed ? previousWeek : status == .undated ? undated : inWeek,
            firstSeen: firstSeen,
            lastSeen: status == .resolved || status == .unconfirmed ? date("lastEver") : date("lastIn"),
            address: detail.address, owners: detail.owners, forests: detail.forests, tenants: detail.tenants,
            objectType: detail.objectType, guid: detail.guid, attribute: detail.attribute, value: detail.value,
            sources: sources[id] ?? [], sourceTotal: status == .resolved || status == .unconfirmed ? 0 : inWeek + undated, patternIDs: detail.patterns,
            datedBy: (status == .resolved || status == .unconfirmed ? dating[id]?.previous : dating[id]?.week) ?? [:],
            addressSource: detail.addressSource)
        return SummaryIncident(incident: incident, status: status, undated: undated, weeksSeen: row["weeks"],
                               perDay: days[id] ?? Array(repeating: 0, count: 7))
    }
}
