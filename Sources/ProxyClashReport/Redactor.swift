import Crypto
import Foundation
import ProxyClashCore

/// Replaces addresses, owners, tenants, GUIDs, attribute values and (in full mode) on-premises
/// forests by stable pseudonyms so a
/// report or summary can be shared outside the team. A pseudonym is a keyed HMAC-SHA256 of the
/// value: the same value gives the same pseudonym in every run with the same key, and nobody
/// without the key can tell which value it stands for.
public struct Redactor: Sendable {
    /// What to hide.
    public enum Mode: String, Sendable, CaseIterable {
        /// Whole addresses, owners, tenants and GUIDs.
        case full
        /// Only the part before `@` (and owners and GUIDs): domains and tenants stay readable.
        case localPart = "local-part"
    }

    private let key: Data
    public let mode: Mode

    public init(key: Data, mode: Mode) {
        self.key = key
        self.mode = mode
    }

    /// 8 hex digits of the HMAC of `value` in `purpose` (so an owner and a tenant with the same
    /// text do not get the same pseudonym).
    func pseudonym(_ value: String, _ purpose: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((purpose + "\u{0}" + value.lowercased()).utf8), using: SymmetricKey(data: key))
        return mac.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// `SMTP:jane@contoso.com` → `SMTP:u-1a2b3c4d@contoso.com` (local-part) or `...@d-5e6f7a8b.example` (full).
    func address(_ text: String) -> String {
        var type = ""
        var value = Substring(text)
        if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 10 {
            type = String(text[...colon])
            value = text[text.index(after: colon)...]
        }
        guard let at = value.lastIndex(of: "@") else { return type + "v-" + pseudonym(String(value), "value") }
        let local = value[..<at]
        let domain = value[value.index(after: at)...]
        let hiddenDomain = mode == .full ? "d-" + pseudonym(String(domain), "domain") + ".example" : String(domain)
        return type + "u-" + pseudonym(String(local) + "@" + domain, "address") + "@" + hiddenDomain
    }

    /// Exchange Online forests (`*.prod.outlook.com`, ...) name Microsoft's servers and stay; an
    /// on-premises AD domain names the customer and is hidden in full mode.
    func forest(_ text: String) -> String {
        let microsoft = [".outlook.com", ".exchangelabs.com", ".microsoft.com", ".outlook.cn"]
        guard mode == .full, !microsoft.contains(where: text.lowercased().hasSuffix) else { return text }
        return "forest-" + pseudonym(text, "forest") + ".example"
    }

    func guid(_ text: String) -> String {
        let hex = pseudonym(text, "guid") + pseudonym(text, "guid2") + pseudonym(text, "guid3") + pseudonym(text, "guid4")
        let digits = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }

    /// The incident with every identifying value replaced; kind, counts, times, forests and
    /// places are kept. The key (and so the id) is rebuilt from the pseudonyms.
    public func redact(_ incident: Incident) -> Incident {
        let guid = incident.guid.map(guid)
        let key: String
        switch incident.kind {
        case .proxyAddressInUse: key = address(incident.key)
        case .aadObjectConflict: key = (incident.objectType ?? "object").lowercased() + "_" + (guid ?? pseudonym(incident.key, "key"))
        case .syncDuplicateAttribute:
            let parts = incident.key.split(separator: "|", maxSplits: 1)
            key = parts.count == 2 ? parts[0] + "|" + address(String(parts[1])) : pseudonym(incident.key, "key")
        }
        return Incident(kind: incident.kind, key: key, occurrences: incident.occurrences, firstSeen: incident.firstSeen,
                        lastSeen: incident.lastSeen, address: incident.address.map(address),
                        owners: incident.owners.map { "owner-" + pseudonym($0, "owner") }, forests: incident.forests.map(forest),
                        tenants: mode == .full ? incident.tenants.map { "tenant-" + pseudonym($0, "tenant") + ".example" } : incident.tenants,
                        objectType: incident.objectType, guid: guid, attribute: incident.attribute, value: incident.value.map(address),
                        sources: incident.sources, sourceTotal: incident.sourceTotal, patternIDs: incident.patternIDs,
                        datedBy: incident.datedBy, addressSource: incident.addressSource)
    }

    /// 8-4-4-4-12 hex digits, braces allowed.
    private static func isGUID(_ text: String) -> Bool {
        let core = text.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
        return core.split(separator: "-", omittingEmptySubsequences: false).map(\.count) == [8, 4, 4, 4, 12]
            && core.allSatisfy { $0 == "-" || $0.isHexDigit }
    }

    /// Free text (diagnostic messages quote log lines): every e-mail-like token and GUID replaced.
    public func text(_ message: String) -> String {
        var result = ""
        var token = ""
        func flush() {
            if token.contains("@"), token.count > 3 {
                let trimmed = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:)]}>\"'"))
                result += address(trimmed) + token.dropFirst(trimmed.count)
            } else if Self.isGUID(token) {
                result += guid(token)
            } else {
                result += token
            }
            token = ""
        }
        for character in message {
            if character.isWhitespace || "\"'<>[](){}|,;".contains(character) {
                flush()
                result.append(character)
            } else {
                token.append(character)
            }
        }
        flush()
        return result
    }
}
