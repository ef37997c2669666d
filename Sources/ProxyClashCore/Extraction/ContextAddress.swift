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
        var record = record
        // Byte by byte, one line after another: every conflict without an address gets here.
        let values = record.withUTF8 { bytes -> [String] in
            var values: [String] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
                if let value = fieldValue(UnsafeBufferPointer(rebasing: bytes[start..<end])) { values.append(value) }
                start = end + 1
            }
            return values
        }
        return single(in: values.joined(separator: ","))
    }

    /// What follows `proxyaddress`, `proxy address`, `proxyaddresses value` or `proxy addresses
    /// value` and `:` or `=` at the start of `line` (after blanks, in any case).
    private static func fieldValue(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        var at = 0
        func skipBlanks() {
            while at < line.count, line[at] == UInt8(ascii: " ") || line[at] == UInt8(ascii: "\t") { at += 1 }
        }
        /// Steps over `word` (ASCII, lower case) when the line goes on with it in any case.
        func consume(_ word: StaticString) -> Bool {
            guard FieldNormalizer.spells(word, in: UnsafeRawBufferPointer(line), at: at) else { return false }
            at += word.utf8CodeUnitCount
            return true
        }
        skipBlanks()
        guard consume("proxy") else { return nil }
        _ = consume(" ")
        guard consume("address") else { return nil }
        _ = consume("es value")
        skipBlanks()
        guard at < line.count, line[at] == UInt8(ascii: ":") || line[at] == UInt8(ascii: "=") else { return nil }
        // The separator must be a character of its own: `:` with a combining mark is another one.
        let separated = String(decoding: UnsafeBufferPointer(rebasing: line[at...]), as: UTF8.self)
        guard separated.first == ":" || separated.first == "=" else { return nil }
        return String(separated.dropFirst())
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
