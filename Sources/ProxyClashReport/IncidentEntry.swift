import Foundation
import ProxyClashCore

/// One incident in the report contract. Every field is always present (null when unknown), so
/// scripts can rely on the shape.
public struct IncidentEntry: Codable, Sendable, Equatable {
    public var id: String
    public var kind: String
    public var key: String
    public var occurrences: Int
    public var firstSeen: String?
    public var lastSeen: String?
    public var address: String?
    /// Where `address` was read: `message`, `context` (the command above the error, a proxy-address
    /// field of the record), or `none` when there is no address.
    public var addressSource: String
    public var owners: [String]
    public var forests: [String]
    public var tenants: [String]
    public var objectType: String?
    public var guid: String?
    public var attribute: String?
    public var value: String?
    public var sources: Sources
    public var patterns: [String]
    public var remediation: Remediation
    /// Ids of incidents whose address reads the same (homoglyphs such as a Cyrillic `о`).
    public var lookAlikes: [String] = []
    /// The address mixes Latin with Cyrillic or Greek letters.
    public var mixedScripts = false
    /// Its messages counted by how their time was decided (`server-timestamp`, `line-above`,
    /// `undated`...: the `TimeEvidence` names); empty in reports written before it existed.
    public var dating: [String: Int] = [:]

    /// A bounded sample of where the incident was seen, and how many places in all.
    public struct Sources: Codable, Sendable, Equatable {
        public var total: Int
        public var sample: [Place]
    }

    public struct Place: Codable, Sendable, Equatable {
        public var path: String
        public var line: Int
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, key, occurrences, firstSeen, lastSeen, address, addressSource, owners, forests, tenants
        case objectType, guid, attribute, value, sources, patterns, remediation, lookAlikes, mixedScripts, dating
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(key, forKey: .key)
        try container.encode(occurrences, forKey: .occurrences)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(address, forKey: .address)
        try container.encode(addressSource, forKey: .addressSource)
        try container.encode(owners, forKey: .owners)
        try container.encode(forests, forKey: .forests)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(objectType, forKey: .objectType)
        try container.encode(guid, forKey: .guid)
        try container.encode(attribute, forKey: .attribute)
        try container.encode(value, forKey: .value)
        try container.encode(sources, forKey: .sources)
        try container.encode(patterns, forKey: .patterns)
        try container.encode(remediation, forKey: .remediation)
        try container.encode(lookAlikes, forKey: .lookAlikes)
        try container.encode(mixedScripts, forKey: .mixedScripts)
        try container.encode(dating, forKey: .dating)
    }
}

extension IncidentEntry {
    /// - Parameter id: the incident's ``Incident/id``, when the caller has it already.
    init(_ incident: Incident, id: String? = nil) {
        self.init(
            id: id ?? incident.id, kind: incident.kind.rawValue, key: incident.key, occurrences: incident.occurrences,
            firstSeen: incident.firstSeen.map(ISO8601.format), lastSeen: incident.lastSeen.map(ISO8601.format),
            address: incident.address, addressSource: incident.addressSource?.rawValue ?? "none", owners: incident.owners, forests: incident.forests, tenants: incident.tenants,
            objectType: incident.objectType, guid: incident.guid, attribute: incident.attribute, value: incident.value,
            sources: Sources(total: incident.sourceTotal, sample: incident.sources.map { Place(path: $0.path, line: $0.line) }),
            patterns: incident.patternIDs,
            remediation: Remediation(for: incident))
        dating = Dictionary(uniqueKeysWithValues: incident.datedBy.map { ($0.key.rawValue, $0.value) })
    }

    /// Entries for `incidents`, with look-alike addresses flagged on each other (found on the
    /// real values, then redacted like everything else when a redactor is given).
    static func entries(_ incidents: [Incident], redactor: Redactor? = nil) -> [IncidentEntry] {
        let ids = incidents.map(\.id)
        let lookAlikes = LookAlikes.find(in: incidents, ids: ids)
        let shown = redactor.map { redactor in incidents.map { redactor.redact($0) } } ?? incidents
        let shownIDs = redactor == nil ? ids : shown.map(\.id)
        let shownID = Dictionary(uniqueKeysWithValues: zip(ids, shownIDs))
        return incidents.indices.map { index in
            var entry = IncidentEntry(shown[index], id: shownIDs[index])
            if let flags = lookAlikes[ids[index]] {
                entry.lookAlikes = flags.others.compactMap { shownID[$0] }.sorted()
                entry.mixedScripts = flags.mixedScripts
            }
            return entry
        }
    }
}

extension IncidentEntry {
    /// Reads reports written before `lookAlikes`, `mixedScripts`, `dating` and `addressSource`
    /// existed too (their addresses all came from messages).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        kind = try container.decode(String.self, forKey: .kind)
        key = try container.decode(String.self, forKey: .key)
        occurrences = try container.decode(Int.self, forKey: .occurrences)
        firstSeen = try container.decodeIfPresent(String.self, forKey: .firstSeen)
        lastSeen = try container.decodeIfPresent(String.self, forKey: .lastSeen)
        address = try container.decodeIfPresent(String.self, forKey: .address)
        addressSource = try container.decodeIfPresent(String.self, forKey: .addressSource) ?? (address == nil ? "none" : "message")
        owners = try container.decode([String].self, forKey: .owners)
        forests = try container.decode([String].self, forKey: .forests)
        tenants = try container.decode([String].self, forKey: .tenants)
        objectType = try container.decodeIfPresent(String.self, forKey: .objectType)
        guid = try container.decodeIfPresent(String.self, forKey: .guid)
        attribute = try container.decodeIfPresent(String.self, forKey: .attribute)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        sources = try container.decode(Sources.self, forKey: .sources)
        patterns = try container.decode([String].self, forKey: .patterns)
        remediation = try container.decode(Remediation.self, forKey: .remediation)
        lookAlikes = try container.decodeIfPresent([String].self, forKey: .lookAlikes) ?? []
        mixedScripts = try container.decodeIfPresent(Bool.self, forKey: .mixedScripts) ?? false
        dating = try container.decodeIfPresent([String: Int].self, forKey: .dating) ?? [:]
    }
}
