/// Quoting for values placed into PowerShell commands.
enum PowerShell {
    /// A single-quoted PowerShell string literal: nothing inside is expanded, and every quote
    /// character PowerShell accepts as a single quote (' ‘ ’ ‚ ‛) is doubled. Doubled per Unicode
    /// scalar, as PowerShell's tokenizer reads them: a quote followed by a combining mark is still
    /// a quote to it.
    static func quote(_ value: String) -> String {
        var result = "'"
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            result.unicodeScalars.append(scalar)
            if singleQuotes.contains(scalar.value) { result.unicodeScalars.append(scalar) }
        }
        return result + "'"
    }

    /// ' ‘ ’ ‚ ‛
    private static let singleQuotes: Set<UInt32> = [0x27, 0x2018, 0x2019, 0x201A, 0x201B]

    /// An LDAP filter value with `*`, `(`, `)`, `\` and NUL escaped (RFC 4515), per Unicode
    /// scalar as the directory reads them (a `)` before a combining mark still ends a filter).
    static func ldapValue(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": result += "\\2a"
            case "(": result += "\\28"
            case ")": result += "\\29"
            case "\\": result += "\\5c"
            case "\0": result += "\\00"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
