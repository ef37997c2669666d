/// Recognising CSV exports and reading their header.
enum CSVDialect {
    /// A first line that heads a CSV table: quoted cells separated by `,` `;` or tab, or any
    /// delimited line when the file is named `.csv`.
    static func looksLikeHeader(_ line: Substring, fileName: String) -> Bool {
        let quoted = line.hasPrefix("\"") && (line.contains("\",\"") || line.contains("\";\"") || line.contains("\"\t\""))
        if quoted { return true }
        return fileName.lowercased().hasSuffix(".csv") && delimiter(in: line) != nil
    }

    /// The separator of a header line: whichever of `,` `;` tab occurs most outside quotes.
    static func delimiter(in line: Substring) -> UInt8? {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        for byte in line.utf8 {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        guard let best = counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), best.value > 0 else { return nil }
        return best.key
    }

    /// Index of the column that holds the row's time, if the header has one.
    static func timeColumn(in header: [String]) -> Int? {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for candidate in TimeFieldNames.ordered {
            if let index = names.firstIndex(of: candidate) { return index }
        }
        return nil
    }
}

import Foundation
