import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashHistory

/// An export error says when the conflict began (`first-occurred`, days before the message's
/// `date-occurred`): the scan report's first-seen time, and so also the store's, `remediate`'s
/// (the incident as the store knows it) and the weekly summary's when it falls in the week.
@Suite struct BeganStoreTests {
    static func export(occurred: String, first: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" ?>
        <cs-objects>
        <cs-object cs-dn="CN={8A3E}" id="{8A3E}" object-type="user">
        <export-errordetail><export-status><export-error date-occurred="\(occurred)" first-occurred="\(first)" retry-count="12" error-type="AttributeValueMustBeUnique">
        <cd-error><error-code>0x8023134a</error-code><error-literal>AttributeValueMustBeUnique</error-literal>
        <server-error-detail>Unable to update this object because the following attributes associated with this object have values that may already be associated with another object in your local directory services: [ProxyAddresses SMTP:kim@contoso.com;]. Correct or remove the duplicate values in your local directory.</server-error-detail>
        </cd-error></export-error></export-status></export-errordetail>
        </cs-object>
        </cs-objects>

        """
    }

    static let id = Incident.id(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:kim@contoso.com")

    @Test func theEarlierBeginningIsKeptInEveryView() throws {
        let store = try temporaryStore()
        let result = scan(Self.export(occurred: "2026-11-27T03:10:00.000Z", first: "2026-11-24T21:40:00.000Z"), path: "errors.xml")
        #expect(result.incidents.incidents.first?.firstSeen == date("2026-11-24T21:40:00Z"))
        try store.record(result, startedAt: date("2026-11-27T12:00Z"))
        // A later export of the same error, with a later beginning (it was fixed and came back): the earliest stays.
        try store.record(scan(Self.export(occurred: "2026-11-28T03:10:00.000Z", first: "2026-11-26T00:00:00.000Z"), path: "errors-2.xml"),
                         startedAt: date("2026-11-28T12:00Z"))
        let incident = try #require(try store.incident(id: Self.id))
        #expect(incident.firstSeen == date("2026-11-24T21:40:00Z"))
        #expect(incident.lastSeen == date("2026-11-28T03:10:00Z"))
        let summary = { (label: String) in
            try WeeklySummaryBuilder(store: store).summary(week: try TimeWindow.week(label, now: Date(), timeZone: .gmt), label: label)
        }
        // Week 48 (23 to 29 November) holds the beginning: its row starts there.
        #expect(try summary("2026-W48").incidents.map(\.incident.firstSeen) == [date("2026-11-24T21:40:00Z")])
        // Week 49 lists it as resolved, first seen when it began.
        #expect(try summary("2026-W49").incidents.map(\.incident.firstSeen) == [date("2026-11-24T21:40:00Z")])
    }

    /// A beginning before the week does not make the week's row start before the week.
    @Test func aBeginningBeforeTheWeekStaysOutOfTheWeeksRow() throws {
        let store = try temporaryStore()
        try store.record(scan(Self.export(occurred: "2026-11-30T03:10:00.000Z", first: "2026-11-20T00:00:00.000Z"), path: "errors.xml"),
                         startedAt: date("2026-11-30T12:00Z"))
        let week = try TimeWindow.week("2026-W49", now: Date(), timeZone: .gmt)
        let summary = try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W49")
        #expect(summary.incidents.map(\.incident.firstSeen) == [date("2026-11-30T03:10:00Z")])
        #expect(try store.incident(id: Self.id)?.firstSeen == date("2026-11-20T00:00:00Z"))
    }
}
