/// The three families of conflict ProxyClash reports.
public enum IncidentKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// Exchange: the address is already used by another recipient.
    case proxyAddressInUse = "proxy-address-in-use"
    /// Exchange/Entra dual-write: another directory object (often an orphaned public folder) holds it.
    case aadObjectConflict = "aad-object-conflict"
    /// Entra Connect export errors, duplicate-attribute resiliency notices, Graph provisioning errors.
    case syncDuplicateAttribute = "sync-duplicate-attribute"

    /// Short prefix of incident ids of this kind.
    public var idPrefix: String {
        switch self {
        case .proxyAddressInUse: "pa"
        case .aadObjectConflict: "ao"
        case .syncDuplicateAttribute: "sd"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
