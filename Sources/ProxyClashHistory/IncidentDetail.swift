import Foundation
import ProxyClashCore

/// What the store keeps about an incident besides its messages: every owner, forest and tenant
/// and the other fields ever reported, merged across runs.
struct IncidentDetail: Codable, Equatable {
    var address: String?
    /// Where `address` was read (absent in stores written before it was kept: a message).
    var addressSource: AddressSource?
    var owners: [String] = []
    var forests: [String] = []
    var tenants: [String] = []
    var objectType: String?
    var guid: String?
    var attribute: String?
    var value: String?
    var patterns: [String] = []
    /// The earliest time the incident was known to exist, across runs: its first message, or
    /// earlier when a message said when the conflict began (an export error's `first-occurred`).
    /// Absent in stores written before it was kept.
    var began: Date?

    mutating func absorb(_ incident: Incident) {
        if let first = incident.firstSeen, began.map({ first < $0 }) ?? true { began = first }
        if let new = incident.address, address == nil || (incident.addressSource ?? .message) < (addressSource ?? .message) {
            address = new
            addressSource = incident.addressSource
        }
        objectType = objectType ?? incident.objectType
        guid = guid ?? incident.guid
        attribute = attribute ?? incident.attribute
        value = value ?? incident.value
        owners = Self.union(owners, incident.owners, foldingCase: true)
        forests = Self.union(forests, incident.forests)
        tenants = Self.union(tenants, incident.tenants)
        patterns = Self.union(patterns, incident.patternIDs)
    }

    static func decode(_ text: String) throws -> IncidentDetail {
        try JSONDecoder().decode(IncidentDetail.self, from: Data(text.utf8))
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    private static func union(_ a: [String], _ b: [String], foldingCase: Bool = false) -> [String] {
        var seen = Set(a.map { foldingCase ? $0.lowercased() : $0 })
        var result = a
        for item in b where seen.insert(foldingCase ? item.lowercased() : item).inserted { result.append(item) }
        return result.sortedByUTF8()  // a total order, as in reports
    }
}
