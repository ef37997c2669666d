/// Hands out bytes already read from a stream (to sniff its format) before the rest of it.
final class ReplayingByteSource: ByteSource {
    private var head: [UInt8]
    private var position = 0
    private let upstream: ByteSource

    init(head: [UInt8], upstream: ByteSource) {
        self.head = head
        self.upstream = upstream
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard position < head.count else { return try upstream.read(into: buffer) }
        let count = min(buffer.count, head.count - position)
        head.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + count])) }
        position += count
        return count
    }
}
