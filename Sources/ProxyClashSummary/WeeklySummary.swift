import Foundation
import ProxyClashCore

/// Where an incident stands in a week, compared with the weeks before it.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable, Comparable {
    /// First seen this week.
    case new
    /// Seen this week and in the week before.
    case ongoing
    /// Seen this week, not in the week before, but in an earlier week: it came back.
    case recurring
    /// Seen in the week before, not this week.
    case resolved
    /// Seen in the week before, not this week, but no scanned log covers this week: whether it
    /// stopped is not known, so it is not called resolved.
    case unconfirmed
    /// Only messages without a time of their own, recorded by runs of this week: which week they
    /// belong to is unknown, so they are listed apart and make nothing new or resolved.
    case undated

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One incident in a weekly summary: the incident as of that week, its status and its trend.
public struct SummaryIncident: Sendable {
    /// The incident with this week's dated messages (for a resolved one: all its messages up to
    /// the week; for an undated one: its undated messages recorded this week).
    public let incident: Incident
    public let status: IncidentStatus
    /// Messages without a time of their own recorded by the week's runs (not in ``perDay``).
    public let undated: Int
    /// Distinct weeks (up to this one) with at least one message.
    public let weeksSeen: Int
    /// Messages per day of the week, Monday first.
    public let perDay: [Int]

    public init(incident: Incident, status: IncidentStatus, undated: Int, weeksSeen: Int, perDay: [Int]) {
        self.incident = incident
        self.status = status
        self.undated = undated
        self.weeksSeen = weeksSeen
        self.perDay = perDay
    }
}

/// The week as the history store saw it: what is new, ongoing, recurring and resolved.
public struct WeeklySummary: Sendable {
    /// `2026-W47`, or the window's bounds.
    public let label: String
    public let window: TimeWindow
    public let incidents: [SummaryIncident]
    /// Messages per day of the week over all incidents, Monday first.
    public let perDay: [Int]
    /// Runs recorded whose scan started in the week.
    public let runs: Int
    /// The week's days (Monday first) that scanned logs cover: an input covers the days from its
    /// earliest to its latest time. Nil for a store written before coverage was recorded.
    public let coveredDays: [Bool]?
    /// Distinct inputs whose logs cover some of the week.
    public let inputs: Int

    public init(label: String, window: TimeWindow, incidents: [SummaryIncident], perDay: [Int], runs: Int,
                coveredDays: [Bool]? = nil, inputs: Int = 0) {
        self.label = label
        self.window = window
        self.incidents = incidents
        self.perDay = perDay
        self.runs = runs
        self.coveredDays = coveredDays
        self.inputs = inputs
    }

    public func count(_ status: IncidentStatus) -> Int { incidents.filter { $0.status == status }.count }
}
