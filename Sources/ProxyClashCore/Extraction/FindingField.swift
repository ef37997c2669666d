/// The named fields a pattern can capture (as PCRE2 named groups) and a finding carries.
package enum FindingField: String, Sendable, CaseIterable {
    case key, address, owner, forest, tenant, objectType, guid, attribute, value, timestamp

    /// Every field name, for validating pattern files.
    package static let allNames: Set<String> = Set(allCases.map(\.rawValue))
    /// Names a regex may use for its groups (`key` is derived, never captured).
    package static let groupNames: Set<String> = allNames.subtracting(["key"])
}
