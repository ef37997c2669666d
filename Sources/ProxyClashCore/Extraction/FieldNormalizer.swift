#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Normalizes captured text into comparable field values and recognises documentation
/// placeholders (`<GUID value>`, `SMTP:<conflicting SMTP address>`, `[email protected]`).
enum FieldNormalizer {
    /// Why a captured value is not a real one.
    enum Rejection: Error, Equatable {
        case placeholder(String)
        case malformed(String)
    }

    /// A proxy address split into its canonical type and value.
    struct ProxyAddress: Equatable {
        /// Lower-case type: `smtp`, `x500`, `sip`, ...
        let type: String
        let value: String
        /// `smtp:jane@contoso.com`: the dedup key part.
        var key: String { type + ":" + FieldNormalizer.lowercased(value) }
        /// `SMTP:jane@contoso.com`: type upper-case, value lower-case (Exchange compares both
        /// case-insensitively), so every spelling of one address prints the same.
        var display: String { type.uppercased() + ":" + FieldNormalizer.lowercased(value) }
    }

    static func isPlaceholder(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
                || ["[email", "protected]", "…", "..."].contains { byteRange(of: $0, in: bytes) != nil }
        }
    }

    /// Parses `SMTP:jane@contoso.com`, `X500:/o=.../cn=...`, `sip:x@y`. A value without a type
    /// prefix gets `defaultType` (nil: rejected).
    static func proxyAddress(_ raw: String, defaultType: String? = nil) -> Result<ProxyAddress, Rejection> {
        let text = trimmed(raw)
        if text.isEmpty || isPlaceholder(text) { return .failure(.placeholder(text)) }
        var type = defaultType
        var value = Substring(text)
        if let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")), case let prefix = text.utf8[..<colon],
           (2...10).contains(prefix.count), prefix.allSatisfy(isASCIIAlphanumeric) {
            type = String(decoding: prefix.map(asciiLowercased), as: UTF8.self)
            value = text[text.utf8.index(after: colon)...]
        }
        guard let type else { return .failure(.malformed(text)) }
        let cleanValue = trimmed(String(value))
        switch type {
        case "smtp", "sip":
            guard isMailLike(cleanValue) else { return .failure(.malformed(text)) }
        case "x500", "x400":
            guard cleanValue.count > 3 else { return .failure(.malformed(text)) }
        default:
            guard !cleanValue.isEmpty else { return .failure(.malformed(text)) }
        }
        return .success(ProxyAddress(type: type, value: cleanValue))
    }

    /// `local@domain.tld` without spaces.
    static func isMailLike(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(UInt8(ascii: ".")),
              parts[1].first != UInt8(ascii: "."), parts[1].last != UInt8(ascii: ".") else { return false }
        return !containsWhitespace(text)
    }

    /// Lower-case 8-4-4-4-12 GUID; braces dropped.
    static func guid(_ raw: String) -> Result<String, Rejection> {
        var text = trimmed(raw)
        if isPlaceholder(text) { return .failure(.placeholder(text)) }
        if text.hasPrefix("{"), text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        let bytes = Array(text.utf8)
        let dashes: Set = [8, 13, 18, 23]
        guard bytes.count == 36, bytes.indices.allSatisfy({ dashes.contains($0) ? bytes[$0] == UInt8(ascii: "-") : isASCIIHexDigit(bytes[$0]) }) else {
            return .failure(.malformed(text))
        }
        return .success(String(decoding: bytes.map(asciiLowercased), as: UTF8.self))
    }

    /// Canonical spelling of a directory object type (`PublicFolder`, `Contact`, ...).
    static func objectType(_ raw: String) -> String {
        knownObjectTypes[raw.lowercased()] ?? raw
    }

    private static let knownObjectTypes = ["publicfolder": "PublicFolder", "contact": "Contact", "user": "User", "group": "Group", "device": "Device"]

    /// Canonical attribute name: `ProxyAddress`, `proxyAddresses` and "Proxy address" are one.
    static func attribute(_ raw: String) -> String {
        let compact = if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            String(decoding: raw.utf8.filter { !isASCIISpace($0) }.map(asciiLowercased), as: UTF8.self)
        } else {
            raw.lowercased().filter { !$0.isWhitespace }
        }
        return knownAttributes[compact] ?? trimmed(raw)
    }

    private static let knownAttributes = [
        "proxyaddress": "ProxyAddresses", "proxyaddresses": "ProxyAddresses",
        "userprincipalname": "UserPrincipalName", "upn": "UserPrincipalName", "sipproxyaddress": "SipProxyAddress",
        "mail": "Mail", "signinname": "SignInName", "onpremisesecurityidentifier": "OnPremiseSecurityIdentifier"]

    /// Where an owner path says which Exchange forest and tenant hold the object:
    /// `NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jane`,
    /// its LDAP DN form, or an on-premises canonical name (`corp.example/Data/Contacts/X`: forest only).
    static func forestAndTenant(ofOwner owner: String) -> (forest: String?, tenant: String?) {
        let marker = "/Microsoft Exchange Hosted Organizations/"
        if let range = asciiCaseInsensitiveRange(of: marker, in: owner) {
            let forest = lowercased(String(owner[..<range.lowerBound]))
            let tenant = owner.utf8[range.upperBound...].split(separator: UInt8(ascii: "/")).first.map { lowercased(String(Substring($0))) }
            return (forest.isEmpty ? nil : forest, tenant)
        }
        if asciiCaseInsensitiveRange(of: "OU=Microsoft Exchange Hosted Organizations", in: owner) != nil {
            let parts = owner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let hosted = parts.firstIndex { $0.caseInsensitiveCompare("OU=Microsoft Exchange Hosted Organizations") == .orderedSame }
            let tenant = hosted.flatMap { $0 > 0 ? parts[$0 - 1] : nil }.flatMap { $0.lowercased().hasPrefix("ou=") ? String($0.dropFirst(3)).lowercased() : nil }
            let dcs = parts.filter { $0.lowercased().hasPrefix("dc=") }.map { $0.dropFirst(3).lowercased() }
            return (dcs.isEmpty ? nil : dcs.joined(separator: "."), tenant)
        }
        if owner.utf8.contains(UInt8(ascii: "/")), let piece = owner.utf8.split(separator: UInt8(ascii: "/")).first {
            let first = String(Substring(piece))
            if first.utf8.contains(UInt8(ascii: ".")), !containsWhitespace(first) { return (lowercased(first), nil) }
        }
        return (nil, nil)
    }

    /// `text` in lower case, exactly as `String.lowercased()` gives it, at a fraction of the cost
    /// for text that is mostly ASCII (an owner path with one accented name): only the non-ASCII
    /// characters are looked up in Unicode's case tables.
    static func lowercased(_ text: String) -> String {
        var text = text
        let ascii = text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { lower in
                for index in bytes.indices { lower[index] = asciiLowercased(bytes[index]) }
                return bytes.count
            }
        }
        if let ascii { return ascii }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                bytes.append(asciiLowercased(UInt8(scalar.value)))
            } else {
                bytes += scalar.properties.lowercaseMapping.utf8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where `needle` (ASCII) occurs in `text`, ignoring ASCII case.
    static func asciiCaseInsensitiveRange(of needle: String, in text: String) -> Range<String.Index>? {
        var copy = text
        guard let found = copy.withUTF8({ byteRange(of: needle, in: $0, ignoringASCIICase: true) }) else { return nil }
        let lowerBound = text.utf8.index(text.startIndex, offsetBy: found.lowerBound)
        return lowerBound..<text.utf8.index(lowerBound, offsetBy: found.count)
    }

    /// Where the UTF-8 bytes of `needle` first occur in `bytes`. A plain byte comparison: these
    /// run for every finding, and Foundation's string search folds Unicode at many times the cost.
    static func byteRange(of needle: String, in bytes: UnsafeBufferPointer<UInt8>, ignoringASCIICase: Bool = false) -> Range<Int>? {
        func fold(_ byte: UInt8) -> UInt8 { ignoringASCIICase ? asciiLowercased(byte) : byte }
        var needle = needle
        return needle.withUTF8 { wanted in
            guard !wanted.isEmpty, bytes.count >= wanted.count else { return nil }
            if !ignoringASCIICase {
                // memchr to each place the needle's first byte is, then one comparison.
                let base = UnsafeRawPointer(bytes.baseAddress!)
                var start = 0
                while start + wanted.count <= bytes.count,
                      let found = memchr(base + start, Int32(wanted[0]), bytes.count - wanted.count - start + 1) {
                    start = UnsafeRawPointer(found) - base
                    if memcmp(base + start, wanted.baseAddress!, wanted.count) == 0 { return start..<(start + wanted.count) }
                    start += 1
                }
                return nil
            }
            candidates: for start in 0...(bytes.count - wanted.count) {
                for offset in 0..<wanted.count where fold(bytes[start + offset]) != fold(wanted[offset]) { continue candidates }
                return start..<(start + wanted.count)
            }
            return nil
        }
    }

    /// `text` split at every occurrence of `separator`, empty pieces kept (byte-wise, as
    /// Foundation's `components(separatedBy:)` but without bridging).
    static func components(of text: String, separatedBy separator: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var pieces: [String] = []
            var start = 0
            while let found = byteRange(of: separator, in: UnsafeBufferPointer(rebasing: bytes[start...])) {
                pieces.append(String(decoding: bytes[start..<(start + found.lowerBound)], as: UTF8.self))
                start += found.upperBound
            }
            pieces.append(String(decoding: bytes[start...], as: UTF8.self))
            return pieces
        }
    }

    /// `text` without the `byte` (ASCII) it starts or ends with, repeated.
    static func trimming(_ byte: UInt8, from text: String) -> String {
        guard text.utf8.first == byte || text.utf8.last == byte else { return text }
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { $0 != byte }), let last = bytes.lastIndex(where: { $0 != byte }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// `text` without leading and trailing white space (Unicode's, as Foundation's
    /// `.whitespacesAndNewlines`; checked byte-wise when the ends are ASCII, as they nearly always are).
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first < 0x80, last < 0x80, !isASCIISpace(first), !isASCIISpace(last) { return text }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }

    /// True when `text` holds a white-space character (ASCII text checked byte-wise).
    static func containsWhitespace(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.contains(where: isASCIISpace) }
        return text.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (UInt8(ascii: "\t")...UInt8(ascii: "\r")).contains(byte)
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isASCIIHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// True when the bytes of `text` from `start` spell `word` (ASCII, lower case) in any case.
    static func spells(_ word: StaticString, in text: UnsafeRawBufferPointer, at start: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start >= 0, text.count - start >= count else { return false }
        for offset in 0..<count where asciiLowercased(text[start + offset]) != word.utf8Start[offset] { return false }
        return true
    }

    /// `byte`, lower-cased when it is an ASCII capital letter.
    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | UInt8(ascii: " ") : byte
    }
}
