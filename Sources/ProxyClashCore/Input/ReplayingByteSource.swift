/// Hands out bytes already read from a stream (to sniff its format) before the rest of it.
final class ReplayingByteSource: ByteSource {
    private var head: [UInt8]
    private var position = 0
    private var pendingError: InputError?
    private let upstream: ByteSource

    /// - Parameter error: an error met while reading `head`, thrown once the head is handed out.
    init(head: [UInt8], then error: InputError? = nil, upstream: ByteSource) {
        self.head = head
        pendingError = error
        self.upstream = upstream
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard position < head.count else {
            if let error = pendingError {
                pendingError = nil
                throw error
            }
            return try upstream.read(into: buffer)
        }
        let count = min(buffer.count, head.count - position)
        head.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + count])) }
        position += count
        return count
    }
}
