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
    /// `-EmailAddresses`, `-PrimarySmtpAddress` and `-WindowsEmailAddress` (each read where it
    /// first appears).
    ///
    /// Each pattern is tried once, anchored where its parameter first appears (PowerShell takes a
    /// parameter once): tried from every place, a prompt line of many `-EmailAddresses @{` and no
    /// `}` took time growing with the square of its length. (The regexes are literals here, parsed
    /// at each call: only records below a prompt that lack an address get here. Kept in static
    /// properties they would be cheaper, but their parse trees are never freed, which the fuzzers'
    /// leak checker reports.)
    static func inCommand(_ command: String) -> String? {
        let emailAddresses = firstParameter("-emailaddresses", in: command)
        if let start = emailAddresses, let add = command[start...].prefixMatch(of: /(?i)-EmailAddresses\s*:?\s*@\{[^}]*?\bAdd\s*=\s*(?<values>[^};]*)/) {
            return single(in: add.values)
        }
        let starts = [emailAddresses, firstParameter("-primarysmtpaddress", in: command), firstParameter("-windowsemailaddress", in: command)]
        let values = starts.compactMap { start in
            start.flatMap {
                command[$0...].prefixMatch(
                    of: /(?i)-(?:EmailAddresses|PrimarySmtpAddress|WindowsEmailAddress)(?:\s*:\s*|\s+)(?<values>(?:[^\s,'"]+|'[^']*'|"[^"]*")(?:\s*,\s*(?:[^\s,'"]+|'[^']*'|"[^"]*"))*)/
                )?.values
            }
        }
        return single(in: values.joined(separator: ","))
    }

    /// Where `name` (lower case) first appears in `command`, in any case.
    private static func firstParameter(_ name: String, in command: String) -> String.Index? {
        var command = command
        guard let found = command.withUTF8({ FieldNormalizer.byteRange(of: name, in: $0, ignoringASCIICase: true) }) else { return nil }
        return command.utf8.index(command.startIndex, offsetBy: found.lowerBound)
    }

    /// The one address of a `ProxyAddress: ...` or `proxyAddresses value: ...` line of the record
    /// (a plain `proxyAddresses` field lists what an object has, not the value that conflicted):
    /// a line that starts, after blanks and in any case, with `proxyaddress`, `proxy address`,
    /// `proxyaddresses value` or `proxy addresses value`, then `:` or `=`.
    static func inFields(of record: String) -> String? {
        var values: [String] = []
        for line in record.utf8.split(whereSeparator: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            var rest = Substring(line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            guard consume("proxy", from: &rest) else { continue }
            _ = consume(" ", from: &rest)
            guard consume("address", from: &rest) else { continue }
            _ = consume("es value", from: &rest)
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let separator = rest.first, separator == ":" || separator == "=" else { continue }
            values.append(String(rest.dropFirst()))
        }
        return single(in: values.joined(separator: ","))
    }

    /// Drops `word` (ASCII, lower case) from the start of `text` when it starts with it in any case.
    private static func consume(_ word: String, from text: inout Substring) -> Bool {
        guard text.utf8.count >= word.utf8.count,
              zip(text.utf8, word.utf8).allSatisfy({ ($0 | 0x20 == $1) || $0 == $1 }) else { return false }
        text = Substring(text.utf8.dropFirst(word.utf8.count))
        return true
    }

    /// The SMTP address when `text` holds exactly one (in quotes or not, `smtp:` or not); a
    /// token of another type (`SIP:`, `X500:`) is not one.
    static func single(in text: some StringProtocol) -> String? {
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
