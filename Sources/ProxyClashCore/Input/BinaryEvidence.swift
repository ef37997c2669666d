/// Decides whether bytes are text worth scanning, on evidence rather than on a single NUL byte
/// (the rule is in the README, "Output and safety"):
///
/// - Only bytes holding a NUL are judged (binary data has one in every 256 bytes or so): others
///   are text.
/// - Text starts with text: bytes that start with NUL (`/dev/zero`, disk images, `/proc` tables)
///   are binary.
/// - Runs of 8 or more NUL bytes are padding (the zero-filled block a crash or a preallocating
///   writer leaves in a log) and are not counted either way.
/// - Of the other bytes, more than 5% are control bytes that text does not use (C0 controls but
///   tab, newline, vertical tab, form feed, carriage return and escape; DEL; NUL bytes outside
///   padding): binary. Random or compressed data has about 10%; logs, including legacy code
///   pages and UTF-8 in any script, have next to none.
struct BinaryEvidence {
    /// Why the bytes are binary, or nil when they are text.
    let verdict: String?

    /// NUL runs at least this long are padding.
    static let paddingRunLength = 8

    init(head: UnsafeRawBufferPointer) {
        guard let first = head.first else {
            verdict = nil
            return
        }
        guard first != 0 else {
            verdict = "starts with NUL bytes"
            return
        }
        var control = 0
        var padding = 0
        var index = 0
        while index < head.count {
            let byte = head[index]
            if byte == 0 {
                var end = index + 1
                while end < head.count, head[end] == 0 { end += 1 }
                if end - index >= Self.paddingRunLength { padding += end - index } else { control += end - index }
                index = end
                continue
            }
            if Self.isControl[Int(byte)] { control += 1 }
            index += 1
        }
        let counted = head.count - padding
        verdict = counted > 0 && control * 20 > counted
            ? "\(control * 100 / counted)% of its first \(head.count) bytes are control bytes that text does not use"
            : nil
    }

    /// Control bytes that text does not use (NUL is counted separately).
    private static let isControl: [Bool] = (0..<256).map { byte in
        switch byte {
        case 0x01...0x08, 0x0E...0x1A, 0x1C...0x1F, 0x7F: true
        default: false
        }
    }
}
