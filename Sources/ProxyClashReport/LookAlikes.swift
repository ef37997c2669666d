import ProxyClashCore

/// Finds addresses that look like other addresses: `cоntoso.com` with a Cyrillic `о` is a
/// different address (and stays a different incident) but reads like `contoso.com`. Incidents
/// whose "skeletons" (confusable characters mapped to their Latin look-alikes, case folded)
/// match are flagged on each other; an address mixing Latin with Cyrillic or Greek letters is
/// flagged on its own.
enum LookAlikes {
    /// For each incident id, the ids of the incidents it looks like; `mixed` marks mixed scripts.
    /// - Parameter ids: the incidents' ids, in the same order.
    static func find(in incidents: [Incident], ids: [String]) -> [String: (others: [String], mixedScripts: Bool)] {
        let skeletons = incidents.map { skeleton($0.key) }
        var bySkeleton: [String: [Int]] = [:]
        for (index, skeleton) in skeletons.enumerated() {
            bySkeleton[skeleton, default: []].append(index)
        }
        var result: [String: (others: [String], mixedScripts: Bool)] = [:]
        for (index, incident) in incidents.enumerated() {
            let others = bySkeleton[skeletons[index], default: []]
                .filter { incidents[$0].key != incident.key || incidents[$0].kind != incident.kind }.map { ids[$0] }.sorted()
            let mixed = mixesScripts(incident.key)
            if !others.isEmpty || mixed { result[ids[index]] = (others, mixed) }
        }
        return result
    }

    /// Lower-case text with confusable Cyrillic, Greek and full-width letters replaced by Latin ones.
    static func skeleton(_ text: String) -> String {
        // ASCII has no confusables: only its case is folded (most addresses, and cheap).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return String(text.lowercased().unicodeScalars.map { scalar -> Character in
            if let latin = confusables[scalar.value] { return latin }
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) { return Character(ascii) }
            return Character(scalar)
        })
    }

    /// True when letters of the Latin script are mixed with Cyrillic or Greek ones.
    static func mixesScripts(_ text: String) -> Bool {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        var latin = false
        var other = false
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: latin = true
            case 0x0370...0x03FF, 0x0400...0x04FF: other = true
            default: break
            }
        }
        return latin && other
    }

    private static let confusables: [UInt32: Character] = [
        // Cyrillic
        0x0430: "a", 0x0435: "e", 0x043E: "o", 0x0440: "p", 0x0441: "c", 0x0443: "y", 0x0445: "x", 0x0456: "i",
        0x0458: "j", 0x0455: "s", 0x0501: "d", 0x04BB: "h", 0x0501 + 1: "d", 0x043A: "k", 0x043C: "m", 0x0442: "t",
        0x0432: "b", 0x043D: "h",
        // Greek
        0x03BF: "o", 0x03B1: "a", 0x03BD: "v", 0x03C1: "p", 0x03B9: "i", 0x03BA: "k", 0x03C4: "t", 0x03C5: "u",
        0x03B5: "e", 0x03C7: "x",
        // Latin look-alikes
        0x0131: "i", 0x0261: "g",
    ]
}
