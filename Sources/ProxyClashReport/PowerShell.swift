/// Quoting for values placed into PowerShell commands.
enum PowerShell {
    /// A single-quoted PowerShell string literal: nothing inside is expanded, and every quote
    /// character PowerShell accepts as a single quote (' ‘ ’ ‚ ‛) is doubled.
    static func quote(_ value: String) -> String {
        var result = "'"
        for character in value {
            result.append(character)
            if "'‘’‚‛".contains(character) { result.append(character) }
        }
        return result + "'"
    }

    /// An LDAP filter value with `*`, `(`, `)`, `\` and NUL escaped (RFC 4515).
    static func ldapValue(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "*": result += "\\2a"
            case "(": result += "\\28"
            case ")": result += "\\29"
            case "\\": result += "\\5c"
            case "\0": result += "\\00"
            default: result.append(character)
            }
        }
        return result
    }
}
