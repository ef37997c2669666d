import Foundation

/// One message reporting one incident, as the history store keeps it: enough to count it once
/// however often the same log is scanned again.
package struct Occurrence: Sendable, Equatable {
    package let kind: IncidentKind
    package let key: String
    /// The message's own time, nil when it has none.
    package let timestamp: Date?
    /// FNV-1a 64 of kind, key, time and the message text: the same message read again (the same
    /// file twice, a rotated file that grew) has the same fingerprint, wherever it is read. A
    /// message without a time also has its place (path and line) in it: the same words in next
    /// week's transcript are another message, not this one again.
    package let fingerprint: UInt64
    package internal(set) var source: SourceRef
    /// How ``timestamp`` was decided (nil when read from a store or a shard that did not say).
    package var datedBy: TimeEvidence? = nil

    static func fingerprint(kind: IncidentKind, key: String, timestamp: Date?, text: UnsafeRawBufferPointer, source: SourceRef) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0xFF
            hash = hash &* 0x0000_0100_0000_01B3
        }
        mix(kind.rawValue.utf8)
        mix(key.utf8)
        mix((timestamp.map(ISO8601.format) ?? "").utf8)
        mix(text)
        if timestamp == nil {
            mix(source.path.utf8)
            mix(String(source.line).utf8)
        }
        return hash
    }
}
