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

    /// A code span: backticks in the value become `'`, line breaks spaces, other control
    /// characters visible escapes, and `|` is escaped for tables.
    static func code(_ text: String) -> String {
        let cleaned = TerminalText.safe(singleLine(text)).replacingOccurrences(of: "`", with: "'")
        return "`" + cleaned.replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    /// `text` with each CR and LF replaced by a space.
    private static func singleLine(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        return result
    }
}
