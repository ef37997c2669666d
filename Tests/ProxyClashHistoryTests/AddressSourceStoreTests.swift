import Foundation
import GRDB
import ProxyClashCore
import Testing
@testable import ProxyClashHistory

/// The store keeps where an incident's address came from (in the incident's detail JSON, so no
/// migration), and a later message naming the address beats an earlier context.
@Suite struct AddressSourceStoreTests {
    static let guid = "5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f"
    static let id = Incident.id(kind: .aadObjectConflict, key: "publicfolder_" + guid)

    static func transcript(command: String, at time: String) -> String {
        [
            "**********************", "Windows PowerShell transcript start", "Start time: 20261118103012", "**********************",
            "PS C:\\> \(command)",
            "[\(time)] Set-Mailbox : An Azure Active Directory call was made to keep object in sync between Azure Active Directory "
                + "and Exchange Online. However, it failed. Detailed error message: Another object with the same value for property "
                + "proxyAddresses already exists. ConflictingObject: PublicFolder_\(guid)",
        ].joined(separator: "\r\n") + "\r\n"
    }

    @Test func theSourceIsStoredAndReadBackInEveryView() throws {
        let store = try temporaryStore()
        try store.record(scan(Self.transcript(command: "Set-Mailbox -Identity hr -EmailAddresses @{Add='smtp:hr@contoso.com'}", at: "11/18/2026 10:31:40 AM"),
                              path: "t.txt"), startedAt: date("2026-11-18T12:00Z"))
        let incident = try #require(try store.incident(id: Self.id))
        #expect(incident.address == "SMTP:hr@contoso.com")
        #expect(incident.addressSource == .context)
        let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
        let summary = try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47")
        #expect(summary.incidents.map(\.incident.addressSource) == [.context])
    }

    @Test func aStoreWrittenBeforeSourcesWereKeptReadsAsMessage() throws {
        let path = temporaryStorePath()
        let store = try HistoryStore(path: path)
        try store.record(scan(conflict("ann", at: "2026-11-16T09:00:00Z")), startedAt: date("2026-11-16T12:00Z"))
        let id = Incident.id(kind: .proxyAddressInUse, key: "smtp:ann@contoso.com")
        // The detail as an older proxyclash wrote it: no addressSource.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let detail = try String.fetchOne(db, sql: "SELECT detail FROM incident WHERE id = ?", arguments: [id])!
            #expect(detail.contains("\"addressSource\":\"message\""))
            try db.execute(sql: "UPDATE incident SET detail = ? WHERE id = ?",
                           arguments: [detail.replacingOccurrences(of: "\"addressSource\":\"message\",", with: ""), id])
        }
        try queue.close()
        let incident = try #require(try HistoryStore(path: path, access: .readOnly).incident(id: id))
        #expect(incident.address == "SMTP:ann@contoso.com")
        #expect(incident.addressSource == .message)
    }
}
