/// Turns HTML into text as it streams, one decoded piece at a time: tags are dropped (block
/// tags become line breaks, table cells ` | `), `<style>`/`<script>` content is skipped, and the
/// common entities (`&quot;` `&amp;` `&lt;` `&gt;` `&nbsp;` `&#NN;` `&#xNN;`) are decoded.
struct HTMLText {
    private var inTag = false
    private var tag: [UInt8] = []
    private var entity: [UInt8]?
    private var skippingUntil: String?

    private static let blockTags: Set<String> = ["br", "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "table", "/table",
                                                 "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3", "/h4", "hr"]

    /// Appends the text of `bytes` to `output`.
    mutating func feed(_ bytes: some Sequence<UInt8>, into output: inout [UInt8]) {
        for byte in bytes {
            if inTag {
                if byte == UInt8(ascii: ">") {
                    inTag = false
                    closeTag(into: &output)
                } else if tag.count < 64 {
                    tag.append(byte)
                }
                continue
            }
            if skippingUntil != nil {
                if byte == UInt8(ascii: "<") { inTag = true; tag.removeAll(keepingCapacity: true) }
                continue
            }
            if var pending = entity {
                if byte == UInt8(ascii: ";") || pending.count > 10 {
                    entity = nil
                    output += Self.decodeEntity(pending) ?? ([UInt8(ascii: "&")] + pending + (byte == UInt8(ascii: ";") ? [UInt8(ascii: ";")] : [byte]))
                } else {
                    pending.append(byte)
                    entity = pending
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                inTag = true
                tag.removeAll(keepingCapacity: true)
            case UInt8(ascii: "&"):
                entity = []
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                output.append(UInt8(ascii: " "))  // HTML line breaks are spaces
            default:
                output.append(byte)
            }
        }
    }

    private mutating func closeTag(into output: inout [UInt8]) {
        var bare = String(String(decoding: tag, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace).first ?? "")
        if bare.hasSuffix("/") { bare.removeLast() }
        if let until = skippingUntil {
            if bare == until { skippingUntil = nil }
            return
        }
        if bare == "style" || bare == "script" || bare == "head" { skippingUntil = "/" + bare }
        if Self.blockTags.contains(bare) { output.append(UInt8(ascii: "\n")) }
        if bare == "td" || bare == "th" { output += Array(" | ".utf8) }
    }

    private static func decodeEntity(_ name: [UInt8]) -> [UInt8]? {
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "quot": return [UInt8(ascii: "\"")]
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "apos": return [UInt8(ascii: "'")]
        case "nbsp": return [UInt8(ascii: " ")]
        default:
            guard text.hasPrefix("#") else { return nil }
            let number = text.dropFirst()
            let value = number.hasPrefix("x") || number.hasPrefix("X") ? UInt32(number.dropFirst(), radix: 16) : UInt32(number)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(scalar).utf8)
        }
    }
}
