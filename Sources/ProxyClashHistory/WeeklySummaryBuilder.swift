import Foundation
import GRDB
import ProxyClashCore
import ProxyClashSummary

/// Computes a ``WeeklySummary`` from the history store.
///
/// A message's time is its own, or, when it had none, the time of the run that stored it (these
/// are counted as `undated`). Only messages before the week's end count, so the summary of a
/// past week does not change when later weeks are added.
public struct WeeklySummaryBuilder {
    public let store: HistoryStore

    public init(store: HistoryStore) { self.store = store }

    public func summary(week: TimeWindow, label: String) throws(HistoryError) -> WeeklySummary {
        guard let start = week.since?.timeIntervalSince1970, let end = week.until?.timeIntervalSince1970 else {
            throw .failed(path: store.path, reason: "a weekly summary needs a week with a start and an end")
        }
        let previous = start - (end - start)
        let occurrences = "WITH occ AS (SELECT o.incidentId AS id, COALESCE(o.seenAt, r.startedAt) AS t, o.seenAt IS NULL AS undated, o.path, o.line FROM occurrence o JOIN run r ON r.id = o.runId) "
        return try store.read { db in
            let rows = try Row.fetchAll(db, sql: occurrences + """
                SELECT occ.id, i.kind, i.key, i.detail,
                  SUM(t >= :start AND t < :end) AS inWeek,
                  SUM(t < :start) AS before,
                  SUM(t >= :previous AND t < :start) AS previousWeek,
                  MIN(CASE WHEN t >= :start AND t < :end THEN t END) AS firstIn,
                  MAX(CASE WHEN t >= :start AND t < :end THEN t END) AS lastIn,
                  MIN(t) AS firstEver, MAX(t) AS lastEver,
                  SUM(undated AND t >= :start AND t < :end) AS undatedIn,
                  COUNT(DISTINCT CAST((t - :start) / 604800.0 + 100000 AS INTEGER)) AS weeks
                FROM occ JOIN incident i ON i.id = occ.id
                WHERE t < :end
                GROUP BY occ.id
                HAVING inWeek > 0 OR previousWeek > 0
                """, arguments: ["start": start, "end": end, "previous": previous])
            var days: [String: [Int]] = [:]
            for row in try Row.fetchAll(db, sql: occurrences + "SELECT id, CAST((t - :start) / 86400 AS INTEGER) AS day, COUNT(*) AS n FROM occ WHERE t >= :start AND t < :end GROUP BY id, day",
                                        arguments: ["start": start, "end": end]) {
                let day: Int = row["day"]
                guard (0..<7).contains(day) else { continue }
                days[row["id"], default: Array(repeating: 0, count: 7)][day] += row["n"] as Int
            }
            var sources: [String: [SourceRef]] = [:]
            for row in try Row.fetchAll(db, sql: occurrences + "SELECT id, path, line FROM occ WHERE t >= :start AND t < :end ORDER BY id, path, line",
                                        arguments: ["start": start, "end": end]) {
                let id: String = row["id"]
                if sources[id, default: []].count < IncidentAggregator.sourceSampleLimit {
                    sources[id, default: []].append(SourceRef(path: row["path"], line: row["line"]))
                }
            }
            let runs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run WHERE startedAt >= ? AND startedAt < ?", arguments: [start, end]) ?? 0
            let incidents = try rows.compactMap { row throws -> SummaryIncident? in
                try summaryIncident(row, days: days, sources: sources)
            }.sorted { ($0.status, $0.incident.kind, -$0.incident.occurrences, $0.incident.key) < ($1.status, $1.incident.kind, -$1.incident.occurrences, $1.incident.key) }
            let perDay = (0..<7).map { day in incidents.reduce(0) { $0 + $1.perDay[day] } }
            return WeeklySummary(label: label, window: week, incidents: incidents, perDay: perDay, runs: runs)
        }
    }

    private func summaryIncident(_ row: Row, days: [String: [Int]], sources: [String: [SourceRef]]) throws -> SummaryIncident? {
        let id: String = row["id"]
        guard let kind = IncidentKind(rawValue: row["kind"]) else { return nil }
        let inWeek: Int = row["inWeek"]
        let before: Int = row["before"]
        let previousWeek: Int = row["previousWeek"]
        let status: IncidentStatus = inWeek == 0 ? .resolved : before == 0 ? .new : previousWeek > 0 ? .ongoing : .recurring
        let detail = try IncidentDetail.decode(row["detail"])
        let date = { (name: String) -> Date? in (row[name] as Double?).map(Date.init(timeIntervalSince1970:)) }
        let incident = Incident(
            kind: kind, key: row["key"], occurrences: status == .resolved ? previousWeek : inWeek,
            firstSeen: status == .resolved ? date("firstEver") : date("firstIn"),
            lastSeen: status == .resolved ? date("lastEver") : date("lastIn"),
            address: detail.address, owners: detail.owners, forests: detail.forests, tenants: detail.tenants,
            objectType: detail.objectType, guid: detail.guid, attribute: detail.attribute, value: detail.value,
            sources: sources[id] ?? [], sourceTotal: status == .resolved ? 0 : inWeek, patternIDs: detail.patterns)
        return SummaryIncident(incident: incident, status: status, undated: row["undatedIn"], weeksSeen: row["weeks"],
                               perDay: days[id] ?? Array(repeating: 0, count: 7))
    }
}
