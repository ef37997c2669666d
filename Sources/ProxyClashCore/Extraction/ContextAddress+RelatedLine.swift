/// The address a script's plain log names on a line of its own above the error, read byte by
/// byte: it is looked for at every conflict whose message names no address, and a log may hold
/// thousands of them.
extension ContextAddress {
    /// The one address a script's own log line names for the operation that failed: the nearest
    /// of `lines` (above the error, nearest first) that names the command and object the error
    /// names (`ERROR Set-MailUser jo.kim: ... ConflictingObject: PublicFolder_...` below
    /// `INFO Set-MailUser jo.kim: adding proxy address smtp:jo.kim@contoso.com`), when that line
    /// is about an address being set (it says proxy address, EmailAddresses, PrimarySmtpAddress or
    /// WindowsEmailAddress) and names exactly one SMTP address. A line about the same object that
    /// sets something else (`New-MailUser jo.kim: created, ExternalEmailAddress ...`) gives nothing.
    static func inRelatedLine(_ lines: [String], record: String) -> String? {
        // Most errors have no line about setting an address above them: the record is not parsed.
        guard lines.contains(where: setsAnAddress), let subject = subject(of: record) else { return nil }
        let wanted = Array(FieldNormalizer.lowercased(subject).utf8)
        guard let related = lines.first(where: { names(wanted, in: Array(FieldNormalizer.lowercased($0).utf8)) }),
              setsAnAddress(related) else { return nil }
        return single(in: related)
    }

    /// The first `Verb-Noun object` of `record` (`Set-MailUser jo.kim`), as `Verb-Noun object`: a
    /// capitalised verb and noun (ASCII) after the start or a byte that does not continue a word,
    /// blanks, then the object up to a blank or one of `: ; , ' "` (not a `-Parameter`).
    static func subject(of record: String) -> String? {
        let bytes = Array(record.utf8)
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        func letters(from index: Int, where accept: (UInt8) -> Bool) -> Int {
            var end = index
            while end < bytes.count, accept(bytes[end]) { end += 1 }
            return end
        }
        for start in bytes.indices where isUpper(bytes[start]) && (start == 0 || !continuesWord(bytes[start - 1])) {
            let verbEnd = letters(from: start + 1, where: isLower)
            guard verbEnd > start + 1, verbEnd + 1 < bytes.count, bytes[verbEnd] == UInt8(ascii: "-"), isUpper(bytes[verbEnd + 1]) else { continue }
            let nounEnd = letters(from: verbEnd + 2) { isUpper($0) || isLower($0) }
            let objectStart = letters(from: nounEnd, where: isBlank)
            guard objectStart > nounEnd else { continue }
            let objectEnd = letters(from: objectStart) { byte in
                !(byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) || Array(":;,'\"".utf8).contains(byte))
            }
            // `-Identity 'José Núñez'`: a parameter, not the object; such errors are not matched.
            guard objectEnd > objectStart, bytes[objectStart] != UInt8(ascii: "-") else { continue }
            return String(decoding: bytes[start..<nounEnd] + [UInt8(ascii: " ")] + bytes[objectStart..<objectEnd], as: UTF8.self)
        }
        return nil
    }

    /// A line that says proxy address, EmailAddresses, PrimarySmtpAddress or WindowsEmailAddress
    /// (in any case; not ExternalEmailAddress).
    private static func setsAnAddress(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            ["proxy address", "proxyaddress", "emailaddresses", "primarysmtpaddress", "windowsemailaddress"].contains {
                FieldNormalizer.byteRange(of: $0, in: bytes, ignoringASCIICase: true) != nil
            }
        }
    }

    /// True when `subject` is in `line` (both lower case) as whole words: not the start or the end
    /// of a longer name (`jo.kim` in `jo.kimura`); a full stop ending the line ends a sentence.
    private static func names(_ subject: [UInt8], in line: [UInt8]) -> Bool {
        guard !subject.isEmpty, line.count >= subject.count else { return false }
        for start in 0...(line.count - subject.count) where line[start] == subject[0] && line[start..<(start + subject.count)].elementsEqual(subject) {
            let end = start + subject.count
            let endsSentence = end + 1 == line.count && line[end] == UInt8(ascii: ".")
            if (start == 0 || !continuesName(line[start - 1])), end == line.count || !continuesName(line[end]) || endsSentence { return true }
        }
        return false
    }

    /// A byte that continues a word: an ASCII letter or digit, `_`, `-`, or part of a non-ASCII character.
    private static func continuesWord(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// A byte that continues a name: a word byte, `.` or `@`.
    private static func continuesName(_ byte: UInt8) -> Bool {
        continuesWord(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@")
    }
}
