import Foundation
import ProxyClashCore
import ProxyClashSummary

/// The weekly summary in its JSON form, `proxyclash.summary/v1`: the report contract's incident
/// fields plus `status`, `weeksSeen`, `perDay` and `undated` per incident.
public struct SummaryReport: Encodable, Sendable {
    public static let schemaIdentifier = "proxyclash.summary/v1"

    public let schema: String
    public let generatedAt: String
    public let week: String
    public let window: Report.TimeWindow
    public let runs: Int
    /// Distinct inputs whose logs cover some of the week.
    public let inputs: Int
    /// The week's days (Monday first) scanned logs cover; null for a store from before coverage
    /// was recorded.
    public let coveredDays: [Bool]?
    public let counts: [String: Int]
    /// Messages per day of the week, Monday first.
    public let perDay: [Int]
    public let incidents: [Entry]

    /// One incident: the report's incident fields, then the weekly ones.
    public struct Entry: Encodable, Sendable {
        public let incident: IncidentEntry
        public let status: IncidentStatus
        public let weeksSeen: Int
        public let perDay: [Int]
        public let undated: Int

        enum CodingKeys: String, CodingKey { case status, weeksSeen, perDay, undated }

        public func encode(to encoder: Encoder) throws {
            try incident.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(weeksSeen, forKey: .weeksSeen)
            try container.encode(perDay, forKey: .perDay)
            try container.encode(undated, forKey: .undated)
        }
    }

    public init(_ summary: WeeklySummary, generatedAt: Date = Date(), redactor: Redactor? = nil) {
        schema = Self.schemaIdentifier
        self.generatedAt = ISO8601.format(generatedAt)
        week = summary.label
        window = Report.TimeWindow(since: summary.window.since.map(ISO8601.format), until: summary.window.until.map(ISO8601.format))
        runs = summary.runs
        inputs = summary.inputs
        coveredDays = summary.coveredDays
        counts = Dictionary(uniqueKeysWithValues: IncidentStatus.allCases.map { ($0.rawValue, summary.count($0)) })
        perDay = summary.perDay
        let entries = IncidentEntry.entries(summary.incidents.map(\.incident), redactor: redactor)
        incidents = zip(summary.incidents, entries).map {
            Entry(incident: $1, status: $0.status, weeksSeen: $0.weeksSeen, perDay: $0.perDay, undated: $0.undated)
        }
    }
}
