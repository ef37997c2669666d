/// Markdown escaping for values from logs: nothing in a value can open a link, a table cell or
/// raw HTML in the rendered page, and control characters show as the text report shows them.
enum Markdown {
    /// Text in a table cell: `|`, `\` and Markdown punctuation escaped, line breaks removed,
    /// other control characters made visible (``TerminalText/safe(_:)``).
    static func cell(_ text: String) -> String {
        // Per Unicode scalar: a `|` followed by a combining mark is one Character to Swift but
        // still a cell separator to a Markdown renderer.
        var result = ""
        for scalar in TerminalText.safe(singleLine(text)).unicodeScalars {
            switch scalar {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!", "(", ")", "~": result += "\\" + String(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A code span showing the value as it is: its fence is one backtick longer than the longest
    /// run of backticks inside (CommonMark), with a space inside the fence when the value starts
    /// or ends with one; line breaks become spaces, other control characters visible escapes, and
    /// `|` is escaped for tables.
    static func code(_ text: String) -> String {
        let cleaned = TerminalText.safe(singleLine(text)).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0, run = 0
        for scalar in cleaned.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = cleaned.hasPrefix("`") || cleaned.hasSuffix("`") ? " " : ""
        return fence + padding + cleaned + padding + fence
    }

    /// `text` with each CR and LF replaced by a space.
    private static func singleLine(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        return result
    }
}
