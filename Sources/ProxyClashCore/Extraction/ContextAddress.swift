/// The proxy address a conflict message leaves out, read from the record's context instead: the
/// command that failed (a transcript's `PS C:\> Set-Mailbox -Identity x -EmailAddresses
/// @{Add='smtp:x@contoso.com'}` line above the error), or a proxy-address field of the same
/// record (`ProxyAddress: smtp:x@contoso.com`, `proxyAddresses value: ...` in a JSON object or a
/// Format-List listing).
///
/// Only an SMTP address is taken, and only when the context names exactly one (compared
/// case-insensitively): a command adding two addresses does not say which one conflicted.
enum ContextAddress {
    /// Gives the address from context to each `aad-object-conflict` finding whose message named
    /// none, marked ``AddressSource/context``.
    /// The record is read only when such a finding is there (the few messages that need it).
    static func fill(_ findings: inout [Finding], record: UnsafeRawBufferPointer, command: String?) {
        guard findings.contains(where: { $0.kind == .aadObjectConflict && $0.address == nil }),
              let address = command.flatMap(inCommand) ?? inFields(of: String(decoding: record, as: UTF8.self)) else { return }
        for index in findings.indices where findings[index].kind == .aadObjectConflict && findings[index].address == nil {
            findings[index].address = address
            findings[index].addressSource = .context
        }
    }

    /// The one address a command adds: the values of `-EmailAddresses @{Add=...}`, else those of
    /// `-EmailAddresses`, `-PrimarySmtpAddress` and `-WindowsEmailAddress`.
    static func inCommand(_ command: String) -> String? {
        if let add = command.firstMatch(of: /(?i)-EmailAddresses\s*:?\s*@\{[^}]*?\bAdd\s*=\s*(?<values>[^};]*)/) {
            return single(in: add.values)
        }
        let values = command.matches(
            of: /(?i)-(?:EmailAddresses|PrimarySmtpAddress|WindowsEmailAddress)(?:\s*:\s*|\s+)(?<values>(?:[^\s,'"]+|'[^']*'|"[^"]*")(?:\s*,\s*(?:[^\s,'"]+|'[^']*'|"[^"]*"))*)/)
        return single(in: values.map(\.values).joined(separator: ","))
    }

    /// The one address of a `ProxyAddress: ...` or `proxyAddresses value: ...` line of the record
    /// (a plain `proxyAddresses` field lists what an object has, not the value that conflicted).
    static func inFields(of record: String) -> String? {
        let values = record.matches(of: /(?im)^[ \t]*proxy ?address(?:es value)?[ \t]*[:=][ \t]*(?<value>[^\r\n]+)$/)
        return single(in: values.map(\.value).joined(separator: ","))
    }

    /// The SMTP address when `text` holds exactly one (in quotes or not, `smtp:` or not); a
    /// token of another type (`SIP:`, `X500:`) is not one.
    private static func single(in text: some StringProtocol) -> String? {
        let separators: Set<Character> = [" ", "\t", "\r", "\n", "'", "\"", "‘", "’", ",", ";", "=", "(", ")", "{", "}", "[", "]"]
        var found: [String: String] = [:]
        for token in text.split(whereSeparator: { separators.contains($0) }) where token.contains("@") {
            guard case let .success(address) = FieldNormalizer.proxyAddress(String(token), defaultType: "smtp"),
                  address.type == "smtp" else { continue }
            found[address.key] = address.display
        }
        return found.count == 1 ? found.values.first : nil
    }
}
