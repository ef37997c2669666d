import Foundation

/// One conflict reported by one message, with its fields normalized and its dedup key computed.
package struct Finding: Sendable, Hashable {
    package let kind: IncidentKind
    /// The lower-case dedup key (see the report contract): `smtp:jane@contoso.com`,
    /// `publicfolder_<guid>`, `proxyaddresses|smtp:john@contoso.com`.
    package let key: String
    /// The pattern that produced it.
    package let patternID: String
    package var address: String?
    /// Where ``address`` was read (nil while there is none).
    package var addressSource: AddressSource?
    package var owner: String?
    package var forest: String?
    package var tenant: String?
    package var objectType: String?
    package var guid: String?
    package var attribute: String?
    package var value: String?
    /// When the message was logged, from the record itself; nil when it carries no time.
    package var timestamp: Date?
    /// How ``timestamp`` was decided (``TimeEvidence/undated`` when there is none); nil until dated.
    package var datedBy: TimeEvidence?
    /// When the record says the error first happened, earlier than ``timestamp`` (csexport's
    /// `first-occurred`): the incident's first-seen time may go back to it.
    package var since: Date?

    package init(kind: IncidentKind, key: String, patternID: String) {
        self.kind = kind
        self.key = key
        self.patternID = patternID
    }

    /// A field's value as text (timestamps in ISO 8601 UTC), for samples and checks.
    package func text(of field: FindingField) -> String? {
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
