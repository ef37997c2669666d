/// The address a script's plain log names on a line of its own above the error, read byte by
/// byte: it is looked for at every conflict whose message names no address, and a log may hold
/// thousands of them.
extension ContextAddress {
    /// The one address a script's own log line names for the operation that failed: the nearest
    /// of `lines` (above the error, nearest first) that names the command and object the error
    /// names, in a script's `Verb-Noun object:` form (`ERROR Set-MailUser jo.kim: ...
    /// ConflictingObject: PublicFolder_...` below `INFO Set-MailUser jo.kim: adding proxy address
    /// smtp:jo.kim@contoso.com`), when that line is about adding an address (it says proxy
    /// address, EmailAddresses, PrimarySmtpAddress or WindowsEmailAddress, and add, adding or added,
    /// and nothing about removing) and names exactly one SMTP address. A line about the same object
    /// that sets something else (`New-MailUser jo.kim: created, ExternalEmailAddress ...`) or
    /// removes an address gives nothing.
    static func inRelatedLine(_ lines: [String], record: String) -> String? {
        // Most errors have no line about adding an address above them: the record is not parsed.
        guard lines.contains(where: addsAnAddress), let subject = subject(of: record) else { return nil }
        let wanted = Array(FieldNormalizer.lowercased(subject).utf8)
        guard let related = lines.first(where: { names(wanted, in: Array(FieldNormalizer.lowercased($0).utf8)) }),
              addsAnAddress(related) else { return nil }
        return single(in: related)
    }

    /// The first `Verb-Noun object:` of `record` (`Set-MailUser jo.kim:`): a capitalised verb and
    /// noun (ASCII) after the start or a byte that does not continue a word, blanks, then the
    /// object (not a `-Parameter`) up to a colon; nil when the object is not followed by one (a
    /// quote or a blank inside it: `o'brien`, `Jo Kim`, which a line above could only name in part).
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
                switch byte {
                case UInt8(ascii: " "), 0x09...0x0D, UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "'"), UInt8(ascii: "\""): false
                default: true
                }
            }
            // `-Identity 'José Núñez'`: a parameter, not the object; such errors are not matched.
            guard objectEnd > objectStart, bytes[objectStart] != UInt8(ascii: "-"),
                  objectEnd < bytes.count, bytes[objectEnd] == UInt8(ascii: ":") else { continue }
            return String(decoding: bytes[start..<nounEnd] + [UInt8(ascii: " ")] + bytes[objectStart...objectEnd], as: UTF8.self)
        }
        return nil
    }

    /// A line that says proxy address, EmailAddresses, PrimarySmtpAddress or WindowsEmailAddress
    /// (in any case; not ExternalEmailAddress), and add, adding or added as a word, and no word
    /// starting with remov. One lower-cased copy of the line, no string per word.
    private static func addsAnAddress(_ line: String) -> Bool {
        var line = line
        let lower = line.withUTF8 { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { lower, count in
                for index in bytes.indices { lower[index] = FieldNormalizer.asciiLowercased(bytes[index]) }
                count = bytes.count
            }
        }
        guard lower.withUnsafeBufferPointer({ bytes in addressWords.contains { FieldNormalizer.byteRange(of: $0, in: bytes) != nil } }) else {
            return false
        }
        func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        var sawAdd = false
        var start = 0
        while start < lower.count {
            guard isLetter(lower[start]) else {
                start += 1
                continue
            }
            var end = start + 1
            while end < lower.count, isLetter(lower[end]) { end += 1 }
            let word = lower[start..<end]
            if word.starts(with: "remov".utf8) { return false }
            sawAdd = sawAdd || addWords.contains { word.elementsEqual($0) }
            start = end
        }
        return sawAdd
    }

    private static let addressWords = ["proxy address", "proxyaddress", "emailaddresses", "primarysmtpaddress", "windowsemailaddress"]
    private static let addWords = ["add", "adding", "added"].map { Array($0.utf8) }

    /// True when `subject` (`verb-noun object:`) is in `line` (both lower case), not inside a
    /// longer word (`re-set-mailuser`).
    private static func names(_ subject: [UInt8], in line: [UInt8]) -> Bool {
        guard !subject.isEmpty, line.count >= subject.count else { return false }
        for start in 0...(line.count - subject.count) where line[start] == subject[0] && line[start..<(start + subject.count)].elementsEqual(subject) {
            if start == 0 || !continuesWord(line[start - 1]) { return true }
        }
        return false
    }

    /// A byte that continues a word: an ASCII letter or digit, `_`, `-`, or part of a non-ASCII character.
    private static func continuesWord(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

}
