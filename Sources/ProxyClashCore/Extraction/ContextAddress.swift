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
    /// - Parameter linesAbove: the lines above the record in a plain log, nearest first (asked only
    ///   when a finding needs an address).
    static func fill(_ findings: inout [Finding], record: UnsafeRawBufferPointer, command: String?,
                     linesAbove: () -> [String] = { [] }) {
        guard findings.contains(where: { $0.kind == .aadObjectConflict && $0.address == nil }) else { return }
        let text = String(decoding: record, as: UTF8.self)
        guard let address = command.flatMap(inCommand) ?? inFields(of: text) ?? inRelatedLine(linesAbove(), record: text) else { return }
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

    /// The one address a script's own log line names for the operation that failed: the nearest
    /// of `lines` (above the error, nearest first) that names the command and object the error
    /// names (`ERROR Set-MailUser jo.kim: ... ConflictingObject: PublicFolder_...` below
    /// `INFO Set-MailUser jo.kim: adding proxy address smtp:jo.kim@contoso.com`), when that line
    /// is about an address being set (it says proxy address, EmailAddresses, PrimarySmtpAddress or
    /// WindowsEmailAddress) and names exactly one SMTP address. A line about the same object that
    /// sets something else (`New-MailUser jo.kim: created, ExternalEmailAddress ...`) gives nothing.
    static func inRelatedLine(_ lines: [String], record: String) -> String? {
        guard !lines.isEmpty, let subject = record.firstMatch(of: /(?:^|[^\w-])(?<cmdlet>[A-Z][a-z]+-[A-Z][A-Za-z]+)[ \t]+(?<object>[^\s:;,'"]+)/) else {
            return nil
        }
        let wanted = (subject.cmdlet + " " + subject.object).lowercased()
        guard let related = lines.first(where: { names(wanted, in: $0.lowercased()) }),
              related.firstMatch(of: /(?i)proxy ?address|EmailAddresses|PrimarySmtpAddress|WindowsEmailAddress/) != nil else { return nil }
        return single(in: related)
    }

    /// True when `subject` (lower case) is in `line` (lower case) as whole words: not the start of
    /// a longer name (`jo.kim` in `jo.kimura`).
    private static func names(_ subject: String, in line: String) -> Bool {
        var searchStart = line.startIndex
        while let found = line.range(of: subject, range: searchStart..<line.endIndex) {
            let before = found.lowerBound == line.startIndex ? nil : line[line.index(before: found.lowerBound)]
            let after = found.upperBound == line.endIndex ? nil : line[found.upperBound]
            func continuesName(_ character: Character?) -> Bool {
                guard let character else { return false }
                return character.isLetter || character.isNumber || "-_.@".contains(character)
            }
            // A full stop ending the line ends the sentence, not the name.
            let endsSentence = after == "." && line.index(after: found.upperBound) == line.endIndex
            if !continuesName(before), !continuesName(after) || endsSentence { return true }
            searchStart = line.index(after: found.lowerBound)
        }
        return false
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
