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
                if byte == 0x3E {
                    inTag = false
                    closeTag(into: &output)
                } else if tag.count < 64 {
                    tag.append(byte)
                }
                continue
            }
            if skippingUntil != nil {
                if byte == 0x3C { inTag = true; tag.removeAll(keepingCapacity: true) }
                continue
            }
            if var pending = entity {
                if byte == 0x3B || pending.count > 10 {
                    entity = nil
                    output += Self.decodeEntity(pending) ?? ([0x26] + pending + (byte == 0x3B ? [0x3B] : [byte]))
                } else {
                    pending.append(byte)
                    entity = pending
                }
                continue
            }
            switch byte {
            case 0x3C:
                inTag = true
                tag.removeAll(keepingCapacity: true)
            case 0x26:
                entity = []
            case 0x0A, 0x0D:
                output.append(0x20)  // HTML line breaks are spaces
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
        if Self.blockTags.contains(bare) { output.append(0x0A) }
        if bare == "td" || bare == "th" { output += Array(" | ".utf8) }
    }

    private static func decodeEntity(_ name: [UInt8]) -> [UInt8]? {
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "quot": return [0x22]
        case "amp": return [0x26]
        case "lt": return [0x3C]
        case "gt": return [0x3E]
        case "apos": return [0x27]
        case "nbsp": return [0x20]
        default:
            guard text.hasPrefix("#") else { return nil }
            let number = text.dropFirst()
            let value = number.hasPrefix("x") || number.hasPrefix("X") ? UInt32(number.dropFirst(), radix: 16) : UInt32(number)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(scalar).utf8)
        }
    }
}
