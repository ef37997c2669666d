import Foundation

/// Turns the fields a pattern captured into normalized findings, or says why it cannot.
///
/// Rules per kind (the report contract's keys):
/// - `proxy-address-in-use`: needs `address`; key `type:address` lower-case; owner placeholders dropped.
/// - `aad-object-conflict`: needs `objectType` and `guid`; key `objecttype_guid`.
/// - `sync-duplicate-attribute`: needs `attribute` and `value` (a list when the pattern sets
///   `valueSeparator`); key `attribute|value`, proxy addresses normalized like the first kind.
enum FindingExtractor {
    enum Outcome {
        case findings([Finding])
        /// The values were documentation placeholders or not addresses/GUIDs at all.
        case rejected(String)
    }

    static func extract(_ captures: [FindingField: String], pattern: PatternDefinition) -> Outcome {
        var fields = captures
        for (name, value) in pattern.defaults {
            if let field = FindingField(rawValue: name), fields[field] == nil { fields[field] = value }
        }
        switch pattern.kind {
        case .proxyAddressInUse: return proxyAddressInUse(fields, pattern)
        case .aadObjectConflict: return aadObjectConflict(fields, pattern)
        case .syncDuplicateAttribute: return syncDuplicateAttribute(fields, pattern)
        }
    }

    private static func proxyAddressInUse(_ fields: [FindingField: String], _ pattern: PatternDefinition) -> Outcome {
        guard let raw = fields[.address] else { return .rejected("no address captured") }
        let address: FieldNormalizer.ProxyAddress
        switch FieldNormalizer.proxyAddress(raw) {
        case let .success(value): address = value
        case let .failure(rejection): return .rejected(describe(rejection, "address"))
        }
        var finding = Finding(kind: .proxyAddressInUse, key: address.key, patternID: pattern.id)
        finding.address = address.display
        finding.addressSource = .message
        applyOwner(fields, to: &finding)
        return .findings([finding])
    }

    private static func aadObjectConflict(_ fields: [FindingField: String], _ pattern: PatternDefinition) -> Outcome {
        guard let rawType = fields[.objectType], let rawGUID = fields[.guid] else { return .rejected("no object type or GUID captured") }
        let guid: String
        switch FieldNormalizer.guid(rawGUID) {
        case let .success(value): guid = value
        case let .failure(rejection): return .rejected(describe(rejection, "GUID"))
        }
        let objectType = FieldNormalizer.objectType(FieldNormalizer.trimmed(rawType))
        var finding = Finding(kind: .aadObjectConflict, key: FieldNormalizer.lowercased(objectType) + "_" + guid, patternID: pattern.id)
        finding.objectType = objectType
        finding.guid = guid
        if let raw = fields[.address], case let .success(address) = FieldNormalizer.proxyAddress(raw, defaultType: "smtp") {
            finding.address = address.display
            finding.addressSource = .message
        }
        if let attribute = fields[.attribute] { finding.attribute = FieldNormalizer.attribute(attribute) }
        applyOwner(fields, to: &finding)
        return .findings([finding])
    }

    private static func syncDuplicateAttribute(_ fields: [FindingField: String], _ pattern: PatternDefinition) -> Outcome {
        guard let rawAttribute = fields[.attribute], let rawValue = fields[.value] else { return .rejected("no attribute or value captured") }
        let attribute = FieldNormalizer.attribute(rawAttribute)
        let values = pattern.valueSeparator.map { FieldNormalizer.components(of: rawValue, separatedBy: $0) } ?? [rawValue]
        var findings: [Finding] = []
        var rejections: [String] = []
        let items = values.map { FieldNormalizer.trimming(UInt8(ascii: "\""), from: FieldNormalizer.trimmed($0)) }
        for rawItem in items where !rawItem.isEmpty {
            switch normalizedValue(rawItem, attribute: attribute) {
            case let .success((value, address)):
                var finding = Finding(kind: .syncDuplicateAttribute, key: FieldNormalizer.lowercased(attribute) + "|" + FieldNormalizer.lowercased(value), patternID: pattern.id)
                finding.attribute = attribute
                finding.value = value
                finding.address = address
                finding.addressSource = address.map { _ in .message }
                if let raw = fields[.guid], case let .success(guid) = FieldNormalizer.guid(raw) { finding.guid = guid }
                applyOwner(fields, to: &finding)
                findings.append(finding)
            case let .failure(rejection):
                rejections.append(describe(rejection, attribute + " value"))
            }
        }
        if findings.isEmpty { return .rejected(rejections.first ?? "empty value list") }
        return .findings(findings)
    }

    /// The comparable value and, for address attributes, the display address.
    private static func normalizedValue(_ raw: String, attribute: String) -> Result<(String, String?), FieldNormalizer.Rejection> {
        switch attribute {
        case "ProxyAddresses":
            return FieldNormalizer.proxyAddress(raw, defaultType: "smtp").map { ($0.key, $0.display) }
        case "SipProxyAddress":
            return FieldNormalizer.proxyAddress(raw, defaultType: "sip").map { (FieldNormalizer.lowercased($0.value), $0.display) }
        default:
            if FieldNormalizer.isPlaceholder(raw) { return .failure(.placeholder(raw)) }
            if attribute == "UserPrincipalName" || attribute == "Mail" {
                guard FieldNormalizer.isMailLike(raw) else { return .failure(.malformed(raw)) }
            }
            return .success((FieldNormalizer.lowercased(raw), nil))
        }
    }

    private static func applyOwner(_ fields: [FindingField: String], to finding: inout Finding) {
        if let owner = fields[.owner].map(FieldNormalizer.trimmed), !owner.isEmpty, !FieldNormalizer.isPlaceholder(owner) {
            finding.owner = owner
            let derived = FieldNormalizer.forestAndTenant(ofOwner: owner)
            finding.forest = derived.forest
            finding.tenant = derived.tenant
        }
        if let forest = fields[.forest], !FieldNormalizer.isPlaceholder(forest) { finding.forest = FieldNormalizer.lowercased(forest) }
        if let tenant = fields[.tenant], !FieldNormalizer.isPlaceholder(tenant) { finding.tenant = FieldNormalizer.lowercased(tenant) }
    }

    private static func describe(_ rejection: FieldNormalizer.Rejection, _ what: String) -> String {
        switch rejection {
        case let .placeholder(text): "documentation placeholder \(what) '\(text)' ignored"
        case let .malformed(text): "\(what) '\(text)' is not well formed"
        }
    }
}
