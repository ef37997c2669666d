internal import CZlibInflate

/// Inflates gzip data while it streams, including files made of several concatenated gzip members.
///
/// Memory is one fixed input buffer plus zlib's 32 KiB window, whatever the file's size.
package final class GzipByteSource: ByteSource {
    private let upstream: ByteSource
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var finished = false
    /// A member just ended: zero bytes after it are padding (a block device or tape image), skipped
    /// as `gzip -d` skips them, not a damaged next member.
    private var atMemberEnd = false
    /// An error met after some output of the current call: thrown on the next call, so the bytes
    /// inflated before the damage are never lost.
    private var deferredError: InputError?

    /// - Parameter upstream: the compressed bytes.
    package init(upstream: ByteSource, inputBufferSize: Int = 256 * 1024) {
        self.upstream = upstream
        input = .allocate(byteCount: inputBufferSize, alignment: 16)
        // 15 + 16: zlib window of 32 KiB, expect a gzip header.
        inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let error = deferredError {
            deferredError = nil
            throw error
        }
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        do {
            return try inflate(into: out, count: buffer.count)
        } catch {
            let produced = buffer.count - Int(stream.avail_out)
            guard produced > 0 else { throw error }
            deferredError = error
            return produced
        }
    }

    private func inflate(into out: UnsafeMutableRawPointer, count: Int) throws(InputError) -> Int {
        let buffer = UnsafeMutableRawBufferPointer(start: out, count: count)
        stream.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(clamping: buffer.count)
        while stream.avail_out == UInt32(clamping: buffer.count) {
            if stream.avail_in == 0 {
                let count = try upstream.read(into: input)
                if count == 0 {
                    finished = true
                    // Clean end only between members (inflate reset after Z_STREAM_END).
                    if stream.total_in > 0 { throw .truncatedCompressedData(format: "gzip") }
                    return 0
                }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = UInt32(count)
            }
            if atMemberEnd {
                while stream.avail_in > 0, stream.next_in.pointee == 0 {
                    stream.next_in += 1
                    stream.avail_in -= 1
                }
                if stream.avail_in == 0 { continue }
                atMemberEnd = false
            }
            let status = CZlibInflate.inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow: reset and keep going.
                let produced = buffer.count - Int(stream.avail_out)
                inflateReset(&stream)
                atMemberEnd = true
                if produced > 0 { return produced }
            default:
                finished = true
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .corruptCompressedData(format: "gzip", message)
            }
        }
        return buffer.count - Int(stream.avail_out)
    }
}
