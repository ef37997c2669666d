/// Hands out at most `limit` bytes of a stream; reading past them throws `exceeded` (after the
/// bytes within the limit were handed out): the size limits against archive bombs.
final class LimitedByteSource: ByteSource {
    private let upstream: ByteSource
    private let limit: UInt64
    private let exceeded: InputError
    /// Bytes handed out so far.
    private(set) var delivered: UInt64 = 0
    private var overflowed = false

    init(upstream: ByteSource, limit: UInt64, exceeded: InputError) {
        self.upstream = upstream
        self.limit = limit
        self.exceeded = exceeded
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if overflowed { throw exceeded }
        let room = limit - delivered
        // One byte more than the room tells a stream that goes on from one that ends right there.
        let asked = room >= UInt64(buffer.count) ? buffer.count : Int(room) + 1
        guard asked > 0 else { return 0 }
        let count = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<asked]))
        if UInt64(count) > room {
            overflowed = true
            delivered += room
            if room == 0 { throw exceeded }
            return Int(room)
        }
        delivered += UInt64(count)
        return count
    }
}
