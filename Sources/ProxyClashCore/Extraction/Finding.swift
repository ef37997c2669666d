import Foundation

/// One conflict reported by one message, with its fields normalized and its dedup key computed.
public struct Finding: Sendable, Hashable {
    public let kind: IncidentKind
    /// The lower-case dedup key (see the report contract): `smtp:jane@contoso.com`,
    /// `publicfolder_<guid>`, `proxyaddresses|smtp:john@contoso.com`.
    public let key: String
    /// The pattern that produced it.
    public let patternID: String
    public var address: String?
    public var owner: String?
    public var forest: String?
    public var tenant: String?
    public var objectType: String?
    public var guid: String?
    public var attribute: String?
    public var value: String?
    /// When the message was logged, from the record itself; nil when it carries no time.
    public var timestamp: Date?

    public init(kind: IncidentKind, key: String, patternID: String) {
        self.kind = kind
        self.key = key
        self.patternID = patternID
    }

    /// A field's value as text (timestamps in ISO 8601 UTC), for samples and checks.
    public func text(of field: FindingField) -> String? {
        switch field {
        case .key: key
        case .address: address
        case .owner: owner
        case .forest: forest
        case .tenant: tenant
        case .objectType: objectType
        case .guid: guid
        case .attribute: attribute
        case .value: value
        case .timestamp: timestamp.map(ISO8601.format)
        }
    }
}
