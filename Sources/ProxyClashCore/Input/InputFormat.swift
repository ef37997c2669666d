/// How the text of an input is cut into records.
public enum InputFormat: String, Sendable, Codable, CaseIterable {
    /// One record per line (application and script logs). The fast path: only lines around a
    /// prefilter hit are looked at.
    case lines
    /// PowerShell console output and transcripts: lines wrapped at the console width are joined
    /// back into one message; entry headers (`[11/17/2026 9:40:12 AM] ...`) give later lines their time.
    case console
    /// Comma-, semicolon- or tab-separated values (`Export-Csv`, event exports): one record per row,
    /// quoted cells unescaped, the time column gives the record's time.
    case csv

    /// Guesses the format from the first chunk of decoded text and the file name.
    ///
    /// - `#TYPE ...` first line, or a first line of quoted cells (`"a","b"`), or a `.csv` name with a
    ///   delimited first line: CSV.
    /// - A PowerShell transcript header, or PowerShell error blocks (`+ CategoryInfo`,
    ///   `+ FullyQualifiedErrorId`), or prompts (`PS C:\>`): console.
    /// - Anything else: lines.
    public static func detect(head: UnsafeRawBufferPointer, path: String) -> InputFormat {
        let text = String(decoding: head.prefix(64 * 1024), as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        if firstLine.hasPrefix("#TYPE ") { return .csv }
        if CSVDialect.looksLikeHeader(firstLine, fileName: path) { return .csv }
        let consoleMarkers = ["PowerShell transcript start", "+ CategoryInfo ", "+ FullyQualifiedErrorId ", "\nPS C:\\", "\nPS /"]
        if consoleMarkers.contains(where: text.contains) { return .console }
        return .lines
    }
}
